using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;
using MailDsl.Topology;

namespace MailDsl.Daemons.Haproxy
{
    /// <summary>
    /// MAIL7006: a health check the description sets that expects another daemon's greeting (SMTP's 220 on an IMAP port),
    /// or a greeting no server of the protocol sends, or names a listener the layer does not have: HAProxy marks every host
    /// down and the VIP serves nobody; or a greeting for an HTTP listener, which is checked by a request, not a greeting.
    /// </summary>
    internal sealed class HealthCheckGreetingRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.HealthCheckGreeting;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is not { } balancers) yield break;
            for (var i = 0; i < balancers.Checks.Count; i++)
            {
                if (balancers.Checks[i] is not { } check) continue;
                var key = OriginKeys.Balancers.Check(i);
                var layer = LayerDescriptors.All.FirstOrDefault(d => d.Key == check.Layer)?.Of(platform);
                var listener = layer?.Listeners.FirstOrDefault(l => l is not null && l.Name == check.Listener);
                if (layer is null || listener is null)
                {
                    // The layer is the wrong argument when it lacks the listener another described layer has (or names no layer).
                    var layerWrong = layer is null || LayerDescriptors.All.Any(d => d.Of(platform) is { } other && other.Listeners.Any(l => l is not null && l.Name == check.Listener));
                    yield return Report(layerWrong ? key.Layer : key.Listener,
                        $"The health check names {(layer is null ? "the layer '" + ValueSafety.Show(check.Layer) + "'" : "the listener '" + ValueSafety.Show(check.Listener) + "'")}, "
                        + $"which the platform does not describe{(layer is null ? "" : " on the " + LayerDescriptors.Of(layer).DisplayName + " layer")}. Name a described "
                        + $"layer by its key ({string.Join(", ", LayerDescriptors.All.Where(d => d.Of(platform) is { } l && l.Vip is not null).Select(d => d.Key))}) and one of its listeners.");
                    continue;
                }
                var expect = check.Expect ?? "";
                if (listener.Protocol is ServiceProtocol.Http or ServiceProtocol.Https)
                {
                    // HealthChecks.Plan checks an HTTP listener with a request for SOGo's login page and its status; a greeting has no place there.
                    yield return Report(key.Expect, $"The health check of {LayerDescriptors.Of(layer).DisplayName} '{listener.Name}' ({listener.Protocol}, port {listener.Port}) "
                        + $"expects the greeting '{ValueSafety.Show(expect)}', but an HTTP server greets no one: the balancers check it with a request for "
                        + "SOGo's login page and its status code, and a greeting would be ignored. Remove this health check.");
                    continue;
                }
                if (expect.Any(c => c < ' ' || c > '~'))
                {
                    yield return Report(key.Expect, $"The health check's expected greeting '{ValueSafety.Show(expect)}' holds a control or non-ASCII character; HAProxy's "
                        + "tcp-check expect takes one line of text, and mail protocols greet in ASCII. Write the start of the greeting, e.g. '" + HealthChecks.Greeting(listener.Protocol) + "'.");
                    continue;
                }
                if (expect.IndexOf('$') >= 0)
                {
                    yield return Report(key.Expect, $"The health check's expected greeting '{ValueSafety.Show(expect)}' holds '$', which HAProxy expands as an environment "
                        + "variable in an unquoted argument, so the check would expect something else. Write the start of the greeting without it, e.g. '"
                        + HealthChecks.Greeting(listener.Protocol) + "'.");
                    continue;
                }
                var own = HealthChecks.Greeting(listener.Protocol);
                var like = HealthChecks.GreetingsLike(expect);
                if (own.StartsWith(expect, System.StringComparison.Ordinal) && expect.Length > 0 || expect.StartsWith(own, System.StringComparison.Ordinal)) continue;
                var other = like.FirstOrDefault();
                yield return Report(key.Expect,
                    $"The health check of {LayerDescriptors.Of(layer).DisplayName} '{listener.Name}' ({listener.Protocol}, port {listener.Port}) expects '{ValueSafety.Show(expect)}', "
                    + (like.Count > 0 ? $"which is how a {other} server greets, not {listener.Protocol}" : "which no " + listener.Protocol + " server sends first")
                    + $": the check never passes, HAProxy marks every host down and the VIP serves nobody. {listener.Protocol} servers start with '{own}'; "
                    + "write that, or remove the check (MailDsl's own speaks the protocol).");
            }
        }
    }

    /// <summary>MAIL7007: an idle timeout of 30 minutes or less on balancers in front of IMAP.</summary>
    internal sealed class IdleTimeoutTooShortRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.IdleTimeoutTooShort;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is not { } balancers || balancers.IdleTimeoutMinutes > 30) yield break;
            var imap = PlatformBalancing.Of(platform).Ports.Where(p => p.Listener.Protocol == ServiceProtocol.Imap).ToList();
            if (imap.Count == 0) yield break;
            yield return Report(OriginKeys.Balancers.IdleTimeout,
                $"The balancers close a connection idle for {balancers.IdleTimeoutMinutes} minute{(balancers.IdleTimeoutMinutes == 1 ? "" : "s")}, and they front IMAP "
                + $"({string.Join(", ", imap.Select(p => p.Listener.Name + " " + p.Listener.Port))}): a client in IDLE is silent for up to 29 minutes (RFC 2177) and an IMAP "
                + "server may not log it out sooner than 30 (RFC 9051 5.4), so every such session would be cut and the client would miss new mail until it "
                + "reconnects (Dovecot's HAProxy page: timeouts beyond 30 minutes). Write .IdleTimeout(31), or leave the default.");
        }
    }
}
