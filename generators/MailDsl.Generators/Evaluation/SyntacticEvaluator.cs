using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using MailDsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>
    /// The generator's fast path: evaluates a <c>Describe()</c> written only in the DSL's own vocabulary (literals, DSL
    /// enum members, lambdas, calls on the builders) from its syntax alone, running the real builders, without binding
    /// the method body. Roslyn re-runs the generator's attribute transform on every compilation change, and binding a
    /// 1,000-host description costs tens of milliseconds, while reading its syntax costs well under one. Anything else (a
    /// const, a variable, an expression) makes it give up, and <see cref="DslEvaluator"/> evaluates with the semantic
    /// model as before; a test holds the two to the same model on every platform both can read.
    /// </summary>
    internal static class SyntacticEvaluator
    {
        private static readonly Assembly ModelAssembly = typeof(PlatformModel).Assembly;
        private static readonly MethodInfo TypedAction = typeof(SyntacticEvaluator).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;

        /// <summary>The model <c>Describe()</c> builds (with no origins), or null when its syntax alone cannot say.</summary>
        public static PlatformModel? TryEvaluate(TypeDeclarationSyntax type, CancellationToken cancellation)
            => DescribeMethod.Find(type, null) is { } describe ? TryEvaluate(describe, cancellation) : null;

        /// <summary>
        /// The model <paramref name="describe"/> builds, or null when its syntax alone cannot say. With
        /// <paramref name="recordOrigins"/>, the builders record where each value was written, as under
        /// <see cref="DslEvaluator"/> (the analyzer's fast path: no binding of the body to place its findings).
        /// </summary>
        public static PlatformModel? TryEvaluate(MethodDeclarationSyntax describe, CancellationToken cancellation, bool recordOrigins = false)
        {
            var body = describe.ExpressionBody?.Expression
                ?? (describe.Body?.Statements.Count == 1 && describe.Body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
            if (body is null) return null;
            try
            {
                return new Walker(cancellation, recordOrigins).Eval(body) is Platform platform ? platform.Build() : null;
            }
            catch (NotClosedException)
            {
                return null;
            }
            catch (TargetInvocationException)
            {
                // A builder refused a value: the semantic evaluator reports it at the argument.
                return null;
            }
        }

        /// <summary>
        /// A public method of a DSL type and its parameters. Looked up once per process and name: the DSL's types are this
        /// assembly's own and never change, and reflection's own lookups allocate on every call (every build and keystroke).
        /// </summary>
        private sealed class DslMethod
        {
            private static readonly ConcurrentDictionary<(Type Type, string Name, bool IsStatic), DslMethod[]> Cache = new();

            private DslMethod(MethodInfo method)
            {
                Method = method;
                Parameters = method.GetParameters();
                ParamsIndex = Parameters.Length > 0 && Parameters[Parameters.Length - 1].IsDefined(typeof(ParamArrayAttribute), false) ? Parameters.Length - 1 : -1;
            }

            public MethodInfo Method { get; }

            public ParameterInfo[] Parameters { get; }

            /// <summary>The index of its <c>params</c> array parameter (always the last), or -1.</summary>
            public int ParamsIndex { get; }

            /// <summary>The non-generic public methods of <paramref name="type"/> called <paramref name="name"/>.</summary>
            public static DslMethod[] Named(Type type, string name, bool isStatic) => Cache.GetOrAdd((type, name, isStatic), key => key.Type
                .GetMethods(BindingFlags.Public | (key.IsStatic ? BindingFlags.Static : BindingFlags.Instance))
                .Where(m => m.Name == key.Name && !m.IsGenericMethodDefinition)
                .Select(m => new DslMethod(m))
                .ToArray());
        }

        /// <summary>The syntax uses something beyond the DSL's vocabulary.</summary>
        private sealed class NotClosedException : Exception
        {
        }

        /// <summary>A lambda not yet given its delegate type (the parameter it is passed to decides it).</summary>
        private sealed class Lambda
        {
            public Lambda(string parameter, CSharpSyntaxNode body)
            {
                Parameter = parameter;
                Body = body;
            }

            public string Parameter { get; }

            public CSharpSyntaxNode Body { get; }
        }

        private static Action<T> Typed<T>(Action<object> run) => value => run(value!);

        private sealed class Walker
        {
            private readonly CancellationToken _cancellation;
            private readonly bool _recordOrigins;
            private readonly Dictionary<string, object> _parameters = new(StringComparer.Ordinal);

            public Walker(CancellationToken cancellation, bool recordOrigins)
            {
                _cancellation = cancellation;
                _recordOrigins = recordOrigins;
            }

            public object? Eval(ExpressionSyntax expression)
            {
                _cancellation.ThrowIfCancellationRequested();
                switch (expression)
                {
                    case LiteralExpressionSyntax literal:
                        return Literal(literal);
                    case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: int number } }:
                        return -number;
                    case ParenthesizedExpressionSyntax parenthesized:
                        return Eval(parenthesized.Expression);
                    case IdentifierNameSyntax name when _parameters.TryGetValue(name.Identifier.ValueText, out var bound):
                        return bound;
                    case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } member when EnumType(member.Expression) is { } enumType:
                        return EnumMember(enumType, member.Name);
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } call } invocation:
                        return Invoke(invocation, call);
                    case SimpleLambdaExpressionSyntax simple when simple.Parameter.Default is null:
                        return new Lambda(simple.Parameter.Identifier.ValueText, simple.Body);
                    case ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized when parenthesized.ParameterList.Parameters[0].Default is null:
                        return new Lambda(parenthesized.ParameterList.Parameters[0].Identifier.ValueText, parenthesized.Body);
                    default:
                        throw new NotClosedException();
                }
            }

            private static object? Literal(LiteralExpressionSyntax literal)
            {
                switch (literal.Kind())
                {
                    case SyntaxKind.StringLiteralExpression:
                        return literal.Token.ValueText;
                    case SyntaxKind.NumericLiteralExpression when literal.Token.Value is int number:
                        return number;
                    case SyntaxKind.TrueLiteralExpression:
                        return true;
                    case SyntaxKind.FalseLiteralExpression:
                        return false;
                    case SyntaxKind.NullLiteralExpression:
                        return null;
                    default:
                        throw new NotClosedException();
                }
            }

            private object? Invoke(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax call)
            {
                object? receiver = null;
                Type type;
                if (StaticType(call.Expression) is { } staticType)
                {
                    type = staticType;
                }
                else
                {
                    receiver = Eval(call.Expression);
                    if (receiver is null || receiver is Lambda) throw new NotClosedException();
                    type = receiver.GetType();
                }
                if (type.Assembly != typeof(Platform).Assembly) throw new NotClosedException();

                var positional = new List<object?>();
                var named = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (!argument.RefKindKeyword.IsKind(SyntaxKind.None)) throw new NotClosedException();
                    var value = Eval(argument.Expression);
                    if (argument.NameColon is { } name) named[name.Name.Identifier.ValueText] = value;
                    else if (named.Count > 0) throw new NotClosedException();
                    else positional.Add(value);
                }

                DslMethod? chosen = null;
                object?[]? chosenValues = null;
                foreach (var method in DslMethod.Named(type, call.Name.Identifier.ValueText, isStatic: receiver is null))
                {
                    if (Bind(method, positional, named) is not { } values) continue;
                    // Two applicable overloads: the compiler's rules decide, not ours.
                    if (chosen is not null) throw new NotClosedException();
                    chosen = method;
                    chosenValues = values;
                }
                if (chosen is null) throw new NotClosedException();
                if (!_recordOrigins) return chosen.Method.Invoke(receiver, chosenValues);
                using (DslCallSite.Enter(SourceSpans.MethodName(invocation), ArgumentSpans(chosen, invocation.ArgumentList)))
                    return chosen.Method.Invoke(receiver, chosenValues);
            }

            /// <summary>
            /// Each parameter's argument span, in parameter order, as <see cref="DslEvaluator"/> lists them: one span per
            /// element of a params array, null for a parameter left to its default.
            /// </summary>
            private static SourceSpan?[] ArgumentSpans(DslMethod method, ArgumentListSyntax arguments)
            {
                var parameters = method.Parameters;
                var spans = new List<SourceSpan?>();
                var positional = arguments.Arguments.Where(a => a.NameColon is null).ToList();
                for (var i = 0; i < parameters.Length; i++)
                {
                    if (i == method.ParamsIndex)
                    {
                        spans.AddRange(positional.Skip(i).Select(a => (SourceSpan?)SourceSpans.Argument(a.Expression)));
                        break;
                    }
                    var given = i < positional.Count
                        ? positional[i]
                        : arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameters[i].Name);
                    spans.Add(given is null ? null : SourceSpans.Argument(given.Expression));
                }
                return spans.ToArray();
            }

            /// <summary>The arguments for <paramref name="method"/>'s parameters, or null when the call does not fit them exactly.</summary>
            private object?[]? Bind(DslMethod method, List<object?> positional, Dictionary<string, object?> named)
            {
                var parameters = method.Parameters;
                var paramsIndex = method.ParamsIndex;
                var values = new object?[parameters.Length];
                var filled = new bool[parameters.Length];
                for (var i = 0; i < positional.Count; i++)
                {
                    if (i == paramsIndex)
                    {
                        var elementType = parameters[i].ParameterType.GetElementType()!;
                        var array = Array.CreateInstance(elementType, positional.Count - i);
                        for (var j = i; j < positional.Count; j++)
                        {
                            if (!Convert(positional[j], elementType, out var element)) return null;
                            array.SetValue(element, j - i);
                        }
                        values[i] = array;
                        filled[i] = true;
                        break;
                    }
                    if (i >= parameters.Length || !Convert(positional[i], parameters[i].ParameterType, out values[i])) return null;
                    filled[i] = true;
                }
                foreach (var pair in named)
                {
                    var index = Array.FindIndex(parameters, p => p.Name == pair.Key);
                    if (index < 0 || filled[index] || index == paramsIndex || !Convert(pair.Value, parameters[index].ParameterType, out values[index])) return null;
                    filled[index] = true;
                }
                for (var i = 0; i < parameters.Length; i++)
                {
                    if (filled[i]) continue;
                    if (i == paramsIndex) values[i] = Array.CreateInstance(parameters[i].ParameterType.GetElementType()!, 0);
                    else if (parameters[i].HasDefaultValue) values[i] = Default(parameters[i]);
                    else return null;
                }
                return values;
            }

            private static object? Default(ParameterInfo parameter)
            {
                var value = parameter.DefaultValue;
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                return value is not null && type.IsEnum ? Enum.ToObject(type, value) : value;
            }

            private bool Convert(object? value, Type target, out object? converted)
            {
                converted = value;
                switch (value)
                {
                    case null:
                        return !target.IsValueType || Nullable.GetUnderlyingType(target) is not null;
                    case Lambda lambda:
                        if (!target.IsGenericType || target.GetGenericTypeDefinition() != typeof(Action<>)) return false;
                        converted = MakeAction(lambda, target.GetGenericArguments()[0]);
                        return true;
                    default:
                        return target.IsInstanceOfType(value);
                }
            }

            private object MakeAction(Lambda lambda, Type builderType)
            {
                Action<object> run = builder =>
                {
                    if (_parameters.ContainsKey(lambda.Parameter)) throw new NotClosedException();
                    _parameters[lambda.Parameter] = builder;
                    try
                    {
                        switch (lambda.Body)
                        {
                            case ExpressionSyntax expression:
                                Eval(expression);
                                break;
                            case BlockSyntax block:
                                foreach (var statement in block.Statements)
                                {
                                    if (statement is ExpressionStatementSyntax { Expression: var e }) Eval(e);
                                    else if (statement is ReturnStatementSyntax { Expression: var r }) { if (r is not null) Eval(r); }
                                    else throw new NotClosedException();
                                }
                                break;
                            default:
                                throw new NotClosedException();
                        }
                    }
                    finally
                    {
                        _parameters.Remove(lambda.Parameter);
                    }
                };
                return TypedAction.MakeGenericMethod(builderType).Invoke(null, new object[] { run })!;
            }

            /// <summary>Whether <paramref name="expression"/> names the DSL's <c>Platform</c> class.</summary>
            private bool IsPlatformType(ExpressionSyntax expression)
                => !_parameters.ContainsKey("Platform") && QualifiedName(expression) is "Platform" or "MailDsl.Platform";

            /// <summary>The DSL class whose static factory <paramref name="expression"/> names: <c>Platform</c>, or <c>Secret</c> (<c>Secret.File(...)</c>).</summary>
            private Type? StaticType(ExpressionSyntax expression)
            {
                if (IsPlatformType(expression)) return typeof(Platform);
                return !_parameters.ContainsKey("Secret") && QualifiedName(expression) is "Secret" or "MailDsl.Secret" ? typeof(Secret) : null;
            }

            /// <summary>The DSL enum <paramref name="expression"/> names (<c>TlsLevel</c>, <c>MailDsl.Model.TlsLevel</c>), or null.</summary>
            private Type? EnumType(ExpressionSyntax expression)
            {
                var name = QualifiedName(expression);
                if (name is null || _parameters.ContainsKey(name)) return null;
                if (name.StartsWith("MailDsl.Model.", StringComparison.Ordinal)) name = name.Substring("MailDsl.Model.".Length);
                if (name.IndexOf('.') >= 0) return null;
                return ModelAssembly.GetType("MailDsl.Model." + name) is { IsEnum: true, IsPublic: true } type ? type : null;
            }

            private static object EnumMember(Type enumType, SimpleNameSyntax member)
            {
                var field = enumType.GetField(member.Identifier.ValueText, BindingFlags.Public | BindingFlags.Static);
                if (field is null || member is GenericNameSyntax) throw new NotClosedException();
                return field.GetValue(null)!;
            }

            /// <summary>A dotted name (<c>a.b.c</c>, <c>global::</c> dropped), or null for anything else.</summary>
            private static string? QualifiedName(ExpressionSyntax expression) => expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
                MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax name } access
                    when QualifiedName(access.Expression) is { } left => left + "." + name.Identifier.ValueText,
                _ => null,
            };
        }
    }
}
