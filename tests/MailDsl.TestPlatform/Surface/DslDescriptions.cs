using System.Reflection;
using MailDsl.Model;

namespace MailDsl.TestPlatform.Surface;

/// <summary>Which directory a description has: LDAP (Active Directory) or SQL (PostgreSQL).</summary>
public enum DirectoryShape
{
    /// <summary>Active Directory over LDAPS; SOGo's database on PostgreSQL.</summary>
    Ldap,

    /// <summary>A PostgreSQL user table; SOGo's database on PostgreSQL.</summary>
    Sql,
}

/// <summary>Which balancers a description has.</summary>
public enum BalancerShape
{
    /// <summary>None.</summary>
    None,

    /// <summary>Two emitted balancer hosts (HAProxy and keepalived) holding the mailstore's VIP.</summary>
    Emitted,

    /// <summary>A described LBaaS passing TCP through with PROXY v2, in front of the mailstore's VIP.</summary>
    Lbaas,
}

/// <summary>
/// A whole platform description with a slot for each builder a DSL method can be called on: every layer (with its hosts,
/// a directory, mail storage and SOGo's database), so that a value given to any method reaches every file it can. The
/// default is a clean description (no error); tests put one call in one slot.
/// </summary>
public sealed class DslDescription
{
    /// <summary>The distro targeted.</summary>
    public Distro Target { get; init; } = Distro.Debian12;

    /// <summary>The certificate and key paths.</summary>
    public string Certificate { get; init; } = "/etc/ssl/maildsl/allservers.crt";

    /// <summary>The key's path.</summary>
    public string Key { get; init; } = "/etc/ssl/maildsl/allservers.key";

    /// <summary>The directory's shape.</summary>
    public DirectoryShape Directory { get; set; } = DirectoryShape.Ldap;

    /// <summary>The balancers, when a call on <see cref="BalancerBuilder"/> is made; they front the mailstore's VIP.</summary>
    public BalancerShape Balancers { get; set; } = BalancerShape.None;

    /// <summary>The first call, in place of <c>Platform.Create("example.org")</c>.</summary>
    public DslStep? Root { get; set; }

    /// <summary>The calls after the platform's certificate and CA.</summary>
    public List<DslStep> Platform { get; } = new();

    /// <summary>The calls inside the platform certificate's lambda (<c>.Certificate(file, key, c =&gt; ...)</c>); none: the two-argument call.</summary>
    public List<DslStep> PlatformCertificate { get; } = new();

    /// <summary>The calls inside <c>.Dns(d =&gt; ...)</c>, after the platform's certificate and CA; none: no DNS description.</summary>
    public List<DslStep> Dns { get; } = new();

    /// <summary>The calls at the very end, after every layer (<c>Build()</c>, which returns the model).</summary>
    public List<DslStep> Terminal { get; } = new();

    /// <summary>The directory lambda's first call, in place of <c>d.Ldap(...)</c> or <c>d.Sql(...)</c>.</summary>
    public DslStep? DirectoryRoot { get; set; }

    /// <summary>The calls inside <c>.Target(distro, t =&gt; ...)</c>.</summary>
    public List<DslStep> TargetVersions { get; } = new();

    /// <summary>The calls at the end of each layer's lambda, of its LDAP or SQL directory, of each database and of the storage.</summary>
    public Dictionary<Type, List<DslStep>> Slots { get; } = new();

    /// <summary>The calls at the end of SOGo's database (the other <see cref="DatabaseBuilder"/> slot is the SQL directory's).</summary>
    public List<DslStep> WebmailDatabase { get; } = new();

    /// <summary>The secret the directory binds with (LDAP) or logs in with (SQL), and SOGo's database password.</summary>
    public DslArgument? DirectorySecret { get; set; }

    /// <summary>SOGo's database password.</summary>
    public DslArgument? WebmailDatabaseSecret { get; set; }

    private List<DslStep> Slot(Type builder) => Slots.TryGetValue(builder, out var steps) ? steps : Slots[builder] = new List<DslStep>();

    private static DslArgument SecretFile(string path) => new DslNested(DslStep.Of(typeof(Secret), nameof(Secret.File), path));

    private static DslLambda Lambda(Type receiver, params DslStep[] steps) => new(receiver, new DslChain(steps));

    private DslLambda Lambda(Type receiver, IEnumerable<DslStep> steps, Type slot) => new(receiver, new DslChain(steps.Concat(Slot(slot)).ToList()));

    /// <summary>The description as one chain.</summary>
    public DslChain Chain()
    {
        var p = typeof(Platform);
        var steps = new List<DslStep>
        {
            Root ?? DslStep.Of(p, nameof(MailDsl.Platform.Create), "example.org"),
            TargetVersions.Count > 0
                ? DslStep.Of(p, nameof(MailDsl.Platform.Target), Target, new DslLambda(typeof(TargetBuilder), new DslChain(TargetVersions)))
                : DslStep.Of(p, nameof(MailDsl.Platform.Target), Target),
            PlatformCertificate.Count > 0
                ? DslStep.Of(p, nameof(MailDsl.Platform.Certificate), Certificate, Key, new DslLambda(typeof(CertificateBuilder), new DslChain(PlatformCertificate)))
                : DslStep.Of(p, nameof(MailDsl.Platform.Certificate), Certificate, Key),
            DslStep.Of(p, nameof(MailDsl.Platform.CertificateAuthority), "/etc/ssl/maildsl/ca.crt"),
        };
        if (Dns.Count > 0) steps.Add(DslStep.Of(p, nameof(MailDsl.Platform.Dns), new DslLambda(typeof(DnsBuilder), new DslChain(Dns))));
        steps.AddRange(Platform);
        steps.Add(DslStep.Of(p, nameof(MailDsl.Platform.Directory), DirectoryLambda()));
        steps.Add(DslStep.Of(p, nameof(MailDsl.Platform.SmtpIn), Lambda(typeof(SmtpInBuilder),
            new[] { DslStep.Of(typeof(SmtpInBuilder), "Hosts", (object)new[] { "mx-01.example.org" }) }, typeof(SmtpInBuilder))));
        steps.Add(DslStep.Of(p, nameof(MailDsl.Platform.SmtpOut), Lambda(typeof(SmtpOutBuilder),
            new[] { DslStep.Of(typeof(SmtpOutBuilder), "Hosts", (object)new[] { "relay-01.example.org" }), DslStep.Of(typeof(SmtpOutBuilder), "Submission") }, typeof(SmtpOutBuilder))));
        var store = new List<DslStep>
        {
            DslStep.Of(typeof(MailstoreBuilder), "Hosts", (object)new[] { "store-01.example.org" }),
            DslStep.Of(typeof(MailstoreBuilder), "Imaps"),
            DslStep.Of(typeof(MailstoreBuilder), "ManageSieve"),
            DslStep.Of(typeof(MailstoreBuilder), "Storage", Lambda(typeof(StorageBuilder), new[] { DslStep.Of(typeof(StorageBuilder), "Local", "/var/vmail") }, typeof(StorageBuilder))),
        };
        // Balancers front the mailstore's VIP, which then has its address (keepalived holds it, HAProxy binds it).
        if (Balancers != BalancerShape.None)
            store.Add(DslStep.Of(typeof(MailstoreBuilder), "Vip", "imap.example.org", "192.0.2.20"));
        steps.Add(DslStep.Of(p, nameof(MailDsl.Platform.Mailstore), Lambda(typeof(MailstoreBuilder), store, typeof(MailstoreBuilder))));
        var webDatabase = new List<DslStep>
        {
            DslStep.Of(typeof(DatabaseBuilder), "PostgreSql", "db.example.org"),
            DslStep.Of(typeof(DatabaseBuilder), "Name", "sogo"),
            DslStep.Of(typeof(DatabaseBuilder), "Login", "sogo", WebmailDatabaseSecret ?? SecretFile("/etc/maildsl/secrets/sogo-db")),
        };
        webDatabase.AddRange(WebmailDatabase);
        steps.Add(DslStep.Of(p, nameof(MailDsl.Platform.Webmail), Lambda(typeof(WebmailBuilder), new[]
        {
            DslStep.Of(typeof(WebmailBuilder), "Hosts", (object)new[] { "web-01.example.org" }),
            DslStep.Of(typeof(WebmailBuilder), "Database", new DslLambda(typeof(DatabaseBuilder), new DslChain(webDatabase))),
        }, typeof(WebmailBuilder))));
        if (Balancers != BalancerShape.None)
        {
            var b = typeof(BalancerBuilder);
            var balancers = Balancers == BalancerShape.Emitted
                ? new[] { DslStep.Of(b, "Host", "lb-01.example.org", "192.0.2.2"), DslStep.Of(b, "Host", "lb-02.example.org", "192.0.2.3") }
                : new[] { DslStep.Of(b, "Lbaas", LbaasBehaviour.PassThroughProxy), DslStep.Of(b, "From", (object)new[] { "192.0.2.0/29" }) };
            steps.Add(DslStep.Of(p, nameof(MailDsl.Platform.Balancers), Lambda(b, balancers, b)));
        }
        steps.AddRange(Terminal);
        return new DslChain(steps);
    }

    private DslLambda DirectoryLambda()
    {
        var d = typeof(DirectoryBuilder);
        if (Directory == DirectoryShape.Ldap)
        {
            var l = typeof(LdapDirectoryBuilder);
            return Lambda(d, new[]
            {
                DirectoryRoot ?? DslStep.Of(d, "Ldap", LdapSchema.ActiveDirectory),
                DslStep.Of(l, "Server", "dc01.example.org", LdapSecurity.Ldaps),
                DslStep.Of(l, "BaseDn", "dc=example,dc=org"),
                DslStep.Of(l, "BindAs", "cn=mail,dc=example,dc=org", DirectorySecret ?? SecretFile("/etc/maildsl/secrets/ldap-bind")),
                DslStep.Of(l, "AddAlias", "postmaster@example.org", new[] { "it@example.org" }),
            }, typeof(LdapDirectoryBuilder));
        }
        var s = typeof(SqlDirectoryBuilder);
        var database = new[]
        {
            DslStep.Of(typeof(DatabaseBuilder), "PostgreSql", "db.example.org"),
            DslStep.Of(typeof(DatabaseBuilder), "Name", "mail"),
            DslStep.Of(typeof(DatabaseBuilder), "Login", "dovecot", DirectorySecret ?? SecretFile("/etc/maildsl/secrets/directory-db")),
        }.Concat(Slot(typeof(DatabaseBuilder)));
        return Lambda(d, new[]
        {
            DirectoryRoot ?? DslStep.Of(d, "Sql", new DslLambda(typeof(DatabaseBuilder), new DslChain(database.ToList()))),
            DslStep.Of(s, "Table", "mail_users"),
            DslStep.Of(s, "AddAlias", "postmaster@example.org", new[] { "it@example.org" }),
        }, typeof(SqlDirectoryBuilder));
    }

    /// <summary>Puts <paramref name="step"/> in the slot of <paramref name="context"/>.</summary>
    public DslDescription With(DslContext context, DslStep step)
    {
        context.Place(this, step);
        return this;
    }

    internal void PlaceIn(Type builder, DslStep step) => Slot(builder).Add(step);
}

/// <summary>Where in <see cref="DslDescription"/> a call on one receiver type goes; some receivers have several (a database is SOGo's or the SQL directory's).</summary>
/// <param name="Receiver">The type the call is made on.</param>
/// <param name="Name">How tests name the place, e.g. <c>SOGo's database</c>; "" when the receiver has one place.</param>
/// <param name="Directory">The directory the description needs for the place.</param>
/// <param name="Place">Puts a call there.</param>
public sealed record DslContext(Type Receiver, string Name, DirectoryShape Directory, Action<DslDescription, DslStep> Place)
{
    /// <summary>Which of the receiver's methods can be called here (all, unless said otherwise).</summary>
    public Func<MethodInfo, bool> Accepts { get; init; } = _ => true;

    /// <inheritdoc/>
    public override string ToString() => Name.Length == 0 ? Receiver.Name : Receiver.Name + " (" + Name + ")";
}

/// <summary>
/// One string entry point of the DSL in a whole description: a string parameter of a public method, in one place the
/// method can be called. The hostile corpus gives every entry point the values of its parameter's kind.
/// </summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Context">Where the call is made.</param>
public sealed record DslEntryPoint(DslParameter Parameter, DslContext Context)
{
    /// <summary>How tests and the docs name it, e.g. <c>DatabaseBuilder.Name(string) database [SOGo's database]</c>.</summary>
    public string Name => Parameter.Name + (Context.Name.Length == 0 ? "" : " [" + Context.Name + "]");

    /// <summary>The kind the parameter declares (the surface test fails on a parameter without one).</summary>
    public ValueKind Kind => Parameter.Kind ?? throw new InvalidOperationException(Parameter.Name + " declares no ValueKind");

    /// <summary>The value every check accepts here, the twin each hostile value is compared with.</summary>
    public string Benign => DslDescriptions.Benign(Parameter, Context);

    /// <summary>The call of the method with <paramref name="value"/> as this parameter and benign values for every other one, and that argument.</summary>
    public (DslStep Step, DslArgument Argument) Call(string value) => DslDescriptions.Call(Parameter.Method, Parameter, value, Context);

    /// <summary>The whole description with the call in its place, for <paramref name="target"/>.</summary>
    public (DslChain Chain, DslArgument Argument) Describe(string value, Distro target = Distro.Debian12, string? certificate = null, string? key = null)
    {
        var description = new DslDescription
        {
            Target = target,
            Certificate = certificate ?? "/etc/ssl/maildsl/allservers.crt",
            Key = key ?? "/etc/ssl/maildsl/allservers.key",
            Directory = Context.Directory,
        };
        var (step, argument) = Call(value);
        Context.Place(description, step);
        return (description.Chain(), argument);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// The DSL surface as calls in whole descriptions: where each receiver type is reached (<see cref="Contexts"/>), a benign
/// argument for every parameter (<see cref="Benign"/>, <see cref="BenignArgument"/>), and every string entry point
/// (<see cref="EntryPoints"/>). A description built from them is clean; a test swaps one argument.
/// </summary>
public static class DslDescriptions
{
    /// <summary>Where calls on each receiver type go.</summary>
    public static IReadOnlyList<DslContext> Contexts { get; } = new DslContext[]
    {
        new(typeof(Platform), "", DirectoryShape.Ldap, (d, s) =>
        {
            if (s.Method.IsStatic) d.Root = s;
            else if (s.Method.ReturnType != typeof(Platform)) d.Terminal.Add(s);
            else d.Platform.Add(s);
        }),
        new(typeof(TargetBuilder), "", DirectoryShape.Ldap, (d, s) => d.TargetVersions.Add(s)),
        new(typeof(SmtpInBuilder), "", DirectoryShape.Ldap, (d, s) => d.PlaceIn(typeof(SmtpInBuilder), s)),
        new(typeof(SmtpOutBuilder), "", DirectoryShape.Ldap, (d, s) => d.PlaceIn(typeof(SmtpOutBuilder), s)),
        new(typeof(MailstoreBuilder), "", DirectoryShape.Ldap, (d, s) => d.PlaceIn(typeof(MailstoreBuilder), s)),
        new(typeof(WebmailBuilder), "", DirectoryShape.Ldap, (d, s) => d.PlaceIn(typeof(WebmailBuilder), s)),
        new(typeof(StorageBuilder), "", DirectoryShape.Ldap, (d, s) => d.PlaceIn(typeof(StorageBuilder), s)),
        // d.Ldap(...) or d.Sql(...) opens the directory lambda; the rest of the description's directory follows on what it returns.
        new(typeof(DirectoryBuilder), "LDAP", DirectoryShape.Ldap, (d, s) => d.DirectoryRoot = s) { Accepts = m => m.ReturnType == typeof(LdapDirectoryBuilder) },
        new(typeof(DirectoryBuilder), "SQL", DirectoryShape.Sql, (d, s) => d.DirectoryRoot = s) { Accepts = m => m.ReturnType == typeof(SqlDirectoryBuilder) },
        new(typeof(LdapDirectoryBuilder), "", DirectoryShape.Ldap, (d, s) => d.PlaceIn(typeof(LdapDirectoryBuilder), s)),
        new(typeof(SqlDirectoryBuilder), "", DirectoryShape.Sql, (d, s) => d.PlaceIn(typeof(SqlDirectoryBuilder), s)),
        new(typeof(DatabaseBuilder), "SOGo's database", DirectoryShape.Ldap, (d, s) => d.WebmailDatabase.Add(s)),
        new(typeof(DatabaseBuilder), "the SQL directory's database", DirectoryShape.Sql, (d, s) => d.PlaceIn(typeof(DatabaseBuilder), s)),
        // The emitted balancers take every call but an LBaaS's own; a described LBaaS takes those.
        new(typeof(BalancerBuilder), "emitted balancers", DirectoryShape.Ldap, (d, s) => { d.Balancers = BalancerShape.Emitted; d.PlaceIn(typeof(BalancerBuilder), s); })
        {
            Accepts = m => m.Name is not ("Lbaas" or "From"),
        },
        new(typeof(BalancerBuilder), "a described LBaaS", DirectoryShape.Ldap, (d, s) => { d.Balancers = BalancerShape.Lbaas; d.PlaceIn(typeof(BalancerBuilder), s); })
        {
            Accepts = m => m.Name is "Lbaas" or "From",
        },
        new(typeof(CertificateBuilder), "the platform's certificate", DirectoryShape.Ldap, (d, s) => d.PlatformCertificate.Add(s)),
        new(typeof(DnsBuilder), "", DirectoryShape.Ldap, (d, s) => d.Dns.Add(s)),
        new(typeof(Secret), "the directory's bind password", DirectoryShape.Ldap, (d, s) => d.DirectorySecret = new DslNested(s)),
        new(typeof(Secret), "the SQL directory's password", DirectoryShape.Sql, (d, s) => d.DirectorySecret = new DslNested(s)),
        new(typeof(Secret), "SOGo's database password", DirectoryShape.Ldap, (d, s) => d.WebmailDatabaseSecret = new DslNested(s)),
    };

    /// <summary>Every place calls on <paramref name="receiver"/> go; throws for a public type no context reaches.</summary>
    public static IReadOnlyList<DslContext> ContextsOf(Type receiver)
    {
        var found = Contexts.Where(c => c.Receiver == receiver).ToList();
        return found.Count > 0 ? found : throw new InvalidOperationException($"no description reaches {receiver.Name}: add a DslContext for it");
    }

    /// <summary>Every place <paramref name="method"/> can be called; throws for a method no context takes.</summary>
    public static IReadOnlyList<DslContext> ContextsOf(DslMethod method)
    {
        var found = ContextsOf(method.Receiver).Where(c => c.Accepts(method.Method)).ToList();
        return found.Count > 0 ? found : throw new InvalidOperationException($"no description can call {method.Signature}: add a DslContext for it");
    }

    /// <summary>Every string entry point: each string parameter of every public method, in each place the method can be called.</summary>
    public static IReadOnlyList<DslEntryPoint> EntryPoints { get; } = DslSurface.StringParameters
        .SelectMany(p => ContextsOf(p.Method).Select(c => new DslEntryPoint(p, c)))
        .ToList();

    /// <summary>
    /// One description calling every method of the surface, with benign arguments, in every place of a directory of
    /// <paramref name="shape"/> that adds to the description (the first call, <c>Build()</c>, the directory's opening call and the
    /// secret factories replace a part of it instead, so each stands in its own descriptions): what a fuzzer mutates to reach
    /// every entry point at once.
    /// </summary>
    public static DslChain Everything(DirectoryShape shape)
    {
        var description = new DslDescription { Directory = shape };
        foreach (var method in DslSurface.Methods)
            foreach (var context in ContextsOf(method.Receiver).Where(c => c.Directory == shape && c.Accepts(method.Method)))
            {
                if (method.Method.IsStatic || method.Method.ReturnType == typeof(PlatformModel) || method.Receiver == typeof(DirectoryBuilder)) continue;
                context.Place(description, Call(method, null, "", context).Step);
            }
        return description.Chain();
    }

    /// <summary>The call of <paramref name="method"/> with <paramref name="value"/> as <paramref name="target"/> (null: benign values only).</summary>
    public static (DslStep Step, DslArgument Argument) Call(DslMethod method, DslParameter? target, string value, DslContext? context = null)
    {
        DslArgument? chosen = null;
        var arguments = new List<DslArgument>();
        foreach (var parameter in method.Method.GetParameters())
        {
            DslArgument argument;
            if (target is not null && parameter.Position == target.Info.Position)
                argument = chosen = new DslLiteral(target.IsArray ? new[] { value } : value);
            else argument = BenignArgument(method, parameter, context);
            arguments.Add(argument);
        }
        return (new DslStep(method.Method, arguments), chosen ?? arguments.FirstOrDefault() ?? new DslLiteral(null));
    }

    /// <summary>A benign argument for <paramref name="parameter"/> of <paramref name="method"/>: what a clean description passes.</summary>
    public static DslArgument BenignArgument(DslMethod method, ParameterInfo parameter, DslContext? context = null)
    {
        var type = parameter.ParameterType;
        if (DslSurface.IsString(parameter))
        {
            var benign = Benign(new DslParameter(method, parameter), context);
            return new DslLiteral(type == typeof(string[]) ? new[] { benign } : benign);
        }
        if (type == typeof(Secret)) return new DslNested(DslStep.Of(typeof(Secret), nameof(Secret.File), "/etc/maildsl/secrets/benign"));
        if (type == typeof(TlsVersion[])) return new DslLiteral(new[] { TlsVersion.Tls12, TlsVersion.Tls13 });
        // A database is complete or it is MAIL5012; every other builder may be configured with nothing more.
        if (type == typeof(Action<DatabaseBuilder>))
            return new DslLambda(typeof(DatabaseBuilder), new DslChain(new[]
            {
                DslStep.Of(typeof(DatabaseBuilder), "PostgreSql", "db.example.org"),
                DslStep.Of(typeof(DatabaseBuilder), "Name", "benigndb"),
                DslStep.Of(typeof(DatabaseBuilder), "Login", "benignuser", new DslNested(DslStep.Of(typeof(Secret), nameof(Secret.File), "/etc/maildsl/secrets/benign"))),
            }));
        // Balancers are two hosts with their addresses, or none fronts anything (MAIL7010, MAIL7011).
        if (type == typeof(Action<BalancerBuilder>))
            return new DslLambda(typeof(BalancerBuilder), new DslChain(new[]
            {
                DslStep.Of(typeof(BalancerBuilder), "Host", "lb-01.example.org", "192.0.2.2"),
                DslStep.Of(typeof(BalancerBuilder), "Host", "lb-02.example.org", "192.0.2.3"),
            }));
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Action<>))
            return new DslLambda(type.GetGenericArguments()[0], new DslChain(Array.Empty<DslStep>()));
        if (parameter.HasDefaultValue) return new DslLiteral(DslStep.Default(parameter));
        return new DslLiteral(type switch
        {
            _ when type == typeof(int) => parameter.Name switch { "uid" or "gid" => 5000, "maxAgeSeconds" => 63072000, "id" => 60, "minutes" => 45, _ => PortFor(method) },
            _ when type == typeof(bool) => true,
            _ when type == typeof(Distro) => Distro.Debian12,
            _ when type == typeof(ServiceProtocol) => ListenerFor(method).Protocol,
            _ when type == typeof(ListenerSecurity) => ListenerSecurity.StartTls,
            _ when type == typeof(LdapSecurity) => LdapSecurity.Ldaps,
            _ when type == typeof(TlsProfile) => TlsProfile.Intermediate,
            _ when type == typeof(TlsGuideline) => TlsGuideline.TlsRef60,
            _ when type == typeof(TlsLevel) => TlsLevel.May,
            _ when type == typeof(DatabaseTls) => DatabaseTls.VerifyFull,
            _ when type == typeof(LoginName) => LoginName.Username,
            _ when type == typeof(LdapSchema) => LdapSchema.ActiveDirectory,
            _ when type == typeof(MailboxAccess) => MailboxAccess.OneBackendPerUser,
            _ when type == typeof(SogoCache) => SogoCache.Shared,
            _ when type == typeof(LbaasBehaviour) => LbaasBehaviour.PassThroughProxy,
            _ when type == typeof(HttpsBalancing) => HttpsBalancing.PassThrough,
            _ when type == typeof(MtaStsMode) => MtaStsMode.Enforce,
            _ => throw new InvalidOperationException($"no benign argument for {method.Signature} {parameter.Name} ({type.Name}): add one"),
        });
    }

    // A listener the layer can have: a protocol its daemons serve and a port nothing else there uses.
    private static (ServiceProtocol Protocol, int Port) ListenerFor(DslMethod method) => method.Receiver.Name switch
    {
        nameof(MailstoreBuilder) => (ServiceProtocol.Imap, 1143),
        nameof(WebmailBuilder) => (ServiceProtocol.Https, 8443),
        _ => (ServiceProtocol.Smtp, 2525),
    };

    private static int PortFor(DslMethod method) => method.Method.Name == "Listener" ? ListenerFor(method).Port : 2525;

    /// <summary>
    /// A value every check accepts for <paramref name="parameter"/>, distinct from every other value of the description (so a
    /// test can find where it was written), by method where its meaning depends on the method, else by kind.
    /// </summary>
    public static string Benign(DslParameter parameter, DslContext? context = null)
    {
        var method = parameter.Method.Method.Name;
        // SOGo before 5.11 has no TLS to MariaDB (MAIL5008), so on Debian 12 its MariaDB is the webmail host's own.
        if (method == "MariaDb" && context?.Name == "SOGo's database") return "localhost";
        var receiver = parameter.Method.Receiver.Name;
        var layer = receiver.Replace("Builder", "").ToLowerInvariant();
        switch (method, parameter.Info.Name)
        {
            case ("Create", _): return "maildomain.test";
            case ("AddMailDomain", _): return "second-domain.test";
            case ("Certificate", "certificateFile"): return "/etc/ssl/maildsl/allservers.crt";
            case ("Certificate", "keyFile"): return "/etc/ssl/maildsl/allservers.key";
            case ("CertificateAuthority", _): return "/etc/ssl/maildsl/platform-ca.crt";
            case ("Hosts", _): return layer + "-02.example.org";
            case ("Host", "name"): return layer + "-03.example.org";
            case ("Host", "address"): return layer == "balancer" ? "192.0.2.4" : "192.0.2.33";
            case ("Vip", "address"): return "192.0.2.40";
            case ("Vip", _): return layer + "-vip.example.org";
            case ("From", _): return "192.0.2.8/29";
            case ("Interface", _): return "ens192";
            case ("Stats", "address"): return "127.0.0.8";
            case ("HealthCheck", "layer"): return "mailstore";
            case ("HealthCheck", "listener"): return "imaps";
            case ("HealthCheck", "expect"): return "* OK";
            case ("Server", _): return "dc02.example.org";
            case ("PostgreSql", _): return "pg-01.example.org";
            case ("MariaDb", _): return "maria-01.example.org";
            case ("Name", _): return "benigndb";
            case ("Login", "user"): return "benignuser";
            case ("Login", "password"): return "not-a-real-password";
            case ("BaseDn", _): return "ou=people,dc=example,dc=org";
            case ("BindAs", "dn"): return "cn=mailapps,ou=services,dc=example,dc=org";
            case ("BindAs", "password"): return "not-a-real-password";
            case ("AddAlias", "address"): return "abuse@example.org";
            case ("AddAlias", "targets"): return "security-team@example.org";
            case ("Quota", _): return "mailquota";
            case ("Table", _): return "mail_accounts";
            case ("Local", _): case ("Nfs", _): return "/srv/vmail";
            case ("LocalIndexes", _): return "/var/lib/dovecot/index";
            case ("Owner", _): return "vmailer";
            case ("File", _): return "/etc/maildsl/secrets/benign-secret";
            case ("Environment", _): return "BENIGN_SECRET";
            case ("Banner", _): return "Example Mail";
            case ("Ciphers", _): return "ECDHE+AESGCM:!aNULL";
            case ("Groups", _): return "X25519";
            case ("ListenOn", _): return "127.0.0.1";
            // Loopback, as MAIL6006 requires, and not ListenOn's.
            case ("OutboundDane", _): return "127.0.0.53";
            case ("Listener", _): return "extra-listener";
            case ("PostfixSetting", "key"): return "smtpd_reject_footer";
            case ("PostfixSetting", "value"): return "Contact postmaster";
            case ("DovecotSetting", "key"): return "login_greeting";
            case ("DovecotSetting", "value"): return "Example IMAP ready";
            case ("SogoSetting", "key"): return "SOGoPageTitle";
            case ("SogoSetting", "value"): return "\"Example Webmail\"";
            case ("MailLocation", _): return "maildir:~/Mail";
            case ("Imap", _): return "imaps://imap.example.org:993";
            case ("Smtp", _): return "smtp://smtp.example.org:587/?tls=YES";
            case ("NginxLocation", "match"): return "/private/";
            case ("NginxLocation", "body"): return "return 403;";
            case ("WithOpenSsl", _): return "3.0";
            case ("WithNginx", _): return "1.22";
            case ("WithDovecot", _): return "2.3.19";
            case ("WithPostfix", _): return "3.7";
            case ("WithSogo", _): return "5.8.0";
            // A second chain beside the first (the sandboxes that read the sites hold a certificate and key at these paths too).
            case ("Alternative", "certificateFile"): return "/etc/ssl/maildsl/allservers-ecdsa.crt";
            case ("Alternative", "keyFile"): return "/etc/ssl/maildsl/allservers-ecdsa.key";
            case ("RenewedByCertbot", _): return "mail.example.org";
            case ("RenewedByAcmeSh", _): return "acme.example.org";
            // Covers the description's MX hosts (mx-01.example.org, smtpin-02.example.org), so enforce mode is clean (MAIL6004).
            case ("MtaSts", _): return "*.example.org";
            case ("TlsReports", _): return "mailto:tls-reports@example.org";
            case ("Caa", _): return "letsencrypt.org";
        }
        throw new InvalidOperationException($"no benign value for {parameter.Name}: add one to DslDescriptions.Benign");
    }
}
