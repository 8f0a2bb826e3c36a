using System.Linq;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Text;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// The names and syntax a Dovecot version reads for what MailDsl writes. Dovecot 2.4 renamed most of them
    /// (its "Upgrading from 2.3" notes; each name below is checked against <c>doveconf -d</c> of 2.3.19 and 2.4.1):
    /// <list type="table">
    /// <listheader><term>2.3</term><description>2.4</description></listheader>
    /// <item><term>(none)</term><description><c>dovecot_config_version</c> first, <c>dovecot_storage_version</c></description></item>
    /// <item><term><c>ssl_cert = &lt;file</c>, <c>ssl_key = &lt;file</c></term><description><c>ssl_server_cert_file = file</c>, <c>ssl_server_key_file = file</c></description></item>
    /// <item><term><c>ssl_prefer_server_ciphers = yes</c></term><description><c>ssl_server_prefer_ciphers = server</c></description></item>
    /// <item><term><c>ssl_dh = &lt;file</c></term><description><c>ssl_server_dh_file = file</c></description></item>
    /// <item><term><c>disable_plaintext_auth = yes</c></term><description><c>auth_allow_cleartext = no</c></description></item>
    /// <item><term><c>mail_location = maildir:~/Maildir</c></term><description><c>mail_driver = maildir</c>, <c>mail_path = ~/Maildir</c></description></item>
    /// <item><term><c>passdb { driver = pam }</c></term><description><c>passdb pam { }</c> (named sections)</description></item>
    /// <item><term><c>protocols = none</c></term><description><c>protocols =</c> (2.4 refuses "none")</description></item>
    /// </list>
    /// </summary>
    public sealed class DovecotSettings
    {
        /// <summary>Dovecot 2.3's names.</summary>
        public static DovecotSettings V23 { get; } = new(is24: false);

        /// <summary>Dovecot 2.4's names.</summary>
        public static DovecotSettings V24 { get; } = new(is24: true);

        private readonly bool _is24;

        private DovecotSettings(bool is24) => _is24 = is24;

        /// <summary>The names of <paramref name="version"/>.</summary>
        public static DovecotSettings For(SoftwareVersion version) => version.AtLeast(2, 4) ? V24 : V23;

        /// <summary>Whether the file must start with <c>dovecot_config_version</c> (2.4).</summary>
        public bool ConfigVersion => _is24;

        /// <summary>The value of <c>protocols</c> for a Dovecot that serves none (auth only).</summary>
        public string NoProtocols => _is24 ? "" : "none";

        /// <summary>
        /// The name of the address an <c>inet_listener</c> binds: 2.3's <c>address</c>; 2.4 knows no inet_listener_address
        /// (doveconf 2.4.1: "Unknown setting: address") and takes the <c>listen</c> setting inside the listener instead (seen).
        /// </summary>
        public string ListenerAddress => _is24 ? "listen" : "address";

        /// <summary>
        /// The certificate and key, read from their files by Dovecot (the key is never read by MailDsl), then its alternative
        /// of another key type (ECDSA beside RSA), if any, as Dovecot's second certificate (doc.dovecot.org, SSL configuration).
        /// </summary>
        public void SetCertificates(SettingsFile file, CertificatePaths certificate)
        {
            foreach (var (pair, (certificateName, keyName)) in certificate.Pairs().Zip(_is24 ? CertificateNames24 : CertificateNames23, (p, n) => (p, n)))
            {
                // 2.3 reads "<path" as the file's contents, 2.4 takes the path.
                var read = _is24 ? "" : "<";
                file.Set(certificateName, read + pair.CertificateFile);
                file.Set(keyName, read + pair.KeyFile);
            }
        }

        // The settings of the certificate and key, then of the alternative: 2.3's ssl_cert/ssl_key and ssl_alt_cert/ssl_alt_key,
        // 2.4's ssl_server_cert_file/ssl_server_key_file and ssl_server_alt_cert_file/ssl_server_alt_key_file.
        private static readonly (string Certificate, string Key)[] CertificateNames23 = { ("ssl_cert", "ssl_key"), ("ssl_alt_cert", "ssl_alt_key") };
        private static readonly (string Certificate, string Key)[] CertificateNames24 =
            { ("ssl_server_cert_file", "ssl_server_key_file"), ("ssl_server_alt_cert_file", "ssl_server_alt_key_file") };

        /// <summary>Whether the server's cipher order wins.</summary>
        public void SetPreferServerCiphers(SettingsFile file, bool server)
        {
            if (_is24) file.Set("ssl_server_prefer_ciphers", server ? "server" : "client");
            else file.Set("ssl_prefer_server_ciphers", server ? "yes" : "no");
        }

        /// <summary>The finite-field DH group file for DHE suites.</summary>
        public void SetDhFile(SettingsFile file, string path)
        {
            if (_is24) file.Set("ssl_server_dh_file", path);
            else file.Set("ssl_dh", "<" + path);
        }

        /// <summary>Whether plaintext logins are allowed outside TLS.</summary>
        public void SetCleartextAuth(SettingsFile file, bool allowed)
        {
            if (_is24) file.Set("auth_allow_cleartext", allowed ? "yes" : "no");
            else file.Set("disable_plaintext_auth", allowed ? "no" : "yes");
        }

        /// <summary>
        /// Where mailboxes live, from a 2.3 <c>mail_location</c> value (<c>driver:path</c>); 2.4 splits it into
        /// <c>mail_driver</c> and <c>mail_path</c>. Options after a second ':' have no single 2.4 equivalent, and the
        /// rules refuse them for 2.4 before anything is rendered.
        /// </summary>
        public void SetMailLocation(SettingsFile file, string location)
        {
            if (!_is24)
            {
                file.Set("mail_location", location);
                return;
            }
            var (driver, path) = SplitMailLocation(location);
            file.Set("mail_driver", driver);
            if (path.Length > 0) file.Set("mail_path", path);
        }

        /// <summary>A 2.3 <c>mail_location</c> as its driver and path (<c>maildir:~/Maildir</c> gives <c>maildir</c>, <c>~/Maildir</c>).</summary>
        public static (string Driver, string Path) SplitMailLocation(string location)
        {
            var colon = location.IndexOf(':');
            return colon < 0 ? (location, "") : (location.Substring(0, colon), location.Substring(colon + 1));
        }

        /// <summary>The password and user databases, by driver (e.g. <c>pam</c>, <c>passwd</c>).</summary>
        public void PassdbUserdb(ConfigWriter w, string passdbDriver, string userdbDriver)
        {
            if (_is24)
            {
                // 2.4 names each database; the name is its driver unless "driver" says otherwise.
                w.Open("passdb " + passdbDriver + " {");
                w.Close();
                w.Open("userdb " + userdbDriver + " {");
                w.Close();
                return;
            }
            w.Open("passdb {");
            w.Line("driver = " + passdbDriver);
            w.Close();
            w.Open("userdb {");
            w.Line("driver = " + userdbDriver);
            w.Close();
        }
    }
}
