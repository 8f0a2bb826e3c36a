using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;

namespace MailDsl.Probing
{
    /// <summary>One line of <c>probe</c>'s table: a check at an endpoint, what the description implies and what was found.</summary>
    /// <param name="Endpoint">Where.</param>
    /// <param name="Check">What: <c>reachable</c>, <c>tls</c>, <c>protocols</c>, <c>tls1.2 suites</c>, <c>groups</c>, <c>certificate names</c>, <c>certificate chain</c>, <c>certificate days</c>, <c>same key</c>, <c>auth before tls</c>, <c>redirect</c>, <c>hsts</c>, <c>webmail login page</c>.</param>
    /// <param name="Differs">Whether what was found is not what the description implies.</param>
    /// <param name="Expected">What the description implies.</param>
    /// <param name="Found">What the endpoint answered.</param>
    public sealed record ProbeResult(ProbeEndpoint Endpoint, string Check, bool Differs, string Expected, string Found);

    /// <summary>Compares what the probe found with what the description implies, check by check.</summary>
    public static class ProbeComparison
    {
        /// <summary>
        /// Every check of every observation, the differences first (then by host and port, in check order); a check that
        /// could not run because an earlier one failed (no TLS, so no suites) is left out, the earlier one says why.
        /// </summary>
        /// <param name="observations">What was found at each endpoint.</param>
        /// <param name="now">The time certificates' days left are counted from.</param>
        public static IReadOnlyList<ProbeResult> Compare(IReadOnlyList<ProbeObservation> observations, DateTime now)
        {
            var results = new List<ProbeResult>();
            foreach (var o in observations) results.AddRange(Compare(o, now));
            results.AddRange(SameKeyBehindVips(observations));
            var order = results.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
            return results.OrderByDescending(r => r.Differs).ThenBy(r => r.Endpoint.IsVip).ThenBy(r => r.Endpoint.Host, StringComparer.Ordinal)
                .ThenBy(r => r.Endpoint.Port).ThenBy(r => order[r]).ToList();
        }

        private static IEnumerable<ProbeResult> Compare(ProbeObservation o, DateTime now)
        {
            var e = o.Endpoint;
            ProbeResult R(string check, bool differs, string expected, string found) => new(e, check, differs, expected, found);
            if (o.Unreachable is not null)
            {
                yield return R("reachable", true, "answers on TCP " + e.Port, o.Unreachable);
                yield break;
            }
            yield return R("reachable", false, "answers on TCP " + e.Port, "answers");
            if (e.Redirect is { } redirect && o.PlainHttp is { } plain)
            {
                var location = redirect.Location(e.Host, plain.Request);
                var expected = redirect.Status + (redirect.Status == 308 ? "" : " (or 308)") + " to " + location;
                yield return R("redirect", plain.Failure is not null || !redirect.Accepts(plain.Status) || plain.Location != location, expected,
                    plain.Failure ?? plain.Status + " " + (plain.Location is null ? "without a Location" : "to " + plain.Location));
            }
            if (!e.UsesTls) yield break;
            var how = e.StartTlsProtocol is { } st ? "STARTTLS (" + st + ")" : "TLS from the first byte";
            if (o.TlsFailure is not null)
            {
                yield return R("tls", true, how, o.TlsFailure);
                yield break;
            }
            yield return R("tls", false, how, how);
            if (e.RefusesAuthBeforeTls && o.AuthBeforeTls is not null)
                yield return R("auth before tls", o.AuthBeforeTls.Length > 0, "no login offered before STARTTLS", o.AuthBeforeTls.Length > 0 ? "offered: " + o.AuthBeforeTls : "none offered");

            yield return R("protocols", !e.Protocols.SequenceEqual(o.Protocols), Versions(e.Protocols), Versions(o.Protocols));

            if (o.Certificate is { } cert)
            {
                // A server offers the suites its certificate's key can sign for, so the certificate type filters what is expected.
                var suites = e.Tls12Suites.Where(s => (s.Authentication & cert.KeyType) != 0).Select(s => s.Name).ToList();
                if (suites.Count > 0 || o.Tls12Suites.Count > 0)
                    yield return R("tls1.2 suites", !suites.SequenceEqual(o.Tls12Suites, StringComparer.Ordinal), Join(suites), Join(o.Tls12Suites));

                var missing = e.CertificateNames.Where(n => !Covers(cert.Names, n)).ToList();
                yield return R("certificate names", missing.Count > 0, "covers " + string.Join(", ", e.CertificateNames),
                    missing.Count > 0 ? "does not cover " + string.Join(", ", missing) + " (" + cert.Subject + "; " + string.Join(", ", cert.Names) + ")" : "covers them");
                yield return R("certificate chain", cert.ChainError is not null, "verifies against the trusted CA", cert.ChainError ?? "verifies");
                var days = (int)Math.Floor((cert.NotAfter - now).TotalDays);
                yield return R("certificate days", days < ProbePlan.MinimumDaysLeft, "at least " + ProbePlan.MinimumDaysLeft + " days left",
                    days < 0 ? "expired " + (-days) + " days ago (" + cert.NotAfter.ToString("yyyy-MM-dd") + ")" : days + " days left (until " + cert.NotAfter.ToString("yyyy-MM-dd") + ")");
            }

            // Every group is offered by code point (TlsHello), so none goes unchecked for want of the client's knowing it.
            var extra = o.Groups.Where(g => !e.Groups.Contains(g)).ToList();
            var absent = e.Groups.Where(g => !o.Groups.Contains(g)).ToList();
            var groupsFound = Join(o.Groups) + (extra.Count > 0 ? "; not described: " + Join(extra) : "") + (absent.Count > 0 ? "; missing: " + Join(absent) : "");
            yield return R("groups", extra.Count > 0 || absent.Count > 0, Join(e.Groups), groupsFound);

            if (e.WebmailPage is { } page && o.WebmailPage is { } answer)
            {
                static string Hsts(string? value) => value is null ? "no Strict-Transport-Security header" : "Strict-Transport-Security: " + value;
                yield return R("hsts", answer.Failure is not null || answer.StrictTransportSecurity != page.StrictTransportSecurity,
                    Hsts(page.StrictTransportSecurity), answer.Failure ?? Hsts(answer.StrictTransportSecurity));
                var shows = answer.Body.IndexOf(page.Marker, StringComparison.Ordinal) >= 0;
                yield return R("webmail login page", answer.Failure is not null || answer.Status != 200 || !shows,
                    "GET " + page.Path + " answers 200 with SOGo's login page (" + page.Marker + ")",
                    answer.Failure ?? answer.Status + (shows ? " with SOGo's login page" : " without SOGo's login page" + Title(answer.Body)));
            }
        }

        /// <summary>What an answer that is not SOGo's page is, for the table: its HTML title, when it has one.</summary>
        private static string Title(string body)
        {
            var start = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            var end = start < 0 ? -1 : body.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
            return end < 0 ? "" : " (\"" + body.Substring(start + 7, Math.Min(end - start - 7, 80)).Trim() + "\")";
        }

        /// <summary>Every backend of a VIP serves the same key, so a client pinning it, or a session resumed on another backend, works.</summary>
        private static IEnumerable<ProbeResult> SameKeyBehindVips(IReadOnlyList<ProbeObservation> observations)
        {
            var byLayerPort = observations.Where(o => o.Certificate is not null).GroupBy(o => (o.Endpoint.Layer, o.Endpoint.Port));
            foreach (var group in byLayerPort)
            {
                // The key most of the layer's endpoints serve on the port, the VIP's answer included, is the one expected.
                if (!group.Any(o => o.Endpoint.IsVip)) continue;
                var members = group.Where(o => !o.Endpoint.IsVip).ToList();
                if (members.Count < 2) continue;
                var usual = group.GroupBy(m => m.Certificate!.KeyHash).OrderByDescending(g => g.Count()).First().Key;
                foreach (var m in members)
                    yield return new ProbeResult(m.Endpoint, "same key", m.Certificate!.KeyHash != usual, "the key of the other backends of its VIP", m.Certificate.KeyHash == usual ? "the same key" : "another key");
            }
        }

        /// <summary>Whether one of <paramref name="names"/> (DNS names, wildcards one label deep, IP addresses) covers <paramref name="name"/>.</summary>
        public static bool Covers(IEnumerable<string> names, string name)
        {
            foreach (var n in names)
            {
                if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return true;
                if (IPAddress.TryParse(n, out var a) && IPAddress.TryParse(name, out var b) && a.Equals(b)) return true;
                if (n.StartsWith("*.", StringComparison.Ordinal) && name.IndexOf('.') is var dot && dot > 0
                    && string.Equals(n.Substring(1), name.Substring(dot), StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private static string Versions(IReadOnlyList<TlsVersion> versions) => versions.Count == 0 ? "none" : string.Join(" ", versions.Select(TlsProtocolNames.OpenSsl));

        private static string Join(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(":", items);
    }
}
