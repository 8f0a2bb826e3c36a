using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Layers
{
    /// <summary>Walks a platform's described layers in a fixed order (SMTP-in, SMTP-out, mailstore, webmail).</summary>
    internal static class PlatformLayers
    {
        /// <summary>Every layer the platform describes, skipping those it leaves out.</summary>
        public static IEnumerable<Layer> Of(PlatformModel platform)
        {
            if (platform.SmtpIn is { } smtpIn) yield return smtpIn;
            if (platform.SmtpOut is { } smtpOut) yield return smtpOut;
            if (platform.Mailstore is { } mailstore) yield return mailstore;
            if (platform.Webmail is { } webmail) yield return webmail;
        }

        /// <summary>
        /// Every port a layer's hosts bind: its listeners, and on the webmail layer memcached's (SOGo's cache), so the
        /// port rules see it too.
        /// </summary>
        public static IEnumerable<BoundPort> BoundPorts(Layer layer)
        {
            foreach (var listener in layer.Listeners)
            {
                if (listener is null) continue;
                // sogod serves nginx alone, so MailDsl binds it to loopback whatever the layer's address.
                yield return new BoundPort(listener.Name, listener.Port, listener.Protocol == ServiceProtocol.Sogo);
            }
            // memcached serves sogod alone: loopback too. The DSL records its port under this listener name.
            if (layer is WebmailLayer web)
                yield return new BoundPort("memcached", web.MemcachedPort, LoopbackOnly: true);
        }

        /// <summary>The origin key of one member of a listener, e.g. <c>webmail.listener.https.port</c>.</summary>
        public static string ListenerKey(Layer layer, Listener listener, string member) => ListenerKey(layer, listener.Name, member);

        /// <summary>The origin key of one member of a listener or bound port by name, e.g. <c>webmail.listener.memcached.port</c>.</summary>
        public static string ListenerKey(Layer layer, string name, string member) => layer.Key + ".listener." + name + "." + member;

        /// <summary>The origin key of the <paramref name="n"/>th raw setting of one daemon and key (the builders' numbering).</summary>
        public static string SettingKey(Layer layer, RawSetting setting, int n, string member)
            => layer.Key + ".setting." + setting.Daemon.ToString().ToLowerInvariant() + "." + setting.Key + "." + n + "." + member;

        /// <summary>
        /// Each raw setting of <paramref name="layer"/> with its occurrence number among settings of the same
        /// daemon and key, as the builders number them in origin keys.
        /// </summary>
        public static IEnumerable<(RawSetting Setting, int Occurrence)> NumberedSettings(Layer layer)
        {
            var seen = new Dictionary<(Daemon, string), int>();
            foreach (var setting in layer.RawSettings)
            {
                if (setting is null) continue;
                var id = (setting.Daemon, setting.Key ?? "");
                seen.TryGetValue(id, out var n);
                seen[id] = n + 1;
                yield return (setting, n);
            }
        }

        /// <summary>A layer's name as operators read it in messages.</summary>
        public static string DisplayName(Layer layer) => layer switch
        {
            SmtpInLayer => "SMTP-in",
            SmtpOutLayer => "SMTP-out",
            MailstoreLayer => "mailstore",
            WebmailLayer => "webmail",
            _ => layer.Key,
        };
    }

    /// <summary>A port a layer's hosts bind: a listener's, or a daemon's the layer runs beside them (memcached).</summary>
    /// <param name="Name">The listener's name (<c>memcached</c> for memcached), as origin keys and messages name it.</param>
    /// <param name="Port">The port.</param>
    /// <param name="LoopbackOnly">Whether the daemon binds 127.0.0.1 whatever the layer's listen address.</param>
    internal sealed record BoundPort(string Name, int Port, bool LoopbackOnly);
}
