using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MailDsl.Generators.Tests;

/// <summary>
/// Source text of a platform of any size, shaped like the example: a quarter of the hosts in each layer
/// (SMTP-in, SMTP-out, mailstore, webmail), written one <c>.Hosts(...)</c> call per layer, four names a line.
/// Shared by the caching tests and the benchmarks (linked into benchmarks/MailDsl.Benchmarks).
/// </summary>
public static class SyntheticPlatform
{
    /// <summary>The layers' host-name prefixes, in platform order.</summary>
    public static readonly string[] Layers = { "smtp-in", "smtp-out", "store", "webmail" };

    /// <summary>The mailstore's cipher string in <see cref="Source"/>; benchmarks and tests edit it.</summary>
    public const string StoreCiphers = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL";

    /// <summary>A <c>[MailPlatform]</c> class with <paramref name="hosts"/> hosts in namespace Synthetic.</summary>
    /// <param name="hosts">How many hosts (at least 4).</param>
    /// <param name="storeCiphers">The mailstore layer's cipher string.</param>
    public static string Source(int hosts, string storeCiphers = StoreCiphers)
    {
        var s = new StringBuilder();
        s.Append("using MailDsl;\nusing MailDsl.Model;\n\nnamespace Synthetic;\n\n");
        s.Append("/// <summary>A synthetic platform of ").Append(hosts.ToString(CultureInfo.InvariantCulture)).Append(" hosts.</summary>\n");
        s.Append("[MailPlatform]\npublic static partial class Fleet\n{\n");
        s.Append("    static Platform Describe() => Platform.Create(\"example.org\")\n");
        s.Append("        .Banner(\"Example Mail\")\n");
        s.Append("        .Target(Distro.Debian12)\n");
        s.Append("        .Certificate(\"/etc/ssl/certs/mail.crt\", \"/etc/ssl/private/mail.key\")\n");
        s.Append("        .Tls(TlsProfile.Intermediate)\n");
        Layer(s, "SmtpIn", "smtp-in", hosts, 0, ".StartTls(TlsLevel.May)");
        Layer(s, "SmtpOut", "smtp-out", hosts, 1, ".Submission(587).Submissions(465)");
        Layer(s, "Mailstore", "store", hosts, 2, ".Imaps(993).Pop3s(995).Ciphers(\"" + storeCiphers + "\")");
        Layer(s, "Webmail", "webmail", hosts, 3, ".Sogo(port: 20000).Https(443).HttpRedirect(80)");
        s.Append("        ;\n}\n");
        return s.ToString();
    }

    /// <summary>The hosts of layer <paramref name="index"/> (0-3) of an <paramref name="hosts"/>-host platform.</summary>
    public static IEnumerable<string> HostsOf(int hosts, int index)
    {
        var count = hosts / 4 + (index < hosts % 4 ? 1 : 0);
        for (var i = 1; i <= count; i++)
            yield return Layers[index] + "-" + i.ToString("D5", CultureInfo.InvariantCulture) + ".dc" + (i % 8).ToString(CultureInfo.InvariantCulture) + ".example.org";
    }

    private static void Layer(StringBuilder s, string verb, string prefix, int hosts, int index, string options)
    {
        s.Append("        .").Append(verb).Append("(l => l\n            .Hosts(");
        var names = HostsOf(hosts, index).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            if (i % 4 == 0) s.Append("\n                ");
            s.Append('"').Append(names[i]).Append('"');
            if (i < names.Count - 1) s.Append(", ");
        }
        s.Append(")\n            .Vip(\"").Append(prefix).Append(".example.org\")\n            ").Append(options).Append(")\n");
    }
}
