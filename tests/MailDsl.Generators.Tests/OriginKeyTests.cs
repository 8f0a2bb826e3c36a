extern alias gen;
using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;
using GenModel = gen::MailDsl.Model;

namespace MailDsl.Generators.Tests;

/// <summary>
/// Every origin key a rule reports is one a builder records: the rules and the DSL take their keys from one key builder
/// (<c>OriginKeys</c>), and here descriptions that set every value of the DSL are evaluated at compile time, their models
/// turned wrong value by value, and every finding of every rule must name a key of the description's source map exactly
/// (not a parent it would fall back to, which puts the squiggle on a wider span than the value at fault).
/// </summary>
public sealed class OriginKeyTests
{
    private readonly ITestOutputHelper _output;

    public OriginKeyTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Two descriptions that together call every public method of the DSL, every overload, each setting every value it can
    /// (the LDAP and SQL directories, local and NFS storage, MariaDB and PostgreSQL exclude each other, so each has one),
    /// many of them wrong on purpose so the rules speak.
    /// </summary>
    public static readonly string[] Everything =
    {
        Description("EverythingLdap",
            directory: """
                d.Ldap(LdapSchema.ActiveDirectory)
                            .Server("dc01.example.org", LdapSecurity.Ldaps)
                            .Server("dc02.example.org", LdapSecurity.Plain, 389, false)
                            .BaseDn("dc=example,dc=org")
                            .BindAs("cn=mail,dc=example,dc=org", "written-password")
                            .BindAs("cn=mail,dc=example,dc=org", Secret.File("relative/ldap-bind"))
                """,
            storage: """s.Nfs("/srv/vmail")""",
            database: """db.MariaDb("db.example.org", 3306).Name("sogo").Login("sogo", Secret.Environment("SOGO DB")).Tls(DatabaseTls.Disabled)""",
            balancers: """
                b.Host("store-02.example.org", "10.0.0.2").Host("lb-02.example.org", "10.0.0.300")
                            .Https(HttpsBalancing.Terminate).Interface("ens192").VirtualRouterId(51).IdleTimeout(10).Stats(8404, "10.0.0.100")
                            .HealthCheck("mailstore", "imaps", "220")
                """,
            certificate: """.Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key", c => c.Alternative("/etc/ssl/certs/mail-rsa.crt", "/etc/ssl/private/mail-rsa.key").RenewedByCertbot("mail", false))""",
            layerCertificate: """.Certificate("/etc/ssl/certs/mx.crt", "/etc/ssl/private/mx.key", c => c.RenewedByAcmeSh("mx.example.org"))""",
            dns: """.Dns(d => d.Tlsa(TlsaSelector.FullCertificate).MtaSts(MtaStsMode.Enforce, 604800, "mx-01.example.org").TlsReports("mailto:tlsrpt@example.org").Caa("letsencrypt.org"))"""),
        Description("EverythingSql",
            directory: """
                d.Sql(db => db.PostgreSql("db.example.org", 5432).Name("mail").Login("mail", "written-password").Tls(DatabaseTls.Required))
                            .Table("users")
                """,
            storage: """s.Local("/var/vmail")""",
            database: """db.PostgreSql("localhost").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db")).Tls(DatabaseTls.VerifyFull)""",
            balancers: """b.Lbaas(LbaasBehaviour.PassThroughProxy).From("10.0.0.0/28", "10.0.1.0/28").IdleTimeout(45).Stats(8405, "192.0.2.10")""",
            certificate: """.Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")""",
            layerCertificate: """.Certificate("/etc/ssl/certs/mx.crt", "/etc/ssl/private/mx.key", c => c.RenewedByCertbot("mx", false))""",
            dns: """.Dns(d => d.Tlsa().MtaSts(MtaStsMode.Testing, 40000000, "mx-01.example.org"))"""),
    };

    private static string Description(string name, string directory, string storage, string database, string balancers, string certificate, string layerCertificate, string dns) => $$"""
        using MailDsl;
        using MailDsl.Model;

        [MailPlatform]
        public static partial class {{name}}
        {
            static Platform Describe() => Platform.Create("example.org")
                .Banner("Example Mail")
                .Target(Distro.Debian12, t => t.WithOpenSsl("3.0").WithNginx("1.22").WithDovecot("2.3").WithPostfix("3.7").WithSogo("5.8"))
                {{certificate}}
                .CertificateAuthority("/etc/ssl/certs/ca.crt")
                .AddMailDomain("example.net")
                .AddMailDomain("example.com")
                .Tls(TlsProfile.Intermediate)
                .Tls(TlsProfile.Intermediate, TlsGuideline.Mozilla57)
                .Groups("X25519", "prime256v1", "ffdhe2048")
                .Protocols(TlsVersion.Tls10, TlsVersion.Tls12, TlsVersion.Tls13)
                .Ciphers("ALL:!LOW:-RSA:RSA")
                {{dns}}
                .Directory(d => {{directory.Trim()}}
                    .LoginWith(LoginName.Username)
                    .Quota("info")
                    .AddAlias("postmaster@example.org", "it@example.org", "ops@example.org")
                    .AddAlias("abuse@elsewhere.example", "it@example.org"))
                .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org").Host("mx-03.example.org", "10.0.0.13").Vip("mx.example.org", "10.0.0.100").ListenOn("10.0.0.1")
                    {{layerCertificate}}
                    .Tls(TlsProfile.Modern).Tls(TlsProfile.Intermediate, TlsGuideline.TlsRef60)
                    .Groups("X25519", "prime256v1").Protocols(TlsVersion.Tls11, TlsVersion.Tls12).Ciphers("HIGH:!aNULL")
                    .StartTls(TlsLevel.Encrypt).Smtp(25)
                    .Listener("smtp-plain", ServiceProtocol.Smtp, 2525, ListenerSecurity.Plain, true)
                    .PostfixSetting("smtpd_tls_mandatory_ciphers", "high")
                    .PostfixSetting("smtpd_tls_mandatory_ciphers", "medium")
                    .PostfixSetting("tls_ssl_options", "0x40000000")
                    .PostfixSetting("smtpd_tls_security_level", "none")
                    .PostfixSetting("smtpd_use_tls", "yes")
                    .PostfixSetting("relay_transport", "smtp:[store.example.org]:25")
                    .PostfixSetting("smtpd_tls_CAfile", "relative/ca.pem")
                    .PostfixSetting("smtpd_upstream_proxy_protocol", "haproxy")
                    .PostfixSetting("mynetworks", "127.0.0.0/8 10.0.0.0/24")
                    .PostfixSetting("smtp_tls_security_level", "dane")
                    .PostfixSetting("smtp_tls_policy_maps", "socketmap:inet:127.0.0.1:8461:postfix")
                    .DovecotSetting("ssl_cipher_list", "ALL"))
                .SmtpOut(s => s.Hosts("relay-01.example.org").Vip("relay.example.org").ListenOn("::1")
                    .OutboundTls(TlsLevel.None).OutboundDane("192.0.2.53").OutboundMtaSts(8461).Smtp(25).Submission(587).Submissions(465)
                    .PostfixSetting("transport_maps", "hash:/etc/postfix/transport")
                    .PostfixSetting("smtp_tls_security_level", "may")
                    .PostfixSetting("fallback_relay", "[backup.example.org]")
                    .DovecotSetting("ssl_client_require_valid_cert", "no"))
                .Mailstore(m => m.Hosts("store-01.example.org", "store-02.example.org").Vip("imap.example.org")
                    .Certificate("/etc/ssl/certs/imap.crt", "/etc/ssl/private/imap.key")
                    .Imaps(993).Pop3s(995).Imap(143).Pop3(110).ManageSieve(4190).Smtp(25)
                    .Listener("imaps-high", ServiceProtocol.Imap, 60993, ListenerSecurity.ImplicitTls)
                    .MailLocation("maildir:~/Maildir")
                    .Storage(s => {{storage}}.Owner("vmail", 5000, 5000).LocalIndexes("/var/lib/dovecot/index").Access(MailboxAccess.OneBackendPerUser))
                    .DovecotSetting("ssl_prefer_server_ciphers", "no")
                    .DovecotSetting("ssl_min_protocol", "TLSv1")
                    .DovecotSetting("ssl_curve_list", "nope:X25519")
                    .DovecotSetting("ssl_cert", "<relative/cert.pem")
                    .DovecotSetting("auth_verbose", "yes")
                    .DovecotSetting("auth_verbose", "no")
                    .DovecotSetting("passdb_password", "secret")
                    .DovecotSetting("mail_nfs_index", "yes")
                    .DovecotSetting("lmtp_proxy", "yes")
                    .DovecotSetting("ssl", "yes")
                    .DovecotSetting("haproxy_trusted_networks", "10.0.0.0/8"))
                .Webmail(w => w.Hosts("web-01.example.org", "store-01.example.org").Vip("webmail.example.org")
                    .Sogo(20000).Memcached(11211).Cache(SogoCache.Shared).Https(443).HttpRedirect(80)
                    .Imap("imap://imap.example.org:143").Smtp("smtp://relay.example.org:25")
                    .Hsts(0).ActiveSync(false).Ciphers("HIGH:@SECLEVEL=0")
                    .Database(db => {{database}})
                    .NginxLocation("^/SOGo/so/", "alias /usr/lib/GNUstep/SOGo/../;", "unknown_directive on;", "server_name x;")
                    .NginxLocation("~ ^/x$", "return 404;")
                    .NginxLocation("^~ /SOGo", "return 404;")
                    .SogoSetting("SOGoIMAPServer", "\"imaps://imap.example.org:993/?tlsVerifyMode=none\"")
                    .SogoSetting("SOGoFoo", "YES")
                    .SogoSetting("SOGoSieveServer", "\"sieve://imap.example.org:4190/?tls=YES&tlsVerifyMode=allowInsecureLocalhost\"")
                    .DovecotSetting("ssl_ecdh_curve", "auto")
                    .PostfixSetting("smtpd_tls_auth_only", "no"))
                .Balancers(b => {{balancers.Trim()}});
        }
        """;

    [Fact]
    public void The_descriptions_call_every_public_method_of_the_DSL_every_overload()
    {
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in Everything)
        {
            var compilation = Harness.Compile(source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
                if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method)
                    called.Add(Signature(method.OriginalDefinition));
        }

        var surface = typeof(Platform).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "MailDsl" && t.IsClass && !typeof(Attribute).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.Name != nameof(Platform.Build) && m.GetBaseDefinition().DeclaringType != typeof(object))
            .Select(Signature)
            .ToList();
        Assert.True(surface.Count > 60, string.Join(", ", surface));
        var missing = surface.Where(s => !called.Contains(s)).ToList();
        Assert.True(missing.Count == 0, "DSL methods no description calls: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_key_a_rule_reports_is_one_the_description_records()
    {
        var fired = new HashSet<string>(StringComparer.Ordinal);
        var wrong = new List<string>();
        var models = 0;
        foreach (var source in Everything)
        {
            var result = Harness.Evaluate(source);
            Assert.True(result.IsComplete, string.Join("\n", result.Problems.Select(p => source.Substring(p.Span.Start, p.Span.Length) + ": " + p.Message)));
            var model = result.Model!;
            var recorded = model.Origins.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var variant in new[] { model }.Concat(Variants(model, typeof(GenModel.PlatformModel), isNullable: false).Cast<GenModel.PlatformModel>()))
            {
                models++;
                foreach (var finding in gen::MailDsl.Rules.RuleSet.All.SelectMany(r => r.Check(variant)))
                {
                    fired.Add(finding.RuleId);
                    if (!recorded.Contains(finding.OriginKey)) wrong.Add($"{finding.RuleId} [{finding.OriginKey}] {finding.Message}");
                }
            }
        }
        _output.WriteLine($"{models} models, rules that reported: {string.Join(", ", fired.Order(StringComparer.Ordinal))}");

        Assert.True(wrong.Count == 0, "findings under a key no builder records:\n" + string.Join("\n", wrong.Distinct().Take(40)));
        // The descriptions and their variants make every rule speak, so every rule's keys were checked.
        var silent = gen::MailDsl.Rules.RuleSet.All.Select(r => r.Descriptor.Id).Where(id => !fired.Contains(id)).ToList();
        Assert.True(silent.Count == 0, "rules that never reported, so their keys went unchecked: " + string.Join(", ", silent));
    }

    // Values that make rules speak: bad characters, relative and unnormalized paths, weak ciphers and protocols, another
    // daemon version (Dovecot 2.4 reads 2.3's settings under new names), plain URLs, a domain the platform does not serve.
    private static readonly string[] Strings =
    {
        "", "two words", "relative/path", "/a/../b", "ALL:!LOW", "TLSv1", "2.4", "imap://plain.example.org:143", "postmaster@elsewhere.example",
    };

    private static readonly int[] Ints = { 0, 70000, 25, 993 };

    /// <summary>
    /// Copies of <paramref name="value"/> with one value changed, recursively: each string, number, flag and enum value,
    /// each list emptied, each optional part removed. A listener's or a raw setting's name and daemon are left alone: they
    /// are part of the keys (a renamed listener is another listener), not values a rule judges. So are what the verb
    /// called decides: a listener's protocol, security and plaintext logins (a typed verb such as <c>.Imaps()</c> fixes
    /// them, only <c>.Listener(...)</c> writes them, and the descriptions call it with bad ones) and where a secret is kept
    /// (<c>Secret.File</c>, <c>Secret.Environment</c> or a written string are different overloads, all called).
    /// </summary>
    private static IEnumerable<object?> Variants(object? value, Type type, bool isNullable)
    {
        if (value is null) yield break;
        if (isNullable) yield return null;
        switch (value)
        {
            case string s:
                foreach (var v in Strings.Where(v => v != s)) yield return v;
                yield break;
            case int i:
                foreach (var v in Ints.Where(v => v != i)) yield return v;
                yield break;
            case bool b:
                yield return !b;
                yield break;
            case Enum e:
                foreach (var v in Enum.GetValues(e.GetType()).Cast<object>().Where(v => !v.Equals(e))) yield return v;
                yield break;
            case GenModel.SourceMap:
                yield break;
        }
        var t = value.GetType();
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(GenModel.EquatableArray<>))
        {
            var element = t.GetGenericArguments()[0];
            var items = ((IEnumerable)value).Cast<object?>().ToList();
            if (items.Count == 0) yield break;
            yield return Activator.CreateInstance(t, Array.CreateInstance(element, 0));
            for (var k = 0; k < items.Count; k++)
                foreach (var v in Variants(items[k], element, isNullable: false))
                {
                    var copy = Array.CreateInstance(element, items.Count);
                    for (var j = 0; j < items.Count; j++) copy.SetValue(j == k ? v : items[j], j);
                    yield return Activator.CreateInstance(t, copy);
                }
            yield break;
        }
        if (t.Namespace != typeof(GenModel.PlatformModel).Namespace || !t.IsClass) yield break;
        var clone = t.GetMethod("<Clone>$")!;
        var nullability = new NullabilityInfoContext();
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (Identity(t, property.Name)) continue;
            var current = property.GetValue(value);
            var optional = nullability.Create(property).WriteState == NullabilityState.Nullable;
            foreach (var v in Variants(current, property.PropertyType, optional))
            {
                var copy = clone.Invoke(value, null)!;
                property.SetValue(copy, v);
                yield return copy;
            }
        }
    }

    private static bool Identity(Type record, string property)
        => (record.Name, property) is ("RawSetting", "Key") or ("RawSetting", "Daemon")
            or ("Listener", "Name") or ("Listener", "Protocol") or ("Listener", "Security") or ("Listener", "AllowPlaintextAuth")
            or ("SecretRef", "Source");

    private static string Signature(IMethodSymbol method)
        => method.ContainingType.MetadataName + "." + method.Name + "(" + string.Join(",", method.Parameters.Select(p => TypeName(p.Type))) + ")";

    private static string TypeName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => TypeName(array.ElementType) + "[]",
        INamedTypeSymbol { IsGenericType: true } named when named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T => TypeName(named.TypeArguments[0]),
        _ => type.MetadataName,
    };

    private static string Signature(MethodInfo method)
        => method.DeclaringType!.Name + "." + method.Name + "(" + string.Join(",", method.GetParameters().Select(p => TypeName(p.ParameterType))) + ")";

    private static string TypeName(Type type)
        => Nullable.GetUnderlyingType(type) is { } underlying ? TypeName(underlying) : type.Name;
}
