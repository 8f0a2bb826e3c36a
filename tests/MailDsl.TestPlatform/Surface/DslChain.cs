using System.Globalization;
using System.Reflection;
using System.Text;

namespace MailDsl.TestPlatform.Surface;

/// <summary>An argument of a DSL call, as data: run at run time and written as C# source from the same value.</summary>
public abstract record DslArgument;

/// <summary>A constant: a string, an int, a bool, an enum member, or the elements of a params array (written one by one).</summary>
/// <param name="Value">The value.</param>
public sealed record DslLiteral(object? Value) : DslArgument;

/// <summary>A lambda <c>x =&gt; x.A(...).B(...)</c> passed as <c>Action&lt;T&gt;</c>.</summary>
/// <param name="Receiver">The lambda's parameter type (the builder it configures).</param>
/// <param name="Body">The calls made on it.</param>
public sealed record DslLambda(Type Receiver, DslChain Body) : DslArgument;

/// <summary>A static call whose result is the argument, e.g. <c>Secret.File("/etc/...")</c>.</summary>
/// <param name="Call">The call.</param>
public sealed record DslNested(DslStep Call) : DslArgument;

/// <summary>One call of a chain: a DSL method and its arguments, one per parameter (optional ones included).</summary>
/// <param name="Method">The method.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record DslStep(MethodInfo Method, IReadOnlyList<DslArgument> Arguments)
{
    /// <summary>
    /// The step calling <paramref name="name"/> on <paramref name="receiver"/> with <paramref name="arguments"/> (raw values
    /// become <see cref="DslLiteral"/>s; missing optional parameters take their defaults), choosing the overload whose
    /// parameters the arguments fit.
    /// </summary>
    public static DslStep Of(Type receiver, string name, params object?[] arguments)
    {
        var candidates = receiver.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == name).ToList();
        foreach (var method in candidates)
        {
            var parameters = method.GetParameters();
            if (arguments.Length > parameters.Length || parameters.Skip(arguments.Length).Any(p => !p.HasDefaultValue && !IsParams(p))) continue;
            var args = new List<DslArgument>();
            var fits = true;
            for (var i = 0; i < parameters.Length && fits; i++)
            {
                var argument = i < arguments.Length ? arguments[i] : Default(parameters[i]);
                var wrapped = argument as DslArgument ?? new DslLiteral(argument);
                fits = Fits(parameters[i].ParameterType, wrapped);
                args.Add(wrapped);
            }
            if (fits) return new DslStep(method, args);
        }
        throw new ArgumentException($"{receiver.Name} has no method {name} taking ({string.Join(", ", arguments.Select(a => a?.GetType().Name ?? "null"))})");
    }

    /// <summary>Whether <paramref name="parameter"/> is a <c>params</c> array.</summary>
    public static bool IsParams(ParameterInfo parameter) => parameter.IsDefined(typeof(ParamArrayAttribute));

    /// <summary>What a call that leaves <paramref name="parameter"/> out passes: its default (an enum's as the enum), or an empty params array.</summary>
    public static object? Default(ParameterInfo parameter)
    {
        if (IsParams(parameter)) return Array.CreateInstance(parameter.ParameterType.GetElementType()!, 0);
        var value = parameter.DefaultValue;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return value is not null && type.IsEnum && !type.IsInstanceOfType(value) ? Enum.ToObject(type, value) : value;
    }

    private static bool Fits(Type parameter, DslArgument argument) => argument switch
    {
        DslLiteral { Value: null } => !parameter.IsValueType,
        DslLiteral literal => parameter.IsInstanceOfType(literal.Value),
        DslLambda lambda => parameter == typeof(Action<>).MakeGenericType(lambda.Receiver),
        DslNested nested => parameter.IsAssignableFrom(nested.Call.Method.ReturnType),
        _ => false,
    };
}

/// <summary>
/// A fluent chain of DSL calls as data: <see cref="Run"/> makes the calls (the platform built at run time),
/// <see cref="Source"/> writes them as C# (the same description for the generator and the analyzer at compile time).
/// </summary>
/// <param name="Steps">The calls, in order; the first of a root chain is a static call (<c>Platform.Create</c>).</param>
public sealed record DslChain(IReadOnlyList<DslStep> Steps)
{
    /// <summary>This chain with <paramref name="steps"/> appended.</summary>
    public DslChain Then(params DslStep[] steps) => new(Steps.Concat(steps).ToList());

    /// <summary>Makes the calls on <paramref name="receiver"/> (null for a chain starting with a static call); returns the last result.</summary>
    public object? Run(object? receiver = null)
    {
        var current = receiver;
        foreach (var step in Steps)
        {
            var args = step.Arguments.Select(Value).ToArray();
            try
            {
                current = step.Method.Invoke(step.Method.IsStatic ? null : current, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }
        return current;
    }

    private static object? Value(DslArgument argument) => argument switch
    {
        DslLiteral literal => literal.Value,
        DslLambda lambda => typeof(DslChain).GetMethod(nameof(Action), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(lambda.Receiver).Invoke(null, new object[] { lambda.Body }),
        DslNested nested => new DslChain(new[] { nested.Call }).Run(),
        _ => throw new ArgumentException(argument.ToString()),
    };

    private static Action<T> Action<T>(DslChain body) => t => body.Run(t);

    /// <summary>The chain as a C# expression, and where each <see cref="DslLiteral"/> string argument was written (offsets in it).</summary>
    public (string Text, IReadOnlyDictionary<DslArgument, (int Start, int Length)> Spans) Source()
    {
        var text = new StringBuilder();
        var spans = new Dictionary<DslArgument, (int, int)>(ReferenceEqualityComparer.Instance);
        Write(text, spans, this, null, 0);
        return (text.ToString(), spans);
    }

    /// <summary>
    /// A whole source file: the chain as the <c>Describe()</c> of a <c>[MailPlatform]</c> class named <paramref name="className"/>,
    /// and where each string argument was written in it.
    /// </summary>
    public (string Text, IReadOnlyDictionary<DslArgument, (int Start, int Length)> Spans) SourceFile(string className)
    {
        var head = "using MailDsl;\nusing MailDsl.Model;\n\n[MailPlatform]\npublic static partial class " + className + "\n{\n    static Platform Describe() => ";
        var (text, spans) = Source();
        return (head + text + ";\n}\n", spans.ToDictionary(p => p.Key, p => (p.Value.Start + head.Length, p.Value.Length), (IEqualityComparer<DslArgument>)ReferenceEqualityComparer.Instance));
    }

    private static void Write(StringBuilder text, Dictionary<DslArgument, (int, int)> spans, DslChain chain, string? receiver, int depth)
    {
        for (var i = 0; i < chain.Steps.Count; i++)
        {
            var step = chain.Steps[i];
            if (step.Method.IsStatic) text.Append(step.Method.DeclaringType!.Name);
            else if (i == 0) text.Append(receiver);
            text.Append('.').Append(step.Method.Name).Append('(');
            var first = true;
            var parameters = step.Method.GetParameters();
            for (var j = 0; j < step.Arguments.Count; j++)
            {
                var argument = step.Arguments[j];
                // A params array written with no element, or an optional argument left at its default, is left out.
                if (argument is DslLiteral { Value: Array { Length: 0 } } && DslStep.IsParams(parameters[j])) continue;
                if (!first) text.Append(", ");
                first = false;
                var start = text.Length;
                WriteArgument(text, spans, argument, depth);
                if (argument is DslLiteral { Value: string or string[] }) spans[argument] = (start, text.Length - start);
            }
            text.Append(')');
        }
    }

    private static void WriteArgument(StringBuilder text, Dictionary<DslArgument, (int, int)> spans, DslArgument argument, int depth)
    {
        switch (argument)
        {
            case DslLiteral { Value: null }:
                text.Append("null");
                break;
            case DslLiteral { Value: string s }:
                text.Append(Literal(s));
                break;
            case DslLiteral { Value: Array array }:
                text.Append(string.Join(", ", array.Cast<object?>().Select(Constant)));
                break;
            case DslLiteral literal:
                text.Append(Constant(literal.Value));
                break;
            case DslLambda lambda:
                var name = ((char)('a' + depth)).ToString();
                text.Append(name).Append(" => ");
                // A lambda that configures nothing is an empty block: "a => " alone is not C#.
                if (lambda.Body.Steps.Count == 0) text.Append("{ }");
                else Write(text, spans, lambda.Body, name, depth + 1);
                break;
            case DslNested nested:
                Write(text, spans, new DslChain(new[] { nested.Call }), null, depth);
                break;
        }
    }

    private static string Constant(object? value) => value switch
    {
        null => "null",
        string s => Literal(s),
        bool b => b ? "true" : "false",
        int n => n.ToString(CultureInfo.InvariantCulture),
        Enum e => e.GetType().Name + "." + e,
        _ => throw new ArgumentException("no C# constant for " + value.GetType().Name),
    };

    /// <summary><paramref name="value"/> as a C# string literal: quotes, backslashes and every control or non-ASCII character escaped.</summary>
    public static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c > 0x7e) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Source().Text;
}
