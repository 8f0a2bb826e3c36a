using MailDsl.Model;

namespace MailDsl.TestPlatform.Surface;

/// <summary>
/// One public DSL method called with benign values in one place a description can call it, in an otherwise clean
/// description: what the surface tests and the evaluators' corpus run, one per method, overload and place.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Context">Where it is called.</param>
public sealed record DslBenignCall(DslMethod Method, DslContext Context)
{
    /// <summary>Every such call: each method and overload of <see cref="DslSurface.Methods"/>, in each of its places.</summary>
    public static IReadOnlyList<DslBenignCall> All { get; } = DslSurface.Methods
        .SelectMany(m => DslDescriptions.ContextsOf(m).Select(c => new DslBenignCall(m, c)))
        .ToList();

    /// <summary>How tests name it, e.g. <c>DatabaseBuilder.Name(string) @ DatabaseBuilder (SOGo's database)</c>.</summary>
    public string Name => Method.Signature + " @ " + Context;

    /// <summary>The call named <paramref name="name"/>.</summary>
    public static DslBenignCall Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The call itself (its arguments are what a test looks for in the source).</summary>
    public DslStep Step { get; } = DslDescriptions.Call(Method, null, "", Context).Step;

    /// <summary>The whole description with the call in its place.</summary>
    public DslChain Describe()
    {
        var description = new DslDescription { Directory = Context.Directory };
        Context.Place(description, Step);
        return description.Chain();
    }

    /// <summary>The model the description builds when its calls are made (run time).</summary>
    public PlatformModel RunTime() => Describe().Run() switch
    {
        Platform p => p.Build(),
        PlatformModel m => m,
        var other => throw new InvalidOperationException("the chain built " + other),
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
