using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5003: TLS to a directory or database server without verifying its certificate: a directory server with
    /// <c>verifyCertificate: false</c>, a database with <see cref="DatabaseTls.Required"/> (libpq's <c>sslmode=require</c>),
    /// or a raw Dovecot <c>ssl_client_require_valid_cert = no</c> on a platform with a directory. Whoever answers in the
    /// server's place gets every password sent to it. Servers on the host itself stay silent.
    /// </summary>
    internal sealed class UnverifiedServerRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnverifiedServer;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var c in DirectoryConnections.Of(platform).Where(c => c.Encrypted && !c.Verified && !c.IsLocal))
            {
                var how = c.IsLdap ? "verifyCertificate: false" : "DatabaseTls.Required";
                var fix = c.IsLdap
                    ? "Remove verifyCertificate: false, and name the CA that issued the server's certificate with .CertificateAuthority(\"/path/ca.crt\") if it is not in the hosts' system trust store."
                    : "Write DatabaseTls.VerifyFull (the default), and name the CA that issued the server's certificate with .CertificateAuthority(\"/path/ca.crt\").";
                yield return Report(c.VerifyKey,
                    $"{c.What} is reached over TLS without verifying its certificate ({how}): anyone able to answer in its place (a spoofed "
                    + "DNS answer, an ARP or routing trick) gets " + (c.IsLdap ? "the bind password and every user's password at login. " : "the database password and its data. ")
                    + fix);
            }
            if (platform.Directory is null) yield break;
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    if (setting.Daemon != Daemon.Dovecot || setting.Key != "ssl_client_require_valid_cert") continue;
                    var v = (setting.Value ?? "").Trim();
                    if (!v.Equals("no", StringComparison.OrdinalIgnoreCase) && !v.Equals("false", StringComparison.OrdinalIgnoreCase)) continue;
                    yield return Report(OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Value,
                        $"The {LayerDescriptors.Of(layer).DisplayName} Dovecot setting 'ssl_client_require_valid_cert = {ValueSafety.Show(setting.Value)}' stops Dovecot "
                        + "verifying the directory's certificate: anyone answering in its place gets every user's password at login. Remove it "
                        + "(MailDsl verifies against the platform's CA), and name that CA with .CertificateAuthority(\"/path/ca.crt\") if needed.");
                }
            }
        }
    }
}
