using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Sogo
{
    /// <summary>
    /// MAIL1031: a SOGo server URL without TLS (<c>imap://host:143</c> without <c>?tls=YES</c>, <c>smtp://host:587</c>,
    /// <c>sieve://host:4190</c>, a bare <c>host:port</c>). SOGo logs in to IMAP, SMTP and ManageSieve as the user, with the
    /// password the user typed: without TLS every user's password crosses the network in the clear at every page load.
    /// A URL to the webmail host itself (localhost, 127.0.0.0/8, ::1) stays silent: nothing crosses a network.
    /// </summary>
    internal sealed class SogoUrlWithoutTlsRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.SogoUrlWithoutTls;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } web) yield break;
            foreach (var url in SogoServerUrl.Written(web))
            {
                if (url.Encrypted || url.IsLocal) continue;
                yield return Report(url.OriginKey,
                    $"SOGo's {url.Setting} '{ValueSafety.Show(url.Text)}' has no TLS: SOGo logs in to it with each user's own password, which "
                    + "then crosses the network in the clear. Write " + Fix(url) + ".");
            }
        }

        private static string Fix(SogoServerUrl url) => url.Server switch
        {
            SogoServer.Imap => $"imaps://{url.Host}:993 (implicit TLS), or imap://{url.Host}:143/?tls=YES (STARTTLS)",
            SogoServer.Smtp => $"smtp://{url.Host}:587/?tls=YES (submission with STARTTLS), or smtps://{url.Host}:465",
            _ => $"sieve://{url.Host}:{url.Port}/?tls=YES (STARTTLS)",
        };
    }

    /// <summary>
    /// MAIL1032: <c>tlsVerifyMode=none</c> in a SOGo server URL. SOPE then accepts any certificate, so whoever answers in
    /// the server's place (a spoofed DNS answer, an ARP or routing trick) gets every user's password and mail. A URL to the
    /// webmail host itself stays silent.
    /// </summary>
    internal sealed class SogoTlsVerifyNoneRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.SogoTlsVerifyNone;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } web) yield break;
            foreach (var url in SogoServerUrl.Written(web))
            {
                if (!url.VerifyNone || url.IsLocal) continue;
                yield return Report(url.OriginKey,
                    $"SOGo's {url.Setting} '{ValueSafety.Show(url.Text)}' says tlsVerifyMode=none: SOGo accepts any certificate from {url.Host}, "
                    + "so anyone able to answer in its place gets every user's password and mail. Remove tlsVerifyMode=none (SOGo then "
                    + "verifies the certificate and the name), and name the CA that issued the server's certificate with "
                    + ".CertificateAuthority(\"/path/ca.crt\") if it is not in the hosts' system trust store.");
            }
        }
    }

    /// <summary>
    /// MAIL1033: <c>tlsVerifyMode=allowInsecureLocalhost</c> in a SOGo URL to a host that is not the webmail host by name.
    /// SOPE skips verification whenever the name resolves to a loopback address, so whether this connection is verified is
    /// decided by what /etc/hosts or DNS says on the day, not by the description; on an all-in-one host or a VIP mapped to
    /// 127.0.1.1 it is not verified at all. Only <c>localhost</c> and loopback addresses stay silent.
    /// </summary>
    internal sealed class SogoAllowInsecureLocalhostRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.SogoAllowInsecureLocalhost;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } web) yield break;
            foreach (var url in SogoServerUrl.Written(web))
            {
                if (!url.AllowInsecureLocalhost || url.IsLocal) continue;
                yield return Report(url.OriginKey,
                    $"SOGo's {url.Setting} '{ValueSafety.Show(url.Text)}' says tlsVerifyMode=allowInsecureLocalhost for {url.Host}, which is not "
                    + "this host by name: SOGo stops verifying whenever that name resolves to a loopback address, so /etc/hosts or DNS, "
                    + "not the description, decides whether the certificate is checked. Remove tlsVerifyMode (SOGo verifies by default).");
            }
        }
    }
}
