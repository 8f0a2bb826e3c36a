using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons.Sogo;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;
using MailDsl.Targets;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>
    /// MAIL4004: a raw nginx location directive that reaches outside what the site serves. nginx runs its
    /// configuration as root at start-up and serves what <c>alias</c> and <c>root</c> name to anyone, so a raw
    /// location body may not:
    /// <list type="bullet">
    /// <item><c>include</c> a file (any file on the host would become configuration);</item>
    /// <item>name or write files: certificates and keys, password files, logs, temp and store paths;</item>
    /// <item>serve a directory other than SOGo's own resources (an <c>alias /etc/ssl/private/;</c> hands out the key), or
    /// climb out of one with <c>..</c>;</item>
    /// <item>pair a prefix location without a trailing '/' with an alias that has one: nginx then maps
    /// <c>/static../x</c> to <c>dir/../x</c> (the "off-by-slash" traversal).</item>
    /// </list>
    /// </summary>
    internal sealed class NginxLocationReachRule : Rule
    {
        // Directives that read or write a file or directory on the host (nginx's module documentation).
        private static readonly HashSet<string> FileDirectives = new(StringComparer.Ordinal)
        {
            "access_log", "error_log", "auth_basic_user_file", "client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path",
            "uwsgi_temp_path", "scgi_temp_path", "proxy_store", "fastcgi_store", "uwsgi_store", "scgi_store", "proxy_cache_path",
            "ssl_certificate", "ssl_certificate_key", "ssl_trusted_certificate", "ssl_client_certificate", "ssl_crl", "ssl_dhparam",
            "ssl_password_file", "ssl_stapling_file", "ssl_session_ticket_key", "proxy_ssl_certificate", "proxy_ssl_certificate_key",
            "proxy_ssl_trusted_certificate", "proxy_ssl_crl", "proxy_ssl_password_file", "grpc_ssl_certificate", "grpc_ssl_certificate_key",
            "uwsgi_ssl_certificate", "uwsgi_ssl_certificate_key", "xslt_stylesheet", "perl", "perl_require", "perl_modules",
            "js_import", "js_include", "js_path", "load_module", "open_log_file_cache",
        };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NginxLocationReach;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            var paths = SogoModule.Paths(TargetTable.For(platform));
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var location = webmail.ExtraLocations[i];
                if (location?.Body is not { } body) continue;
                for (var j = 0; j < body.Count; j++)
                {
                    var directive = body[j];
                    // A value the grammar refuses is MAIL3001's; this rule reads well-formed directives only.
                    if (directive is null || NginxValueGrammar.Find(directive, isDirective: true) is not null) continue;
                    var words = Words(directive);
                    if (words.Count == 0) continue;
                    var name = words[0].Text;
                    var origin = OriginKeys.Webmail.Location(i).Body[j];
                    if (name == "include")
                    {
                        yield return Report(origin, $"The nginx directive '{ValueSafety.Show(directive)}' includes a file into the site: any file on the host would become nginx configuration, read as root. "
                            + "Write the directives themselves, one per argument of NginxLocation(...).", words[0].Start, name.Length);
                    }
                    else if (FileDirectives.Contains(name))
                    {
                        yield return Report(origin, $"The nginx directive '{ValueSafety.Show(directive)}' reads or writes a file on the host ('{name}'), which a raw location may not do: "
                            + "nginx opens it as root, and the platform does not describe it. Remove it; the site's certificate, key and logs come from the platform's typed verbs.", words[0].Start, name.Length);
                    }
                    else if ((name == "alias" || name == "root") && words.Count >= 2)
                    {
                        if (ReachProblem(words[1].Text, paths) is { } why)
                            yield return Report(origin, $"The nginx {name} '{ValueSafety.Show(words[1].Text)}' {why} nginx serves what it names to every client without a login. "
                                + $"Serve only SOGo's resources: {paths.WebServerResources}/ or {paths.Bundles}/ (for {TargetTable.For(platform).DisplayName}).", words[1].Start, words[1].Length);
                        else if (name == "alias" && OffBySlash(location.Match, words[1].Text))
                            yield return Report(origin, $"The nginx alias '{ValueSafety.Show(words[1].Text)}' ends in '/' but the location '{ValueSafety.Show(location.Match)}' does not: "
                                + "nginx then maps a request such as '" + PrefixOf(location.Match) + "../secret' to '" + words[1].Text + "../secret', outside the directory (the off-by-slash traversal). "
                                + "End both in '/', or neither.", words[1].Start, words[1].Length);
                    }
                }
            }
        }

        private static string? ReachProblem(string path, SogoPaths paths)
        {
            if (!path.StartsWith("/", StringComparison.Ordinal)) return null; // MAIL3002 reports a relative path
            var segments = path.Split('/');
            for (var k = 1; k < segments.Length; k++)
            {
                if (segments[k] == "..") return "climbs out of its directory with '..':";
                if (segments[k] == ".") return "has a '.' segment, which hides where it points:";
                if (segments[k].Length == 0 && k < segments.Length - 1) return "has an empty segment ('//'), which hides where it points:";
            }
            var within = Within(path, paths.WebServerResources) || Within(path, paths.Bundles);
            return within ? null : "is outside SOGo's resource directories:";
        }

        private static bool Within(string path, string directory)
            => path == directory || path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);

        // A prefix location (no modifier, or ^~ or =) whose match does not end in '/', with an alias that does.
        private static bool OffBySlash(string match, string alias)
        {
            var prefix = PrefixOf(match);
            return prefix.Length > 0 && !prefix.EndsWith("/", StringComparison.Ordinal) && alias.EndsWith("/", StringComparison.Ordinal);
        }

        private static string PrefixOf(string match)
        {
            var parts = match.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 1 && parts[0].StartsWith("/", StringComparison.Ordinal)) return parts[0];
            if (parts.Length == 2 && parts[0] == "^~") return parts[1];
            return "";
        }

        private sealed record Word(string Text, int Start, int Length);

        // The directive's words with quotes removed and the final ';' dropped, each with its span in the directive.
        private static List<Word> Words(string directive)
        {
            var words = new List<Word>();
            var i = 0;
            while (i < directive.Length)
            {
                while (i < directive.Length && (directive[i] == ' ' || directive[i] == '\t')) i++;
                if (i >= directive.Length || directive[i] == ';') break;
                var start = i;
                if (directive[i] == '"' || directive[i] == '\'')
                {
                    var quote = directive[i++];
                    var close = directive.IndexOf(quote, i);
                    if (close < 0) close = directive.Length;
                    words.Add(new Word(directive.Substring(i, close - i), i, close - i));
                    i = close + 1;
                    continue;
                }
                while (i < directive.Length && directive[i] != ' ' && directive[i] != '\t' && directive[i] != ';') i++;
                words.Add(new Word(directive.Substring(start, i - start), start, i - start));
            }
            return words;
        }
    }
}
