using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailDsl.Daemons.Settings;
using MailDsl.Daemons.Settings.Rules;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Postfix
{
    /// <summary>
    /// The raw Postfix values postconf itself refuses when it reads main.cf (MAIL4019). postconf checks few values: tried with
    /// <c>x</c> in every parameter of 3.7 and 3.10, it refuses (fatal) only <c>inet_protocols</c>, <c>mynetworks_style</c>
    /// and an <c>inet_interfaces</c> name it cannot resolve, and warns on a restriction class that names no parameter
    /// ("undefined parameter"). The rest are read by the daemons at run time; MailDsl's grammar keeps their syntax safe.
    /// </summary>
    internal static class PostfixRawValues
    {
        /// <summary>The problems of every raw Postfix setting of <paramref name="platform"/>.</summary>
        public static IEnumerable<RawValueProblem> Of(PlatformModel platform)
        {
            foreach (var c in CheckedSetting.Of(platform))
            {
                if (c.Setting.Daemon != Daemon.Postfix || c.Setting.Value is not { } value || ValueSafety.Find(value, ValueKind.PostfixValue) is not null) continue;
                var origin = c.ValueOrigin;
                var words = value.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries);
                string? why = null;
                switch (c.Setting.Key)
                {
                    case "inet_protocols":
                        if (words.Length == 0 || words.Any(w => w is not ("all" or "ipv4" or "ipv6")))
                            why = "postconf stops with 'unknown inet_protocols value': write all, ipv4, ipv6 or 'ipv4, ipv6'";
                        break;
                    case "mynetworks_style":
                        if (words.Length != 1 || words[0] is not ("host" or "subnet" or "class"))
                            why = "postconf stops with 'unknown mynetworks mask style value': write host, subnet or class";
                        break;
                    case "inet_interfaces":
                        if (words.Any(w => w is not ("all" or "loopback-only") && !IPAddress.TryParse(w.Trim('[', ']'), out _)))
                            why = "postconf resolves a name here when it reads main.cf and stops with 'host not found' where it does not resolve; "
                                + "write IP addresses, all or loopback-only, or describe the address with .ListenOn(...)";
                        break;
                    case "smtpd_restriction_classes":
                        if (words.FirstOrDefault(w => !c.Catalog.IsKnown(w)) is { } undefined)
                            why = $"each word names a parameter holding the class's restrictions, and '{undefined}' is none (postconf warns 'undefined parameter'); "
                                + "MailDsl takes no parameter of your own (MAIL4010), so leave restriction classes out";
                        break;
                }
                if (why is not null)
                    yield return new RawValueProblem(origin, $"{c.Subject} = '{ValueSafety.Show(value)}' is refused by {c.VersionPhrase}: {why}.", Refused: true);
            }
        }
    }
}
