using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MailDsl.Model;
using Microsoft.CodeAnalysis;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>
    /// How both evaluators make a DSL call once they have read its arguments: which parameter each argument goes to
    /// (by position, by name, the elements of a <c>params</c> array, defaults, enums as enums), the argument spans the
    /// builders record their origins from, lambdas made into the <c>Action&lt;TBuilder&gt;</c> a builder takes, and the call
    /// itself inside <see cref="DslCallSite"/>. The two front ends keep only what differs: how they find the method and read
    /// a value, <see cref="DslEvaluator"/> from the compiler's bound operations (symbols), <see cref="SyntacticEvaluator"/>
    /// from syntax alone. Binding the same way is what makes both give the same model and the same spans.
    /// </summary>
    internal static class DslCallBinder
    {
        private static readonly MethodInfo TypedAction = typeof(DslCallBinder).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;

        /// <summary>
        /// The arguments of a call to <paramref name="method"/> with <paramref name="arguments"/>, or null when they do not fit
        /// its parameters exactly (an unknown name, a parameter given twice, a positional argument after a named one, a value
        /// of another type, a required parameter left out).
        /// </summary>
        public static BoundCall? Bind(DslMethod method, IReadOnlyList<CallArgument> arguments)
        {
            var parameters = method.Parameters;
            var paramsIndex = method.ParamsIndex;
            var values = new object?[parameters.Length];
            var given = new CallArgument?[parameters.Length];
            List<CallArgument>? expanded = null;
            var position = 0;
            var named = false;
            foreach (var argument in arguments)
            {
                int index;
                if (argument.Ordinal >= 0)
                {
                    index = argument.Ordinal;
                }
                else if (argument.Name is { } name)
                {
                    named = true;
                    index = Array.FindIndex(parameters, p => p.Name == name);
                    if (index == paramsIndex) return null;
                }
                else
                {
                    if (named) return null;
                    index = position++;
                    if (paramsIndex >= 0 && index >= paramsIndex)
                    {
                        // The params array in its expanded form: this argument is one of its elements.
                        (expanded ??= new List<CallArgument>()).Add(argument);
                        continue;
                    }
                }
                if (index < 0 || index >= parameters.Length || given[index] is not null) return null;
                if (!Convert(argument.Value, parameters[index].ParameterType, out values[index])) return null;
                given[index] = argument;
            }
            if (expanded is not null)
            {
                if (given[paramsIndex] is not null) return null;
                var elementType = parameters[paramsIndex].ParameterType.GetElementType()!;
                var array = Array.CreateInstance(elementType, expanded.Count);
                for (var j = 0; j < expanded.Count; j++)
                {
                    if (!Convert(expanded[j].Value, elementType, out var element)) return null;
                    array.SetValue(element, j);
                }
                values[paramsIndex] = array;
            }
            for (var i = 0; i < parameters.Length; i++)
            {
                if (given[i] is not null || (i == paramsIndex && expanded is not null)) continue;
                if (i == paramsIndex) values[i] = Array.CreateInstance(parameters[i].ParameterType.GetElementType()!, 0);
                else if (parameters[i].HasDefaultValue) values[i] = Default(parameters[i]);
                else return null;
            }
            return new BoundCall(method, values, given, expanded);
        }

        /// <summary>
        /// Calls <paramref name="call"/> on <paramref name="receiver"/> (null for a static method). With
        /// <paramref name="argumentSpans"/>, the builders record where each value was written; without, they record nothing,
        /// as at run time. A builder refusing its arguments throws <see cref="TargetInvocationException"/>: the front end
        /// decides what that means.
        /// </summary>
        public static object? Invoke(BoundCall call, object? receiver, SourceSpan? methodSpan, SourceSpan?[]? argumentSpans)
        {
            if (argumentSpans is null) return call.Method.Method.Invoke(receiver, call.Values);
            using (DslCallSite.Enter(methodSpan, argumentSpans))
                return call.Method.Method.Invoke(receiver, call.Values);
        }

        /// <summary>The <c>Action&lt;TBuilder&gt;</c> a builder method takes, running <paramref name="run"/> on the builder it is given.</summary>
        public static object Action(Type builderType, Action<object> run) => TypedAction.MakeGenericMethod(builderType).Invoke(null, new object[] { run })!;

        private static Action<T> Typed<T>(Action<object> run) => value => run(value!);

        /// <summary>A parameter's default as run time passes it: an enum's as the enum, not its number.</summary>
        private static object? Default(ParameterInfo parameter)
        {
            var value = parameter.DefaultValue;
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            return value is not null && type.IsEnum ? Enum.ToObject(type, value) : value;
        }

        /// <summary>Whether <paramref name="value"/> can be passed as <paramref name="target"/>; a lambda becomes the builder action the parameter takes.</summary>
        private static bool Convert(object? value, Type target, out object? converted)
        {
            converted = value;
            switch (value)
            {
                case null:
                    return !target.IsValueType || Nullable.GetUnderlyingType(target) is not null;
                case UntypedLambda lambda:
                    if (!target.IsGenericType || target.GetGenericTypeDefinition() != typeof(Action<>)) return false;
                    converted = Action(target.GetGenericArguments()[0], lambda.Run);
                    return true;
                default:
                    return target.IsInstanceOfType(value);
            }
        }
    }

    /// <summary>
    /// One argument of a DSL call as a front end read it: its value, where it was written, and which parameter it is for
    /// (by position, by name, or by ordinal when the compiler has said so).
    /// </summary>
    internal sealed class CallArgument
    {
        private CallArgument(object? value, SyntaxNode syntax, string? name, int ordinal, IReadOnlyList<SyntaxNode>? elements)
        {
            Value = value;
            Syntax = syntax;
            Name = name;
            Ordinal = ordinal;
            Elements = elements;
        }

        /// <summary>The value (an <see cref="UntypedLambda"/> for a lambda whose delegate type the parameter decides).</summary>
        public object? Value { get; }

        /// <summary>Where it was written.</summary>
        public SyntaxNode Syntax { get; }

        /// <summary>The parameter's name, for a named argument.</summary>
        public string? Name { get; }

        /// <summary>The parameter's ordinal where the compiler bound it, else -1.</summary>
        public int Ordinal { get; }

        /// <summary>For an array given whole to a <c>params</c> parameter, where each element was written (each its own origin); else null.</summary>
        public IReadOnlyList<SyntaxNode>? Elements { get; }

        /// <summary>An argument written by position (<c>m.Imaps(993)</c>).</summary>
        public static CallArgument Positional(object? value, SyntaxNode syntax) => new(value, syntax, null, -1, null);

        /// <summary>An argument written by name (<c>m.Imaps(port: 993)</c>).</summary>
        public static CallArgument Named(string name, object? value, SyntaxNode syntax) => new(value, syntax, name, -1, null);

        /// <summary>An argument the compiler bound to the parameter at <paramref name="ordinal"/>.</summary>
        public static CallArgument Bound(int ordinal, object? value, SyntaxNode syntax, IReadOnlyList<SyntaxNode>? elements = null)
            => new(value, syntax, null, ordinal, elements);
    }

    /// <summary>A lambda read before its delegate type is known: the parameter it is passed to says which builder it configures.</summary>
    internal sealed class UntypedLambda
    {
        public UntypedLambda(Action<object> run) => Run = run;

        /// <summary>Runs the lambda's body on the builder it is given.</summary>
        public Action<object> Run { get; }
    }

    /// <summary>A DSL call with every parameter's value, ready to be made.</summary>
    internal sealed class BoundCall
    {
        private readonly CallArgument?[] _given;
        private readonly List<CallArgument>? _expanded;

        internal BoundCall(DslMethod method, object?[] values, CallArgument?[] given, List<CallArgument>? expanded)
        {
            Method = method;
            Values = values;
            _given = given;
            _expanded = expanded;
        }

        /// <summary>The method.</summary>
        public DslMethod Method { get; }

        /// <summary>The value of each parameter.</summary>
        public object?[] Values { get; }

        /// <summary>
        /// Each parameter's argument span, in parameter order, as the builders read them (<see cref="DslCallSite.Argument"/>):
        /// one span per element of a <c>params</c> array, null for a parameter left to its default.
        /// </summary>
        public SourceSpan?[] ArgumentSpans()
        {
            var spans = new List<SourceSpan?>();
            for (var i = 0; i < _given.Length; i++)
            {
                if (i == Method.ParamsIndex && _expanded is not null)
                    spans.AddRange(_expanded.Select(a => (SourceSpan?)SourceSpans.Argument(a.Syntax)));
                else if (_given[i] is { Elements: { } elements })
                    spans.AddRange(elements.Select(e => (SourceSpan?)SourceSpans.Argument(e)));
                else if (_given[i] is { } argument)
                    spans.Add(SourceSpans.Argument(argument.Syntax));
                else if (i != Method.ParamsIndex)
                    spans.Add(null);
            }
            return spans.ToArray();
        }
    }

    /// <summary>
    /// A public method of a DSL type and its parameters. Looked up once per process and name: the DSL's types are this
    /// assembly's own and never change, and reflection's own lookups allocate on every call (every build and keystroke).
    /// </summary>
    internal sealed class DslMethod
    {
        private static readonly ConcurrentDictionary<(Type Type, string Name, bool IsStatic), DslMethod[]> Cache = new();

        private DslMethod(MethodInfo method)
        {
            Method = method;
            Parameters = method.GetParameters();
            ParamsIndex = Parameters.Length > 0 && Parameters[Parameters.Length - 1].IsDefined(typeof(ParamArrayAttribute), false) ? Parameters.Length - 1 : -1;
        }

        /// <summary>The method.</summary>
        public MethodInfo Method { get; }

        /// <summary>Its parameters.</summary>
        public ParameterInfo[] Parameters { get; }

        /// <summary>The index of its <c>params</c> array parameter (always the last), or -1.</summary>
        public int ParamsIndex { get; }

        /// <summary>The non-generic public methods of <paramref name="type"/> called <paramref name="name"/> (its overloads).</summary>
        public static DslMethod[] Named(Type type, string name, bool isStatic) => Cache.GetOrAdd((type, name, isStatic), key => key.Type
            .GetMethods(BindingFlags.Public | (key.IsStatic ? BindingFlags.Static : BindingFlags.Instance))
            .Where(m => m.Name == key.Name && !m.IsGenericMethodDefinition)
            .Select(m => new DslMethod(m))
            .ToArray());

        /// <summary>The overload of <paramref name="name"/> whose parameters are exactly <paramref name="parameterTypes"/>, or null.</summary>
        public static DslMethod? Exactly(Type type, string name, bool isStatic, IReadOnlyList<Type> parameterTypes)
            => Named(type, name, isStatic).FirstOrDefault(m => m.Parameters.Select(p => p.ParameterType).SequenceEqual(parameterTypes));
    }
}
