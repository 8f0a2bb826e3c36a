using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using MailDsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>
    /// Evaluates a <c>[MailPlatform]</c> class's <c>Describe()</c> at compile time by running the real DSL builders
    /// (compiled into this assembly) on the constant arguments the source gives them. Each builder call runs
    /// inside <see cref="DslCallSite"/> so the builders record where every value was written. Shared by the
    /// generator and the analyzer, so both see the same model.
    /// </summary>
    internal sealed class DslEvaluator
    {
        private const string DslNamespace = "MailDsl";
        private static readonly Assembly DslAssembly = typeof(Platform).Assembly;

        private readonly SemanticModel _semanticModel;
        private readonly CancellationToken _cancellation;
        private readonly bool _recordOrigins;
        private readonly List<EvaluationProblem> _problems = new();
        private readonly Dictionary<IParameterSymbol, object?> _lambdaParameters = new(SymbolEqualityComparer.Default);

        private DslEvaluator(SemanticModel semanticModel, CancellationToken cancellation, bool recordOrigins)
        {
            _semanticModel = semanticModel;
            _cancellation = cancellation;
            _recordOrigins = recordOrigins;
        }

        /// <summary>Evaluates the <c>Describe()</c> method of <paramref name="type"/>. Never throws (except on cancellation).</summary>
        /// <param name="type">The class declaration carrying <c>[MailPlatform]</c>.</param>
        /// <param name="semanticModel">The semantic model of its tree.</param>
        /// <param name="cancellation">Cancels evaluation.</param>
        /// <param name="recordOrigins">
        /// Whether the builders record where each value was written (the analyzer needs them to place diagnostics; the
        /// generator does not, and skipping them saves a span per argument on every compilation change).
        /// </param>
        public static EvaluationResult Evaluate(TypeDeclarationSyntax type, SemanticModel semanticModel, CancellationToken cancellation, bool recordOrigins = true)
        {
            var evaluator = new DslEvaluator(semanticModel, cancellation, recordOrigins);
            try
            {
                return evaluator.Run(type);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Whatever happens, the compiler gets a diagnostic, not an exception.
                evaluator._problems.Add(new EvaluationProblem("MAIL9002",
                    $"MailDsl could not evaluate this platform ({ex.GetType().Name}: {ex.Message}). Keep Describe() a single fluent chain of DSL calls with constant arguments.",
                    SpanOf(type.Identifier.GetLocation().SourceSpan, type.SyntaxTree)));
                return new EvaluationResult(null, evaluator._problems);
            }
        }

        private EvaluationResult Run(TypeDeclarationSyntax type)
        {
            var describe = type.Members.OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.ValueText == "Describe" && m.ParameterList.Parameters.Count == 0);
            if (describe is null)
            {
                Problem("MAIL9002", type.Identifier.Span, type.SyntaxTree,
                    $"[MailPlatform] class '{type.Identifier.ValueText}' has no 'static Platform Describe()' method. Add one that returns the platform's fluent description.");
                return new EvaluationResult(null, _problems);
            }
            var body = describe.ExpressionBody?.Expression
                ?? (describe.Body?.Statements.Count == 1 && describe.Body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
            if (body is null)
            {
                Problem("MAIL9001", describe.Identifier.Span, describe.SyntaxTree,
                    "Describe() must be a single fluent chain ('=> Platform.Create(...)...' or one return statement) for MailDsl to check it at compile time; it will be built and checked at run time instead.");
                return new EvaluationResult(null, _problems);
            }
            var operation = _semanticModel.GetOperation(body, _cancellation);
            if (operation is null) return new EvaluationResult(null, _problems);
            var value = Eval(operation);
            if (value is Platform platform) return new EvaluationResult(platform.Build(), _problems);
            if (value is not Unknown)
                Problem("MAIL9002", body.Span, body.SyntaxTree, "Describe() must return a Platform built with Platform.Create(...).");
            return new EvaluationResult(null, _problems);
        }

        /// <summary>A value that could not be known at compile time (a problem has been recorded for it).</summary>
        private sealed class Unknown
        {
            public static readonly Unknown Value = new();
        }

        private object? Eval(IOperation operation)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (operation.ConstantValue.HasValue)
                return ToRuntime(operation.ConstantValue.Value, operation.Type);
            switch (operation)
            {
                case IConversionOperation conversion:
                    return ToRuntime(Eval(conversion.Operand), conversion.Type);
                case IParenthesizedOperation parenthesized:
                    return Eval(parenthesized.Operand);
                case IParameterReferenceOperation parameter when _lambdaParameters.TryGetValue(parameter.Parameter, out var bound):
                    return bound;
                case IArrayCreationOperation array:
                    return EvalArray(array);
                case IInvocationOperation invocation when IsDsl(invocation.TargetMethod):
                    return Invoke(invocation);
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } creation:
                    return MakeAction(lambda, creation.Type);
                default:
                    NotConstant(operation.Syntax);
                    return Unknown.Value;
            }
        }

        private object? EvalArray(IArrayCreationOperation array)
        {
            var elementType = RuntimeType(((IArrayTypeSymbol)array.Type!).ElementType);
            var elements = array.Initializer?.ElementValues ?? ImmutableArrayEmpty;
            var result = Array.CreateInstance(elementType ?? typeof(object), elements.Length);
            var known = true;
            for (var i = 0; i < elements.Length; i++)
            {
                var value = Eval(elements[i]);
                if (value is Unknown) known = false;
                else result.SetValue(value, i);
            }
            return known ? result : Unknown.Value;
        }

        private static readonly System.Collections.Immutable.ImmutableArray<IOperation> ImmutableArrayEmpty = System.Collections.Immutable.ImmutableArray<IOperation>.Empty;

        private object? Invoke(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            object? receiver = null;
            if (!method.IsStatic)
            {
                receiver = invocation.Instance is null ? Unknown.Value : Eval(invocation.Instance);
                if (receiver is Unknown || receiver is null) return Unknown.Value;
            }

            var arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
            var values = new object?[arguments.Count];
            var spans = _recordOrigins ? new List<SourceSpan?>() : null;
            var known = true;
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                values[i] = argument.ArgumentKind == ArgumentKind.DefaultValue && argument.Parameter is { HasExplicitDefaultValue: true } p
                    ? ToRuntime(p.ExplicitDefaultValue, p.Type)
                    : Eval(argument.Value);
                if (values[i] is Unknown) known = false;
                if (spans is null) continue;
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } init })
                    spans.AddRange(init.ElementValues.Select(e => (SourceSpan?)ArgumentSpan(e.Syntax)));
                else if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                    spans.Add(null);
                else
                    spans.Add(ArgumentSpan(argument.Value.Syntax));
            }
            // A call with an unknown argument is skipped: the rest of the chain is still checked.
            if (!known) return method.IsStatic ? Unknown.Value : receiver;

            var target = FindMethod(method, receiver);
            if (target is null)
            {
                Problem("MAIL9002", invocation.Syntax.Span, invocation.Syntax.SyntaxTree,
                    $"MailDsl's compile-time evaluator does not know '{method.Name}'. Use the DSL's own methods.");
                return Unknown.Value;
            }
            var nameSpan = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                ? access.Name.Span
                : invocation.Syntax.Span;
            // Without origins the call site is empty, as at run time: the builders record nothing.
            using (spans is null ? DslCallSite.Enter(null, Array.Empty<SourceSpan?>()) : DslCallSite.Enter(SpanOf(nameSpan, invocation.Syntax.SyntaxTree), spans.ToArray()))
            {
                try
                {
                    return target.Invoke(receiver, values);
                }
                catch (TargetInvocationException ex) when (ex.InnerException is { } inner && inner is not OperationCanceledException)
                {
                    Problem("MAIL9002", invocation.Syntax.Span, invocation.Syntax.SyntaxTree,
                        $"'{method.Name}' refused its arguments: {inner.Message}");
                    return method.IsStatic ? Unknown.Value : receiver;
                }
            }
        }

        private object MakeAction(IAnonymousFunctionOperation lambda, ITypeSymbol? delegateType)
        {
            var parameter = lambda.Symbol.Parameters.FirstOrDefault();
            var builderType = delegateType is INamedTypeSymbol { TypeArguments.Length: 1 } named ? RuntimeType(named.TypeArguments[0]) : null;
            if (parameter is null || builderType is null)
            {
                NotConstant(lambda.Syntax);
                return Unknown.Value;
            }
            var body = lambda.Body.Operations;
            Action<object> run = builder =>
            {
                _lambdaParameters[parameter] = builder;
                foreach (var statement in body)
                {
                    switch (statement)
                    {
                        case IExpressionStatementOperation expression: Eval(expression.Operation); break;
                        case IReturnOperation { ReturnedValue: { } returned }: Eval(returned); break;
                        case IReturnOperation: break;
                        default: NotConstant(statement.Syntax); break;
                    }
                }
                _lambdaParameters.Remove(parameter);
            };
            // Action<TBuilder> from Action<object>: a typed wrapper the builder method accepts.
            var wrap = typeof(DslEvaluator).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(builderType);
            return wrap.Invoke(null, new object[] { run })!;
        }

        private static Action<T> Typed<T>(Action<object> run) => value => run(value!);

        private static MethodInfo? FindMethod(IMethodSymbol method, object? receiver)
        {
            var type = receiver?.GetType() ?? RuntimeType(method.ContainingType);
            if (type is null) return null;
            var parameterTypes = method.Parameters.Select(p => RuntimeType(p.Type)).ToArray();
            if (parameterTypes.Any(t => t is null)) return null;
            var flags = BindingFlags.Public | (method.IsStatic ? BindingFlags.Static : BindingFlags.Instance);
            return type.GetMethod(method.Name, flags, null, parameterTypes!, null);
        }

        private static bool IsDsl(IMethodSymbol method)
        {
            var ns = method.ContainingType?.ContainingNamespace;
            return ns is not null && ns.ToDisplayString() == DslNamespace && method.ContainingAssembly?.Name == "MailDsl";
        }

        private static Type? RuntimeType(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return RuntimeType(array.ElementType)?.MakeArrayType();
                case INamedTypeSymbol { IsGenericType: true } generic:
                    var definition = generic.ConstructedFrom;
                    var open = definition.ContainingNamespace.ToDisplayString() == "System"
                        ? Type.GetType("System." + definition.MetadataName)
                        : DslAssembly.GetType(Metadata(definition));
                    var args = generic.TypeArguments.Select(RuntimeType).ToArray();
                    return open is null || args.Any(a => a is null) ? null : open.MakeGenericType(args!);
            }
            switch (type.SpecialType)
            {
                case SpecialType.System_String: return typeof(string);
                case SpecialType.System_Int32: return typeof(int);
                case SpecialType.System_Boolean: return typeof(bool);
                case SpecialType.System_Object: return typeof(object);
            }
            return DslAssembly.GetType(Metadata(type));
        }

        private static string Metadata(ITypeSymbol type)
            => (type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : "") + type.MetadataName;

        private static object? ToRuntime(object? value, ITypeSymbol? type)
        {
            if (value is null || value is Unknown || type is null) return value;
            if (type.TypeKind == TypeKind.Enum && RuntimeType(type) is { IsEnum: true } enumType)
                return Enum.ToObject(enumType, value);
            return value;
        }

        private void NotConstant(SyntaxNode syntax)
            => Problem("MAIL9001", syntax.Span, syntax.SyntaxTree,
                $"'{Shorten(syntax.ToString())}' is not a compile-time constant, so MailDsl cannot check it while you type. Write a literal or a const; the platform will be built and checked at run time before anything is written.");

        private void Problem(string id, Microsoft.CodeAnalysis.Text.TextSpan span, SyntaxTree tree, string message)
            => _problems.Add(new EvaluationProblem(id, message, SpanOf(span, tree)));

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        private static SourceSpan SpanOf(Microsoft.CodeAnalysis.Text.TextSpan span, SyntaxTree tree) => new(tree.FilePath, span.Start, span.Length, -1);

        /// <summary>The span of an argument; for a plain string literal, with where its content starts, so findings can point inside it.</summary>
        private static SourceSpan ArgumentSpan(SyntaxNode syntax)
        {
            var offset = -1;
            if (syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                var text = literal.Token.Text;
                var prefix = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : text.StartsWith("\"", StringComparison.Ordinal) && !text.StartsWith("\"\"\"", StringComparison.Ordinal) ? 1 : -1;
                // Positions inside map one to one only when nothing is escaped.
                if (prefix > 0 && text.Length - prefix - 1 == literal.Token.ValueText.Length) offset = prefix;
            }
            return new SourceSpan(syntax.SyntaxTree.FilePath, syntax.Span.Start, syntax.Span.Length, offset);
        }
    }
}
