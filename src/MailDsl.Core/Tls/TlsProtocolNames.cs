using MailDsl.Model;

namespace MailDsl.Tls
{
    /// <summary>Protocol versions by the names OpenSSL gives them, which nginx, Dovecot and Postfix all use.</summary>
    public static class TlsProtocolNames
    {
        /// <summary>OpenSSL's name for <paramref name="version"/>, e.g. <c>TLSv1.2</c>.</summary>
        /// <param name="version">The version.</param>
        public static string OpenSsl(TlsVersion version) => version switch
        {
            TlsVersion.Ssl2 => "SSLv2",
            TlsVersion.Ssl3 => "SSLv3",
            TlsVersion.Tls10 => "TLSv1",
            TlsVersion.Tls11 => "TLSv1.1",
            TlsVersion.Tls12 => "TLSv1.2",
            _ => "TLSv1.3",
        };
    }
}
