using System.Linq;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;

namespace MailDsl.Tls.Files
{
    /// <summary>
    /// The finite-field Diffie-Hellman group for DHE suites: RFC 7919's ffdhe2048, the group Mozilla's profiles name.
    /// nginx and Dovecot 2.3 have no built-in group, so without this file they silently drop every DHE suite of the
    /// cipher string (Postfix has its own). It is a public constant, not a secret: the same file on every host.
    /// </summary>
    public static class DhParameters
    {
        /// <summary>Where the file goes on the hosts that need it.</summary>
        public const string Path = "/etc/ssl/maildsl/ffdhe2048.pem";

        /// <summary>RFC 7919 ffdhe2048 as OpenSSL writes it (<c>openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048</c>).</summary>
        public const string Ffdhe2048Pem =
            "-----BEGIN DH PARAMETERS-----\n" +
            "MIIBCAKCAQEA//////////+t+FRYortKmq/cViAnPTzx2LnFg84tNpWp4TZBFGQz\n" +
            "+8yTnc4kmz75fS/jY2MMddj2gbICrsRhetPfHtXV/WVhJDP1H18GbtCFY2VVPe0a\n" +
            "87VXE15/V8k1mE8McODmi3fipona8+/och3xWKE2rec1MKzKT0g6eXq8CrGCsyT7\n" +
            "YdEIqUuyyOP7uWrat2DX9GgdT0Kj3jlN9K5W7edjcrsZCwenyO4KbXCeAvzhzffi\n" +
            "7MA0BM0oNC9hkXL+nOmFg/+OTxIy7vKBg8P+OxtMb61zO7X8vC7CIAXFjvGDfRaD\n" +
            "ssbzSibBsu/6iGtCOGEoXJf//////////wIBAg==\n" +
            "-----END DH PARAMETERS-----\n";

        /// <summary>Checks a DH group file on its own (<c>%s</c> standing for it): OpenSSL reads it and checks the group is safe.</summary>
        public const string Validation = "openssl dhparam -in %s -check -noout";

        /// <summary>The file as an artifact of <paramref name="host"/> (the same on every host that needs it).</summary>
        public static Artifact Artifact(string host) => new(host, Path, Model.Artifact.ReadableMode, Ffdhe2048Pem);

        /// <summary>Whether the cipher string <paramref name="tls"/> renders with selects any DHE suite on <paramref name="openSsl"/>.</summary>
        /// <param name="tls">The effective TLS of a service.</param>
        /// <param name="openSsl">The target's OpenSSL.</param>
        public static bool NeededBy(EffectiveTls tls, SoftwareVersion openSsl)
            => tls.Ciphers.Length > 0 && CipherStringEngine.Parse(tls.Ciphers, openSsl).Suites.Any(s => (s.Suite.KeyExchange & KeyExchange.Dhe) != 0);
    }
}
