using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>Every text value of a platform that a renderer writes into a file, with its origin key and kind.</summary>
    internal static class WrittenValues
    {
        /// <summary>The values, platform-wide first, then layer by layer in the order written.</summary>
        public static IEnumerable<WrittenValue> Of(PlatformModel platform)
        {
            yield return new WrittenValue("platform.domain", "The mail domain", platform.Domain, ValueKind.Name);
            if (platform.Banner is not null)
                yield return new WrittenValue("platform.banner", "The SMTP banner", platform.Banner, ValueKind.Banner);
            if (platform.Certificate is { } cert)
            {
                yield return new WrittenValue("platform.certificate.file", "The certificate path", cert.CertificateFile, ValueKind.Path);
                yield return new WrittenValue("platform.certificate.key", "The private key path", cert.KeyFile, ValueKind.Path);
            }
            if (platform.Tls?.Ciphers is { } ciphers)
                yield return new WrittenValue("platform.tls.ciphers", "The cipher string", ciphers, ValueKind.CipherString);

            foreach (var layer in PlatformLayers.Of(platform))
            {
                var name = PlatformLayers.DisplayName(layer);
                for (var i = 0; i < layer.Hosts.Count; i++)
                    yield return new WrittenValue(layer.Key + ".hosts." + i, "The " + name + " host name", layer.Hosts[i], ValueKind.Name);
                if (layer.Vip is not null)
                    yield return new WrittenValue(layer.Key + ".vip", "The " + name + " VIP name", layer.Vip, ValueKind.Name);
                // The listen address is MAIL3005's: one IP address, which holds none of the characters MAIL3001 looks for.
                if (layer.Tls?.Ciphers is { } layerCiphers)
                    yield return new WrittenValue(layer.Key + ".tls.ciphers", "The " + name + " cipher string", layerCiphers, ValueKind.CipherString);
                foreach (var listener in layer.Listeners)
                {
                    if (listener is null) continue;
                    yield return new WrittenValue(PlatformLayers.ListenerKey(layer, listener, "name"), "The " + name + " listener name", listener.Name, ValueKind.ListenerName);
                }
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    var daemon = setting.Daemon.ToString();
                    yield return new WrittenValue(PlatformLayers.SettingKey(layer, setting, n, "key"), "The " + name + " " + daemon + " setting name", setting.Key, ValueKind.SettingKey);
                    yield return new WrittenValue(PlatformLayers.SettingKey(layer, setting, n, "value"), "The value of " + name + " " + daemon + " setting " + setting.Key,
                        setting.Value, setting.Daemon switch
                        {
                            Daemon.Dovecot => ValueKind.DovecotValue,
                            Daemon.Sogo => ValueKind.SogoValue,
                            _ => ValueKind.PostfixValue,
                        });
                }
                switch (layer)
                {
                    case MailstoreLayer mailstore:
                        yield return new WrittenValue("mailstore.mailLocation", "The mail location", mailstore.MailLocation, ValueKind.MailLocation);
                        break;
                    case WebmailLayer webmail:
                        if (webmail.ImapServer is not null)
                            yield return new WrittenValue("webmail.imapServer", "The IMAP server URL SOGo dials", webmail.ImapServer, ValueKind.Url);
                        if (webmail.SmtpServer is not null)
                            yield return new WrittenValue("webmail.smtpServer", "The SMTP server URL SOGo sends through", webmail.SmtpServer, ValueKind.Url);
                        for (var i = 0; i < webmail.ExtraLocations.Count; i++)
                        {
                            var location = webmail.ExtraLocations[i];
                            if (location is null) continue;
                            var key = "webmail.location." + i;
                            yield return new WrittenValue(key + ".match", "The nginx location match", location.Match, ValueKind.NginxMatch);
                            for (var j = 0; j < location.Body.Count; j++)
                                yield return new WrittenValue(key + ".body." + j, "The nginx directive", location.Body[j], ValueKind.NginxDirective);
                        }
                        break;
                }
            }
        }
    }
}
