using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3001: a value holds a character the target file's syntax would read as syntax (a line break, ';',
    /// a brace, '#', a quote, ...). It is an error, so nothing is emitted: a value must never become a directive.
    /// </summary>
    internal sealed class UnsafeValueRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnsafeValue;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var value in WrittenValues.Of(platform))
            {
                if (ValueSafety.Find(value.Value, value.Kind) is not { } spot) continue;
                var message = $"{value.Label} '{ValueSafety.Show(value.Value)}' {spot.What}: {spot.Why}. "
                    + $"Nothing is emitted while it stands. {Advice(value.Kind)}";
                yield return Report(value.OriginKey, message, spot.Index, spot.Length);
            }
        }

        private static string Advice(ValueKind kind) => kind switch
        {
            ValueKind.HostName => "Write a DNS name of letters, digits, hyphens and dots, e.g. smtp-in-01.example.com (or an IP address).",
            ValueKind.DnsName => "Write a DNS name of letters, digits, hyphens and dots, e.g. example.com or smtp-in-01.example.com.",
            ValueKind.Path => "Write an absolute path of letters, digits and / . - _ only, e.g. /etc/pki/tls/certs/mail.crt.",
            ValueKind.Url => "Write a plain URL, e.g. imaps://imap.example.com:993.",
            ValueKind.CipherString => "Separate the cipher-string elements with ':' only, e.g. ECDHE+AESGCM:!aNULL.",
            ValueKind.Text => "Keep the banner to one line of plain text without '$', e.g. Example Mail System.",
            ValueKind.MailLocation => "Write it in Dovecot's mail_location syntax without these characters, e.g. maildir:~/Maildir.",
            ValueKind.ListenerName => "Name the listener with letters, digits, '-' and '_' only, e.g. imap-internal.",
            ValueKind.SettingKey => "Write the parameter name alone, e.g. smtpd_starttls_timeout, and its value as the second argument.",
            ValueKind.PostfixValue => "Write one setting per PostfixSetting call, its value on one line.",
            ValueKind.DovecotValue => "Write one setting per DovecotSetting call; a Dovecot value cannot hold '#', which starts a comment anywhere in the line.",
            ValueKind.SogoValue => "Write a plain word or a double-quoted string, e.g. \"imaps://imap.example.com:993\".",
            ValueKind.NginxMatch => "Write one location match, e.g. ~ ^/SOGo/so/(.*)$, and quote a regular expression that needs braces.",
            ValueKind.DistinguishedName => "Write the distinguished name on one line, e.g. cn=mailapps,ou=services,dc=example,dc=com.",
            ValueKind.MailAddress => "Write one plain address, e.g. postmaster@example.com, and each further target as an argument of its own.",
            ValueKind.SqlIdentifier => "Write the table's or column's name as the database knows it, e.g. mail_users or quota.",
            ValueKind.LdapAttribute => "Write the attribute's name as the schema knows it, e.g. info or mailQuota.",
            ValueKind.DirectoryField => "Write the attribute's or column's name, e.g. quota.",
            ValueKind.DatabaseName => "Write the name as the database server knows it, e.g. sogo or mail_users.",
            ValueKind.SystemUser => "Write a user name useradd accepts, e.g. vmail.",
            ValueKind.InterfaceName => "Write the interface's name as `ip link` shows it, e.g. eth0 or ens192.",
            ValueKind.NginxDirective => "Pass one directive per argument, each ending in ';', e.g. alias /usr/lib64/GNUstep/SOGo/WebServerResources/;",
            ValueKind.MtaStsMxPattern => "Write an MX host's name or '*.' and a domain, e.g. mx-01.example.com or *.example.com, one pattern per argument.",
            ValueKind.TlsRptUri => "Write one mailto: address or https: URL per argument, e.g. mailto:tlsrpt@example.com, with ',' and ';' percent-encoded (%2C, %3B).",
            _ => "Remove the character.",
        };
    }
}
