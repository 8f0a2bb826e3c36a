using System.Reflection;
using MailDsl.Layers;
using MailDsl.Model;
using Xunit;

namespace MailDsl.Core.Tests.Layers;

/// <summary>
/// Origin keys are built by <see cref="OriginKeys"/> alone: no builder or rule spells one (<c>"mailstore.storage.kind"</c>)
/// or pieces one together (<c>key + ".value"</c>), so Go to Definition finds every use of a key, and the test that every
/// key a rule reports is recorded (MailDsl.Generators.Tests' OriginKeyTests) covers them all.
/// </summary>
public sealed class OriginKeySpellingTests
{
    [Fact]
    public void No_origin_key_is_spelled_outside_the_key_builder()
    {
        var keys = AllKeys();
        var roots = keys.Select(k => k.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        var members = keys.SelectMany(k => k.Split('.').Skip(1)).Where(s => !s.All(char.IsDigit) && s != "x").ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "platform", "directory", "smtpIn", "smtpOut", "mailstore", "webmail" }, roots);
        Assert.Contains("value", members);

        var found = new List<string>();
        foreach (var (where, text) in ProductSource.Literals(file => file == Path.Combine("src", "MailDsl.Core", "Model", "OriginKeys.cs")))
        {
            var parts = text.Split('.');
            var spelled = parts.Length > 1 && roots.Contains(parts[0]) && parts[1].Length > 0 && char.IsLetter(parts[1][0]);
            var pieced = parts.Length > 1 && parts[0].Length == 0 && members.Contains(parts[1]);
            if (spelled || pieced) found.Add($"{where}: \"{text}\"");
        }
        Assert.True(found.Count == 0, "origin keys spelled outside OriginKeys (build them with it instead):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_key_builder_gives_the_keys_the_source_map_has_always_had()
    {
        // The keys are part of what an analyzer's suppressions and a user's tooling may have come to rely on: spot-check the grammar.
        Assert.Equal("platform.tls.groups.2", OriginKeys.Platform.Tls.Groups[2]);
        Assert.Equal("platform.target.version.openSsl", OriginKeys.Platform.Target.OpenSsl);
        Assert.Equal("mailstore.storage.kind", OriginKeys.Mailstore.Storage.Kind);
        Assert.Equal("smtpIn.setting.postfix.smtpd_tls_mandatory_ciphers.1.value", OriginKeys.SmtpIn.Setting(Daemon.Postfix, "smtpd_tls_mandatory_ciphers", 1).Value);
        Assert.Equal("webmail.listener.memcached.port", OriginKeys.Webmail.Listener("memcached").Port);
        Assert.Equal("webmail.location.0.body.3", OriginKeys.Webmail.Location(0).Body[3]);
        Assert.Equal("directory.ldap.bindPassword.value", OriginKeys.Directory.Ldap.BindPassword.Value);
        Assert.Equal("directory.sql.database.password.value", OriginKeys.Directory.Sql.Database.Password.Value);
        Assert.Equal("directory.alias.1.target.0", OriginKeys.Directory.Alias(1).Target[0]);
        Assert.All(LayerDescriptors.All, d => Assert.Equal(d.Key + ".hosts.0", OriginKeys.Of((Layer)Activator.CreateInstance(d.LayerType)!).Hosts[0]));
    }

    /// <summary>Every key <see cref="OriginKeys"/> builds, with sample names and indexes where it takes them.</summary>
    private static List<string> AllKeys()
    {
        var keys = new List<string>();
        var roots = new OriginKey[] { OriginKeys.Platform, OriginKeys.Directory, OriginKeys.SmtpIn, OriginKeys.SmtpOut, OriginKeys.Mailstore, OriginKeys.Webmail };
        foreach (var node in roots) Walk(node, keys, 0);
        return keys;
    }

    private static void Walk(object node, List<string> keys, int depth)
    {
        if (depth > 8) return;
        if (node is string leaf)
        {
            keys.Add(leaf);
            return;
        }
        if (node is not OriginKey key) return;
        keys.Add(key.Path);
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name == nameof(OriginKey.Path)) continue;
            var index = property.GetIndexParameters();
            Walk(index.Length == 0 ? property.GetValue(node)! : property.GetValue(node, new object[] { 0 })!, keys, depth + 1);
        }
        // The members that take a name, an index or a daemon (Listener("x"), Alias(0), Setting(Daemon.Postfix, "x", 0)), own or inherited.
        foreach (var method in node.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
                     .Where(m => !m.IsSpecialName && m.DeclaringType != typeof(object) && m.DeclaringType != typeof(OriginKey)))
        {
            var args = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? 0 : p.ParameterType == typeof(string) ? (object)"x" : Daemon.Postfix).ToArray();
            Walk(method.Invoke(node, args)!, keys, depth + 1);
        }
    }
}
