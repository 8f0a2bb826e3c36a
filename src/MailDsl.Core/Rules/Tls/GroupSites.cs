using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Tls.Catalog;

namespace MailDsl.Rules.Tls
{
    /// <summary>One name in a written group list, with where it was written.</summary>
    /// <param name="Name">The name as written (a leading <c>?</c> included).</param>
    /// <param name="OriginKey">Its origin key: the element's own (<c>platform.tls.groups.2</c>) or the raw setting's value.</param>
    /// <param name="SubStart">Its offset in a raw setting's value, or -1 for a DSL argument of its own.</param>
    /// <param name="SubLength">Its length in the value.</param>
    internal sealed record GroupEntry(string Name, string OriginKey, int SubStart, int SubLength);

    /// <summary>A key-exchange group list written in the description: a <c>.Groups(...)</c> call or a daemon's raw setting.</summary>
    /// <param name="OriginKey">Where the list as a whole was written (the call, or the raw setting's value).</param>
    /// <param name="Label">How messages name it, e.g. <c>the platform's groups</c>.</param>
    /// <param name="Entries">Its names in order.</param>
    internal sealed record GroupListSite(string OriginKey, string Label, IReadOnlyList<GroupEntry> Entries)
    {
        /// <summary>The names as one list, as a daemon would be given it.</summary>
        public string Joined => string.Join(":", Entries.Select(e => e.Name));
    }

    /// <summary>Finds every key-exchange group list a platform writes: DSL calls and the nginx and Dovecot raw settings that hold one.</summary>
    internal static class GroupSites
    {
        /// <summary>Every written group list in <paramref name="p"/>.</summary>
        public static IEnumerable<GroupListSite> Lists(PlatformModel p)
        {
            if (p.Tls.Groups is { } platform) yield return Dsl(OriginKeys.Platform.Tls.Groups, "the platform's groups", platform);
            foreach (var layer in PlatformLayers.Of(p))
            {
                if (layer.Tls?.Groups is { } own) yield return Dsl(OriginKeys.Of(layer).Tls.Groups, $"the {layer.Key} layer's groups", own);
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    var key = setting.Key ?? "";
                    var value = setting.Value ?? "";
                    // Both hand the value to OpenSSL's SSL_CTX_set1_groups_list as written; nginx's "auto" is its own default.
                    if (setting.Daemon == Daemon.Nginx && key == "ssl_ecdh_curve" && value.Trim() != "auto"
                        || setting.Daemon == Daemon.Dovecot && key == "ssl_curve_list" && value.Trim().Length > 0)
                    {
                        var origin = OriginKeys.Of(layer).Setting(setting.Daemon, key, n).Value;
                        yield return new GroupListSite(origin, $"{setting.Daemon} {key}", Split(value, origin));
                    }
                }
            }
        }

        private static GroupListSite Dsl(ListKeys keys, string label, EquatableArray<string> names)
            => new(keys, label, names.Select((n, i) => new GroupEntry(n ?? "", keys[i], -1, 0)).ToList());

        private static IReadOnlyList<GroupEntry> Split(string value, string origin)
        {
            var entries = new List<GroupEntry>();
            var start = 0;
            for (var i = 0; i <= value.Length; i++)
            {
                if (i < value.Length && value[i] != ':') continue;
                var raw = value.Substring(start, i - start);
                var trimmed = raw.Trim();
                var at = start + (trimmed.Length == 0 ? 0 : raw.IndexOf(trimmed, StringComparison.Ordinal));
                entries.Add(new GroupEntry(trimmed, origin, at, trimmed.Length));
                start = i + 1;
            }
            return entries;
        }

        /// <summary>The group <paramref name="name"/> names on <paramref name="catalog"/>'s OpenSSL (a leading '?' ignored where it is syntax), or null.</summary>
        public static KeyExchangeGroup? Resolve(GroupCatalog catalog, string name)
            => catalog.Find(catalog.AcceptsOptionalPrefix && name.StartsWith("?", StringComparison.Ordinal) ? name.Substring(1) : name);
    }
}
