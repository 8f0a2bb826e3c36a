using System.Reflection;
using MailDsl.Model;

namespace MailDsl.TestPlatform.Surface;

/// <summary>One public method of the DSL as a public builder type offers it (inherited ones once per concrete builder).</summary>
/// <param name="Receiver">The concrete type it is called on, e.g. <c>SmtpInBuilder</c> for <c>LayerBuilder&lt;T&gt;.Hosts</c>.</param>
/// <param name="Method">The method, as <paramref name="Receiver"/> offers it (its declaring type may be a generic base).</param>
public sealed record DslMethod(Type Receiver, MethodInfo Method)
{
    /// <summary>How tests name it: receiver, name and parameter types, e.g. <c>SmtpInBuilder.PostfixSetting(string, string)</c>.</summary>
    public string Signature => $"{Receiver.Name}.{Method.Name}({string.Join(", ", Method.GetParameters().Select(p => DslSurface.TypeName(p)))})";

    /// <summary>The string and string[] parameters, each with its declared kind.</summary>
    public IReadOnlyList<DslParameter> StringParameters
        => Method.GetParameters().Where(DslSurface.IsString).Select(p => new DslParameter(this, p)).ToList();

    /// <inheritdoc/>
    public override string ToString() => Signature;
}

/// <summary>One string (or string[]) parameter of a DSL method, and the grammar it declares.</summary>
/// <param name="Method">The method.</param>
/// <param name="Info">The parameter.</param>
public sealed record DslParameter(DslMethod Method, ParameterInfo Info)
{
    /// <summary>The kind its <see cref="ValueGrammarAttribute"/> declares, or null when it declares none.</summary>
    public ValueKind? Kind => Info.GetCustomAttribute<ValueGrammarAttribute>()?.Kind;

    /// <summary>Whether it takes several values (<c>params string[]</c>).</summary>
    public bool IsArray => Info.ParameterType == typeof(string[]);

    /// <summary>How tests name it, e.g. <c>SmtpInBuilder.PostfixSetting(string, string) value</c>.</summary>
    public string Name => Method.Signature + " " + Info.Name;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// The DSL's public surface, read by reflection: every public type of the DSL's namespace in its assembly, every public
/// method and overload each offers (those a generic base declares, once per concrete builder), and every string parameter
/// with the <see cref="ValueKind"/> it declares. Tests enumerate it so that a method added without a grammar fails, and the
/// hostile corpus is generated from it (<see cref="DslDescriptions"/> reaches each method in a whole description).
/// </summary>
public static class DslSurface
{
    /// <summary>The DSL's assembly.</summary>
    public static Assembly Assembly { get; } = typeof(Platform).Assembly;

    /// <summary>The DSL's namespace (the run-time host lives in MailDsl.Hosting, outside it).</summary>
    public const string Namespace = "MailDsl";

    /// <summary>The concrete public types a description calls methods on, by name.</summary>
    public static IReadOnlyList<Type> Types { get; } = Assembly.GetExportedTypes()
        .Where(t => t.Namespace == Namespace && t.IsClass && !t.IsAbstract && !typeof(Attribute).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Every public method and overload of <see cref="Types"/> declared in the DSL's assembly (overrides of object's, such as
    /// <c>ToString</c>, are not DSL calls), in a stable order.
    /// </summary>
    public static IReadOnlyList<DslMethod> Methods { get; } = Types
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.DeclaringType?.Assembly == Assembly && !m.IsSpecialName && m.GetBaseDefinition().DeclaringType != typeof(object))
            .Select(m => new DslMethod(t, m)))
        .OrderBy(m => m.Signature, StringComparer.Ordinal)
        .ToList();

    /// <summary>Every string and string[] parameter of <see cref="Methods"/>.</summary>
    public static IReadOnlyList<DslParameter> StringParameters { get; } = Methods.SelectMany(m => m.StringParameters).ToList();

    /// <summary>Whether <paramref name="parameter"/> takes text: a string or an array of strings.</summary>
    public static bool IsString(ParameterInfo parameter) => parameter.ParameterType == typeof(string) || parameter.ParameterType == typeof(string[]);

    /// <summary>A parameter's type as C# writes it, e.g. <c>string[]</c> or <c>Action&lt;DatabaseBuilder&gt;</c>.</summary>
    public static string TypeName(ParameterInfo parameter) => TypeName(parameter.ParameterType);

    /// <summary>A type as C# writes it.</summary>
    public static string TypeName(Type type)
    {
        if (type == typeof(string)) return "string";
        if (type == typeof(int)) return "int";
        if (type == typeof(bool)) return "bool";
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType)
        {
            var name = type.Name.Substring(0, type.Name.IndexOf('`'));
            if (type.GetGenericTypeDefinition() == typeof(Nullable<>)) return TypeName(type.GetGenericArguments()[0]) + "?";
            return name + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }
        return type.Name;
    }
}
