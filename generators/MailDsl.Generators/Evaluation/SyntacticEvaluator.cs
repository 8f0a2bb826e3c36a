using System;
using System.Collections.Generic;
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
    /// model as before; a test holds the two to the same model and spans on every public DSL method.
    /// <para>
    /// It is a front end of <see cref="DslCallBinder"/>: it reads values and picks the overload from syntax; the binder makes
    /// the call exactly as for the semantic evaluator. A type name (<c>Platform</c>, <c>Secret</c>, <c>TlsLevel</c>) is the
    /// DSL's only when the compiler binds it to the DSL's type there (<see cref="DslTypeNames"/>), so a type of the user's own
    /// with the same name makes it give up rather than take the DSL's meaning.
    /// </para>
    /// </summary>
    internal static class SyntacticEvaluator
    {
        /// <summary>The model <c>Describe()</c> builds (with no origins), or null when its syntax alone cannot say.</summary>
        public static PlatformModel? TryEvaluate(TypeDeclarationSyntax type, SemanticModel semanticModel, CancellationToken cancellation)
            => DescribeMethod.Find(type, null) is { } describe ? TryEvaluate(describe, semanticModel, cancellation) : null;

        /// <summary>
        /// The model <paramref name="describe"/> builds, or null when its syntax alone cannot say. With
        /// <paramref name="recordOrigins"/>, the builders record where each value was written, as under
        /// <see cref="DslEvaluator"/> (the analyzer's fast path: no binding of the body to place its findings).
        /// </summary>
        /// <param name="describe">The <c>Describe()</c> method.</param>
        /// <param name="semanticModel">
        /// A semantic model of the compilation (of any of its trees): only the type names the description uses are bound
        /// with it, at the method's declaration, never its body.
        /// </param>
        /// <param name="cancellation">Cancels evaluation.</param>
        /// <param name="recordOrigins">Whether the builders record where each value was written.</param>
        public static PlatformModel? TryEvaluate(MethodDeclarationSyntax describe, SemanticModel semanticModel, CancellationToken cancellation, bool recordOrigins = false)
        {
            var body = describe.ExpressionBody?.Expression
                ?? (describe.Body?.Statements.Count == 1 && describe.Body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
            if (body is null) return null;
            try
            {
                return new Walker(new DslTypeNames(describe, semanticModel), cancellation, recordOrigins).Eval(body) is Platform platform ? platform.Build() : null;
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

        /// <summary>The syntax uses something beyond the DSL's vocabulary.</summary>
        private sealed class NotClosedException : Exception
        {
        }

        private sealed class Walker
        {
            private readonly DslTypeNames _types;
            private readonly CancellationToken _cancellation;
            private readonly bool _recordOrigins;
            private readonly Dictionary<string, object> _parameters = new(StringComparer.Ordinal);

            public Walker(DslTypeNames types, CancellationToken cancellation, bool recordOrigins)
            {
                _types = types;
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
                        return Lambda(simple.Parameter.Identifier.ValueText, simple.Body);
                    case ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized when parenthesized.ParameterList.Parameters[0].Default is null:
                        return Lambda(parenthesized.ParameterList.Parameters[0].Identifier.ValueText, parenthesized.Body);
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
                    if (receiver is null || receiver is UntypedLambda) throw new NotClosedException();
                    type = receiver.GetType();
                }
                if (type.Assembly != typeof(Platform).Assembly) throw new NotClosedException();

                var arguments = new List<CallArgument>(invocation.ArgumentList.Arguments.Count);
                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (!argument.RefKindKeyword.IsKind(SyntaxKind.None)) throw new NotClosedException();
                    var value = Eval(argument.Expression);
                    arguments.Add(argument.NameColon is { } name
                        ? CallArgument.Named(name.Name.Identifier.ValueText, value, argument.Expression)
                        : CallArgument.Positional(value, argument.Expression));
                }

                BoundCall? chosen = null;
                foreach (var method in DslMethod.Named(type, call.Name.Identifier.ValueText, isStatic: receiver is null))
                {
                    if (DslCallBinder.Bind(method, arguments) is not { } bound) continue;
                    // Two applicable overloads: the compiler's rules decide, not ours.
                    if (chosen is not null) throw new NotClosedException();
                    chosen = bound;
                }
                if (chosen is null) throw new NotClosedException();
                return _recordOrigins
                    ? DslCallBinder.Invoke(chosen, receiver, SourceSpans.MethodName(invocation), chosen.ArgumentSpans())
                    : DslCallBinder.Invoke(chosen, receiver, null, null);
            }

            /// <summary>A lambda of one parameter: its body runs with the parameter bound to the builder it is given.</summary>
            private UntypedLambda Lambda(string parameter, CSharpSyntaxNode body) => new(builder =>
            {
                if (_parameters.ContainsKey(parameter)) throw new NotClosedException();
                _parameters[parameter] = builder;
                try
                {
                    switch (body)
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
                    _parameters.Remove(parameter);
                }
            });

            /// <summary>The DSL class whose static factory <paramref name="expression"/> names: <c>Platform</c>, or <c>Secret</c> (<c>Secret.File(...)</c>).</summary>
            private Type? StaticType(ExpressionSyntax expression)
                => IsTypeName(expression) && _types.Named(expression) is { Namespace: "MailDsl", IsEnum: false } type ? type : null;

            /// <summary>The DSL enum <paramref name="expression"/> names (<c>TlsLevel</c>, <c>MailDsl.Model.TlsLevel</c>), or null.</summary>
            private Type? EnumType(ExpressionSyntax expression)
                => IsTypeName(expression) && _types.Named(expression) is { Namespace: "MailDsl.Model", IsEnum: true } type ? type : null;

            /// <summary>Whether <paramref name="expression"/> is written as a type name, not a lambda's parameter (<c>Secret =&gt; Secret.Hosts(...)</c>).</summary>
            private bool IsTypeName(ExpressionSyntax expression)
                => DslTypeNames.LeftmostName(expression) is { } name && !_parameters.ContainsKey(name);

            private static object EnumMember(Type enumType, SimpleNameSyntax member)
            {
                var field = enumType.GetField(member.Identifier.ValueText, BindingFlags.Public | BindingFlags.Static);
                if (field is null || member is GenericNameSyntax) throw new NotClosedException();
                return field.GetValue(null)!;
            }
        }
    }
}
