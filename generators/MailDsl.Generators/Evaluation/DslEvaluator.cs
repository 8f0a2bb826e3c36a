using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using MailDsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>
    /// Evaluates a <c>[MailPlatform]</c> class's <c>Describe()</c> at compile time by interpreting its bound operations and
    /// running the real DSL builders (compiled into this assembly) on the values they produce. It follows what a description
    /// is written with: constants and <c>static readonly</c> fields, locals, string interpolation and arithmetic, arrays and
    /// collection expressions, <c>foreach</c>/<c>for</c>/<c>if</c> on known values, lambdas, and the user's own methods, local
    /// functions and extension methods (their source is in the compilation), wherever <c>Describe()</c> lives in the partial
    /// class. Each builder call runs inside <see cref="DslCallSite"/> so the builders record where every value was written.
    /// <para>
    /// A value known only at run time (an environment variable, a file) does not stop evaluation: the builder gets a
    /// placeholder, the value's origin keys are listed in <see cref="EvaluationResult.RunTimeKeys"/> and MAIL9001 says it is
    /// checked at run time; the analyzer then holds back every finding about those keys, so no rule reports the value's
    /// absence. A condition or loop that depends on such a value makes the part of the platform it is in (a layer, or the
    /// whole platform) wait for run time the same way. Shared by the generator and the analyzer.
    /// </para>
    /// </summary>
    internal sealed class DslEvaluator
    {
        private const string DslNamespace = "MailDsl";
        private const int MaxDepth = 64;
        private const int MaxSteps = 2_000_000;
        private static readonly Assembly DslAssembly = typeof(Platform).Assembly;

        private readonly Compilation _compilation;
        private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();
        private readonly CancellationToken _cancellation;
        private readonly bool _recordOrigins;
        private readonly List<EvaluationProblem> _problems = new();
        private readonly HashSet<SourceSpan> _runTimeSpans = new(ReferenceComparer.Instance);
        private readonly HashSet<string> _runTimeKeys = new(StringComparer.Ordinal);
        private readonly Dictionary<IFieldSymbol, object?> _fields = new(SymbolEqualityComparer.Default);
        private readonly List<object> _scopes = new();
        private int _depth;
        private int _steps;
        private int _placeholders;

        private DslEvaluator(SemanticModel semanticModel, CancellationToken cancellation, bool recordOrigins)
        {
            _compilation = semanticModel.Compilation;
            _models[semanticModel.SyntaxTree] = semanticModel;
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
                return evaluator.Run(type, semanticModel);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Whatever happens, the compiler gets a diagnostic, not an exception.
                evaluator._problems.Add(new EvaluationProblem("MAIL9002",
                    $"MailDsl could not evaluate this platform ({ex.GetType().Name}: {ex.Message}). Keep Describe() to DSL calls, constants, loops and your own methods over them.",
                    SourceSpans.Of(type.Identifier.GetLocation().SourceSpan, type.SyntaxTree)));
                return new EvaluationResult(null, evaluator._problems, Array.Empty<string>());
            }
        }

        private EvaluationResult Run(TypeDeclarationSyntax type, SemanticModel semanticModel)
        {
            var describe = DescribeMethod.Find(type, semanticModel.GetDeclaredSymbol(type, _cancellation) as INamedTypeSymbol);
            if (describe is null)
            {
                Problem("MAIL9002", type.Identifier.Span, type.SyntaxTree,
                    $"[MailPlatform] class '{type.Identifier.ValueText}' has no 'static Platform Describe()' method. Add one (in any part of the class) that returns the platform's fluent description.");
                return new EvaluationResult(null, _problems, Array.Empty<string>());
            }
            var model = ModelFor(describe.SyntaxTree);
            if (model.GetOperation(describe, _cancellation) is not IMethodBodyOperation body)
                return new EvaluationResult(null, _problems, Array.Empty<string>());
            var value = ExecBody(body.BlockBody ?? body.ExpressionBody, new Frame(null));
            if (value is Platform platform)
            {
                var built = platform.Build();
                foreach (var entry in built.Origins.Entries)
                    if (_runTimeSpans.Contains(entry.Span)) _runTimeKeys.Add(entry.Key);
                return new EvaluationResult(built, _problems, _runTimeKeys.OrderBy(k => k, StringComparer.Ordinal).ToList());
            }
            if (value is not Unknown)
                Problem("MAIL9002", describe.Identifier.Span, describe.SyntaxTree, "Describe() must return a Platform built with Platform.Create(...).");
            return new EvaluationResult(null, _problems, Array.Empty<string>());
        }

        private SemanticModel ModelFor(SyntaxTree tree)
        {
            if (!_models.TryGetValue(tree, out var model)) _models[tree] = model = _compilation.GetSemanticModel(tree);
            return model;
        }

        /// <summary>A value that could not be known at compile time (a problem has been recorded for it).</summary>
        private sealed class Unknown
        {
            public static readonly Unknown Value = new();
        }

        /// <summary>The variables of one method, lambda or block, and the frame they can also see.</summary>
        private sealed class Frame
        {
            private readonly Dictionary<ISymbol, object?> _values = new(SymbolEqualityComparer.Default);
            private readonly Frame? _parent;

            public Frame(Frame? parent) => _parent = parent;

            public bool TryGet(ISymbol symbol, out object? value)
            {
                for (var f = this; f is not null; f = f._parent)
                    if (f._values.TryGetValue(symbol, out value)) return true;
                value = null;
                return false;
            }

            public void Declare(ISymbol symbol, object? value) => _values[symbol] = value;

            public void Assign(ISymbol symbol, object? value)
            {
                for (var f = this; f is not null; f = f._parent)
                {
                    if (!f._values.ContainsKey(symbol)) continue;
                    f._values[symbol] = value;
                    return;
                }
                _values[symbol] = value;
            }
        }

        private enum Flow
        {
            Normal,
            Return,
            Break,
            Continue,
        }

        /// <summary>Runs a method or lambda body; its returned value (null for none, <see cref="Unknown"/> when not known).</summary>
        private object? ExecBody(IOperation? body, Frame frame)
        {
            if (body is null) return Unknown.Value;
            if (++_depth > MaxDepth)
            {
                _depth--;
                Structural(body.Syntax, "calls nest deeper than " + MaxDepth + " levels (recursion?)");
                return Unknown.Value;
            }
            try
            {
                object? returned = null;
                return Exec(body, frame, ref returned) == Flow.Return ? returned : null;
            }
            finally
            {
                _depth--;
            }
        }

        private Flow Exec(IOperation statement, Frame frame, ref object? returned)
        {
            _cancellation.ThrowIfCancellationRequested();
            switch (statement)
            {
                case IBlockOperation block:
                    var inner = new Frame(frame);
                    foreach (var s in block.Operations)
                    {
                        var flow = Exec(s, inner, ref returned);
                        if (flow != Flow.Normal) return flow;
                    }
                    return Flow.Normal;
                case IExpressionStatementOperation expression:
                    Eval(expression.Operation, frame);
                    return Flow.Normal;
                case IReturnOperation ret:
                    returned = ret.ReturnedValue is null ? null : Eval(ret.ReturnedValue, frame);
                    return Flow.Return;
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                        foreach (var declarator in declaration.Declarators)
                        {
                            var initializer = declarator.Initializer ?? declaration.Initializer;
                            frame.Declare(declarator.Symbol, initializer is null ? null : Eval(initializer.Value, frame));
                        }
                    return Flow.Normal;
                case IConditionalOperation conditional:
                    var condition = Eval(conditional.Condition, frame);
                    if (condition is bool b)
                    {
                        if (b) return Exec(conditional.WhenTrue, frame, ref returned);
                        return conditional.WhenFalse is null ? Flow.Normal : Exec(conditional.WhenFalse, frame, ref returned);
                    }
                    Structural(conditional.Condition.Syntax, "which branch runs depends on it");
                    return Flow.Normal;
                case IForEachLoopOperation loop:
                    return ForEach(loop, frame, ref returned);
                case IForLoopOperation loop:
                    return For(loop, frame, ref returned);
                case IWhileLoopOperation loop:
                    return While(loop, frame, ref returned);
                case IBranchOperation { BranchKind: BranchKind.Break }:
                    return Flow.Break;
                case IBranchOperation { BranchKind: BranchKind.Continue }:
                    return Flow.Continue;
                case ILocalFunctionOperation:
                case IEmptyOperation:
                    return Flow.Normal;
                default:
                    Structural(statement.Syntax, "MailDsl does not evaluate this kind of statement at compile time");
                    return Flow.Normal;
            }
        }

        private Flow ForEach(IForEachLoopOperation loop, Frame frame, ref object? returned)
        {
            var collection = Eval(loop.Collection, frame);
            if (collection is not IEnumerable items || collection is string || loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: var variable })
            {
                if (collection is not Unknown) Structural(loop.Collection.Syntax, "MailDsl cannot enumerate it at compile time");
                else Structural(loop.Collection.Syntax, "how often the loop runs depends on it");
                return Flow.Normal;
            }
            foreach (var item in items.Cast<object?>().ToList())
            {
                var body = new Frame(frame);
                body.Declare(variable, item);
                var flow = Exec(loop.Body, body, ref returned);
                if (flow == Flow.Return) return flow;
                if (flow == Flow.Break) break;
                if (Spent()) return Flow.Normal;
            }
            return Flow.Normal;
        }

        private Flow For(IForLoopOperation loop, Frame frame, ref object? returned)
        {
            var scope = new Frame(frame);
            foreach (var before in loop.Before) Exec(before, scope, ref returned);
            while (true)
            {
                var condition = loop.Condition is null ? true : Eval(loop.Condition, scope);
                if (condition is not bool go)
                {
                    Structural(loop.Condition!.Syntax, "how often the loop runs depends on it");
                    return Flow.Normal;
                }
                if (!go) return Flow.Normal;
                var flow = Exec(loop.Body, new Frame(scope), ref returned);
                if (flow == Flow.Return) return flow;
                if (flow == Flow.Break) return Flow.Normal;
                foreach (var step in loop.AtLoopBottom) Exec(step, scope, ref returned);
                if (Spent()) return Flow.Normal;
            }
        }

        private Flow While(IWhileLoopOperation loop, Frame frame, ref object? returned)
        {
            var first = true;
            while (true)
            {
                if (!(loop.ConditionIsTop == false && first) && loop.Condition is not null)
                {
                    var condition = Eval(loop.Condition, frame);
                    if (condition is not bool go)
                    {
                        Structural(loop.Condition.Syntax, "how often the loop runs depends on it");
                        return Flow.Normal;
                    }
                    if (go == loop.ConditionIsUntil) return Flow.Normal;
                }
                first = false;
                var flow = Exec(loop.Body, new Frame(frame), ref returned);
                if (flow == Flow.Return) return flow;
                if (flow == Flow.Break) return Flow.Normal;
                if (Spent()) return Flow.Normal;
            }
        }

        /// <summary>Whether the step budget is spent (reported once); evaluation then stops where it is.</summary>
        private bool Spent()
        {
            if (_steps <= MaxSteps) return false;
            if (_steps < int.MaxValue)
            {
                _steps = int.MaxValue;
                _runTimeKeys.Add("");
                _problems.Add(new EvaluationProblem("MAIL9001",
                    $"Describe() took more than {MaxSteps:N0} steps to evaluate, so MailDsl stopped and checks the whole platform at run time, before anything is written.",
                    new SourceSpan("", 0, 0, -1)));
            }
            return true;
        }

        private object? Eval(IOperation operation, Frame frame)
        {
            _cancellation.ThrowIfCancellationRequested();
            _steps++;
            if (operation.ConstantValue.HasValue)
                return ToRuntime(operation.ConstantValue.Value, operation.Type);
            if (operation.Syntax is CollectionExpressionSyntax collection && operation is not IConversionOperation)
                return EvalCollection(collection, operation.Type, frame);
            switch (operation)
            {
                case IConversionOperation conversion:
                    return Convert(Eval(conversion.Operand, frame), conversion.Type);
                case IParenthesizedOperation parenthesized:
                    return Eval(parenthesized.Operand, frame);
                case IParameterReferenceOperation parameter when frame.TryGet(parameter.Parameter, out var bound):
                    return bound;
                case ILocalReferenceOperation local when frame.TryGet(local.Local, out var bound):
                    return bound;
                case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                    return StaticField(field, operation.Syntax);
                case IArrayCreationOperation array:
                    return EvalArray(array, frame);
                case IArrayElementReferenceOperation element:
                    return Index(Eval(element.ArrayReference, frame), element.Indices.Select(i => Eval(i, frame)).ToList(), operation.Syntax);
                case IPropertyReferenceOperation { Property.Name: "Length" or "Count", Instance: { } instance } property when property.Arguments.Length == 0:
                    return Eval(instance, frame) switch
                    {
                        Array a => a.Length,
                        string s => s.Length,
                        ICollection c => c.Count,
                        Unknown => Unknown.Value,
                        _ => NotConstant(operation.Syntax),
                    };
                case IInterpolatedStringOperation interpolated:
                    return Interpolate(interpolated, frame);
                case IBinaryOperation binary:
                    return Binary(binary, frame);
                case IUnaryOperation unary:
                    return Unary(unary, frame);
                case IConditionalOperation conditional:
                    var condition = Eval(conditional.Condition, frame);
                    return condition is bool b ? Eval(b ? conditional.WhenTrue : conditional.WhenFalse!, frame) : Unknown.Value;
                case ICoalesceOperation coalesce:
                    var left = Eval(coalesce.Value, frame);
                    return left is null ? Eval(coalesce.WhenNull, frame) : left;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment:
                    var assigned = Eval(assignment.Value, frame);
                    frame.Assign(Symbol(assignment.Target), assigned);
                    return assigned;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } compound:
                    frame.TryGet(Symbol(compound.Target), out var current);
                    var combined = Arithmetic(compound.OperatorKind, current, Eval(compound.Value, frame));
                    frame.Assign(Symbol(compound.Target), combined);
                    return combined;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } step:
                    frame.TryGet(Symbol(step.Target), out var was);
                    var now = was is int n ? (step.Kind == OperationKind.Increment ? n + 1 : n - 1) : (object)Unknown.Value;
                    frame.Assign(Symbol(step.Target), now);
                    return step.IsPostfix ? was : now;
                case IInvocationOperation invocation when IsDsl(invocation.TargetMethod):
                    return Invoke(invocation, frame);
                case IInvocationOperation invocation:
                    return InvokeSource(invocation, frame);
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } creation:
                    return MakeAction(creation.Type, lambda.Symbol.Parameters, builder => ExecBody(lambda.Body, Bind(new Frame(frame), lambda.Symbol.Parameters, builder)), lambda.Syntax);
                case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method, Instance: null } } creation:
                    return MakeAction(creation.Type, method.Parameters, builder => RunSourceMethod(method, new[] { builder }, creation.Syntax), creation.Syntax);
                default:
                    return NotConstant(operation.Syntax);
            }
        }

        private static ISymbol Symbol(IOperation target) => target switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => throw new InvalidOperationException("not a variable"),
        };

        private static Frame Bind(Frame frame, IReadOnlyList<IParameterSymbol> parameters, object? value)
        {
            if (parameters.Count > 0) frame.Declare(parameters[0], value);
            return frame;
        }

        /// <summary>A <c>static readonly</c> field written with an initializer in this compilation: its initializer's value, once.</summary>
        private object? StaticField(IFieldSymbol field, SyntaxNode use)
        {
            if (_fields.TryGetValue(field, out var cached)) return cached;
            _fields[field] = Unknown.Value; // a field whose initializer reads itself stays unknown
            object? value = null;
            var declarator = field.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellation)).OfType<VariableDeclaratorSyntax>().FirstOrDefault();
            if (declarator?.Initializer is { } initializer && ModelFor(declarator.SyntaxTree).GetOperation(initializer, _cancellation) is IFieldInitializerOperation { Value: { } operation })
                value = Eval(operation, new Frame(null));
            else
                value = NotConstant(use);
            _fields[field] = value;
            return value;
        }

        private object? EvalArray(IArrayCreationOperation array, Frame frame)
        {
            var elementType = RuntimeType(((IArrayTypeSymbol)array.Type!).ElementType) ?? typeof(object);
            if (array.Initializer is null)
            {
                if (array.DimensionSizes.Length == 1 && Eval(array.DimensionSizes[0], frame) is int size && size >= 0 && size < 1_000_000)
                    return Array.CreateInstance(elementType, size);
                return NotConstant(array.Syntax);
            }
            var elements = array.Initializer.ElementValues;
            var values = elements.Select(e => Eval(e, frame)).ToList();
            return values.Any(v => v is Unknown) ? Unknown.Value : Fill(elementType, values);
        }

        /// <summary>
        /// A collection expression (<c>["a", "b", ..more]</c>). Roslyn 4.8, the generator's compile surface, has no operation
        /// for it, so its elements are read from the syntax and bound one by one.
        /// </summary>
        private object? EvalCollection(CollectionExpressionSyntax collection, ITypeSymbol? type, Frame frame)
        {
            var model = ModelFor(collection.SyntaxTree);
            type ??= model.GetTypeInfo(collection, _cancellation).ConvertedType;
            var elementType = type switch
            {
                IArrayTypeSymbol array => RuntimeType(array.ElementType),
                INamedTypeSymbol { TypeArguments.Length: 1 } named => RuntimeType(named.TypeArguments[0]),
                _ => null,
            };
            if (elementType is null) return NotConstant(collection);
            var values = new List<object?>();
            foreach (var element in collection.Elements)
            {
                switch (element)
                {
                    case ExpressionElementSyntax { Expression: var expression } when model.GetOperation(expression, _cancellation) is { } operation:
                        values.Add(Eval(operation, frame));
                        break;
                    case SpreadElementSyntax { Expression: var spread } when model.GetOperation(spread, _cancellation) is { } operation:
                        var items = Eval(operation, frame);
                        if (items is IEnumerable e && items is not string) values.AddRange(e.Cast<object?>());
                        else values.Add(items is Unknown ? items : NotConstant(spread));
                        break;
                    default:
                        values.Add(NotConstant(element));
                        break;
                }
            }
            if (values.Any(v => v is Unknown)) return Unknown.Value;
            // An array for arrays and params; a List<T> for IEnumerable<T>, IReadOnlyList<T> and List<T>.
            if (type is IArrayTypeSymbol) return Fill(elementType, values);
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            foreach (var v in values) list.Add(v);
            return list;
        }

        private static Array Fill(Type elementType, List<object?> values)
        {
            var result = Array.CreateInstance(elementType, values.Count);
            for (var i = 0; i < values.Count; i++) result.SetValue(values[i], i);
            return result;
        }

        private object? Index(object? collection, List<object?> indices, SyntaxNode syntax)
        {
            if (collection is Unknown || indices.Any(i => i is Unknown)) return Unknown.Value;
            if (collection is Array array && indices.Count == 1 && indices[0] is int i && i >= 0 && i < array.Length) return array.GetValue(i);
            return NotConstant(syntax);
        }

        private object? Interpolate(IInterpolatedStringOperation interpolated, Frame frame)
        {
            var s = new System.Text.StringBuilder();
            foreach (var part in interpolated.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation text:
                        s.Append(text.Text.ConstantValue.Value as string);
                        break;
                    case IInterpolationOperation hole:
                        var value = Eval(hole.Expression, frame);
                        if (value is Unknown) return value;
                        var format = hole.FormatString?.ConstantValue.Value as string;
                        var alignment = hole.Alignment is null ? 0 : Eval(hole.Alignment, frame) is int a ? a : 0;
                        var text2 = value is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : value?.ToString() ?? "";
                        s.Append(alignment < 0 ? text2.PadRight(-alignment) : text2.PadLeft(alignment));
                        break;
                    default:
                        return NotConstant(part.Syntax);
                }
            }
            return s.ToString();
        }

        private object? Binary(IBinaryOperation binary, Frame frame)
        {
            var left = Eval(binary.LeftOperand, frame);
            if (binary.OperatorKind == BinaryOperatorKind.ConditionalAnd && left is false) return false;
            if (binary.OperatorKind == BinaryOperatorKind.ConditionalOr && left is true) return true;
            var right = Eval(binary.RightOperand, frame);
            if (left is Unknown || right is Unknown) return Unknown.Value;
            var result = Arithmetic(binary.OperatorKind, left, right);
            return result is Unknown ? NotConstant(binary.Syntax) : result;
        }

        private static object? Arithmetic(BinaryOperatorKind kind, object? left, object? right)
        {
            if (left is Unknown || right is Unknown) return Unknown.Value;
            switch (kind)
            {
                case BinaryOperatorKind.Equals: return Equals(left, right);
                case BinaryOperatorKind.NotEquals: return !Equals(left, right);
                case BinaryOperatorKind.Add when left is string || right is string: return Text(left) + Text(right);
                case BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And when left is bool a && right is bool b: return a && b;
                case BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or when left is bool a && right is bool b: return a || b;
            }
            if (left is not int x || right is not int y) return Unknown.Value;
            return kind switch
            {
                BinaryOperatorKind.Add => x + y,
                BinaryOperatorKind.Subtract => x - y,
                BinaryOperatorKind.Multiply => x * y,
                BinaryOperatorKind.Divide when y != 0 => x / y,
                BinaryOperatorKind.Remainder when y != 0 => x % y,
                BinaryOperatorKind.LessThan => x < y,
                BinaryOperatorKind.LessThanOrEqual => x <= y,
                BinaryOperatorKind.GreaterThan => x > y,
                BinaryOperatorKind.GreaterThanOrEqual => x >= y,
                _ => Unknown.Value,
            };
        }

        private static string Text(object? value) => value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "";

        private object? Unary(IUnaryOperation unary, Frame frame)
        {
            var operand = Eval(unary.Operand, frame);
            return (unary.OperatorKind, operand) switch
            {
                (_, Unknown) => Unknown.Value,
                (UnaryOperatorKind.Not, bool b) => !b,
                (UnaryOperatorKind.Minus, int i) => -i,
                (UnaryOperatorKind.Plus, int i) => i,
                _ => NotConstant(unary.Syntax),
            };
        }

        /// <summary>A call to a method written in this compilation (a helper, a local function, an extension method): its body, interpreted.</summary>
        private object? InvokeSource(IInvocationOperation invocation, Frame frame)
        {
            var method = invocation.TargetMethod;
            if (!method.IsStatic || method.IsGenericMethod || method.DeclaringSyntaxReferences.Length == 0)
                return NotConstant(invocation.Syntax);
            var arguments = new object?[method.Parameters.Length];
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter) return NotConstant(invocation.Syntax);
                arguments[parameter.Ordinal] = argument.ArgumentKind == ArgumentKind.DefaultValue && parameter.HasExplicitDefaultValue
                    ? ToRuntime(parameter.ExplicitDefaultValue, parameter.Type)
                    : Eval(argument.Value, frame);
            }
            return RunSourceMethod(method, arguments, invocation.Syntax, method.MethodKind == MethodKind.LocalFunction ? frame : null);
        }

        private object? RunSourceMethod(IMethodSymbol method, object?[] arguments, SyntaxNode call, Frame? closure = null)
        {
            var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellation)).FirstOrDefault(s => s is MethodDeclarationSyntax or LocalFunctionStatementSyntax);
            if (syntax is null) return NotConstant(call);
            var body = ModelFor(syntax.SyntaxTree).GetOperation(syntax, _cancellation) switch
            {
                IMethodBodyOperation m => m.BlockBody ?? m.ExpressionBody,
                ILocalFunctionOperation f => f.Body ?? f.IgnoredBody,
                _ => null,
            };
            if (body is null) return NotConstant(call);
            var frame = new Frame(closure);
            for (var i = 0; i < method.Parameters.Length && i < arguments.Length; i++) frame.Declare(method.Parameters[i], arguments[i]);
            // A builder handed to the user's method is the part of the platform its conditions and loops belong to.
            var scope = arguments.FirstOrDefault(a => a is not null && a.GetType().Assembly == DslAssembly && !a.GetType().IsEnum && a is not string);
            if (scope is not null) _scopes.Add(scope);
            try
            {
                return ExecBody(body, frame);
            }
            finally
            {
                if (scope is not null) _scopes.RemoveAt(_scopes.Count - 1);
            }
        }

        /// <summary>
        /// A call of a DSL method: the compiler has chosen the overload and matched each argument to its parameter; this reads
        /// the values and <see cref="DslCallBinder"/> makes the call, as for <see cref="SyntacticEvaluator"/>.
        /// </summary>
        private object? Invoke(IInvocationOperation invocation, Frame frame)
        {
            var method = invocation.TargetMethod;
            object? receiver = null;
            if (!method.IsStatic)
            {
                receiver = invocation.Instance is null ? Unknown.Value : Eval(invocation.Instance, frame);
                if (receiver is Unknown || receiver is null) return Unknown.Value;
            }

            var arguments = new List<CallArgument>(invocation.Arguments.Length);
            var unknown = false;
            foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
            {
                // A parameter left to its default gets it from the binder, as in a call the fast path reads.
                if (argument.ArgumentKind == ArgumentKind.DefaultValue && argument.Parameter is { HasExplicitDefaultValue: true }) continue;
                var value = Eval(argument.Value, frame);
                if (value is Unknown)
                {
                    unknown = true;
                    value = Placeholder(argument.Parameter?.Type, argument.Value.Syntax, receiver, method);
                    if (value is Unknown) return method.IsStatic ? Unknown.Value : receiver;
                }
                if (argument.Parameter is not { } parameter) return NotConstant(argument.Syntax);
                arguments.Add(CallArgument.Bound(parameter.Ordinal, value, argument.Value.Syntax, _recordOrigins ? ElementsOf(argument, value) : null));
            }

            var target = FindMethod(method, receiver);
            var call = target is null ? null : DslCallBinder.Bind(target, arguments);
            if (call is null)
            {
                Problem("MAIL9002", invocation.Syntax.Span, invocation.Syntax.SyntaxTree,
                    $"MailDsl's compile-time evaluator does not know '{method.Name}'. Use the DSL's own methods.");
                return Unknown.Value;
            }
            var methodSpan = _recordOrigins ? SourceSpans.MethodName(invocation.Syntax) : null;
            var spans = _recordOrigins ? call.ArgumentSpans() : null;
            // A call given a value known only at run time: every key it records waits for run time.
            if (unknown && spans is not null)
            {
                _runTimeSpans.Add(methodSpan!);
                foreach (var span in spans) if (span is not null) _runTimeSpans.Add(span);
            }
            try
            {
                return DslCallBinder.Invoke(call, receiver, methodSpan, spans);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is { } inner && inner is not OperationCanceledException)
            {
                if (unknown) return method.IsStatic ? Unknown.Value : receiver;
                Problem("MAIL9002", invocation.Syntax.Span, invocation.Syntax.SyntaxTree,
                    $"'{method.Name}' refused its arguments: {inner.Message}");
                return method.IsStatic ? Unknown.Value : receiver;
            }
        }

        /// <summary>
        /// Where each element of an array given to a <c>params</c> parameter was written, so each value's origin is its own
        /// element: the elements of the expanded form (<c>Hosts("a", "b")</c>), or of an array written in place; null otherwise.
        /// </summary>
        private static IReadOnlyList<SyntaxNode>? ElementsOf(IArgumentOperation argument, object? value)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } init })
                return init.ElementValues.Select(e => e.Syntax).ToList();
            return argument.Parameter is { IsParams: true } ? Elements(argument.Value, (value as Array)?.Length ?? 0) : null;
        }

        /// <summary>
        /// The elements of an array written in place for a params parameter (<c>Hosts(new[] { "a", "b" })</c>,
        /// <c>Hosts(["a", "b"])</c>), so each value's origin is its own element; null for anything else.
        /// </summary>
        private static IReadOnlyList<SyntaxNode>? Elements(IOperation value, int count)
        {
            while (value is IConversionOperation conversion) value = conversion.Operand;
            if (value is IArrayCreationOperation { Initializer: { } init }) return init.ElementValues.Select(e => e.Syntax).ToList();
            if (value.Syntax is not CollectionExpressionSyntax collection) return null;
            // One spread (["a", .. more]) gives each element it brings the spread's span; with more, the counts are unknown here.
            var spreads = collection.Elements.Count(e => e is SpreadElementSyntax);
            if (spreads > 1) return null;
            var spread = count - (collection.Elements.Count - spreads);
            var result = new List<SyntaxNode>();
            foreach (var element in collection.Elements)
            {
                if (element is ExpressionElementSyntax expression) result.Add(expression.Expression);
                else if (element is SpreadElementSyntax s) for (var k = 0; k < spread; k++) result.Add(s.Expression);
            }
            return result;
        }

        /// <summary>
        /// What a builder gets for an argument known only at run time: a string or number that no other value shares, an
        /// empty list. Its keys wait for run time, so the rules never judge the placeholder. An enum (a target, a profile)
        /// or a lambda decides too much to stand in for: the layer (or platform) it belongs to waits instead, and the call
        /// is skipped (<see cref="Unknown"/>).
        /// </summary>
        private object? Placeholder(ITypeSymbol? type, SyntaxNode syntax, object? receiver, IMethodSymbol method)
        {
            var runtime = type is null ? null : RuntimeType(type);
            if (runtime == typeof(string)) return "run-time-value-" + (++_placeholders).ToString(CultureInfo.InvariantCulture) + ".invalid";
            if (runtime == typeof(int)) return 0;
            if (runtime == typeof(bool)) return false;
            if (runtime == typeof(string[])) return new[] { "run-time-value-" + (++_placeholders).ToString(CultureInfo.InvariantCulture) + ".invalid" };
            if (runtime is { IsArray: true } && runtime.GetElementType() is { IsEnum: false } element) return Array.CreateInstance(element, 0);
            var key = receiver is null || receiver is Platform ? LayerKeyOf(method.Name) : ScopeKey(receiver);
            _runTimeKeys.Add(key);
            return Unknown.Value;
        }

        /// <summary>The key of the layer a platform method describes (<c>Mailstore</c>: <c>mailstore</c>), as its descriptor says, or "" for the whole platform.</summary>
        private static string LayerKeyOf(string method) => MailDsl.Layers.LayerDescriptors.ByDslMethod(method)?.Key ?? "";

        /// <summary>The model key of the part of the platform <paramref name="builder"/> describes: a layer's key, or "" for the platform.</summary>
        private static string ScopeKey(object? builder)
        {
            for (var type = builder?.GetType(); type is not null; type = type.BaseType)
                if (type.GetProperty("Key", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(builder) is string key) return key;
            return "";
        }

        /// <summary>
        /// A condition, loop or statement MailDsl cannot follow at compile time: MAIL9001 at it, and the part of the platform
        /// it is in (the innermost builder's layer, or the whole platform) waits for run time.
        /// </summary>
        private void Structural(SyntaxNode syntax, string why)
        {
            var key = _scopes.Count == 0 ? "" : ScopeKey(_scopes[_scopes.Count - 1]);
            _runTimeKeys.Add(key);
            var part = key.Length == 0 ? "the whole platform is" : $"the {key} layer is";
            Problem("MAIL9001", syntax.Span, syntax.SyntaxTree,
                $"'{Shorten(syntax.ToString())}' is not known at compile time and {why}, so {part} checked at run time (`check`, `emit`), before anything is written. Write it with constants to have it checked while you type.");
        }

        private object MakeAction(ITypeSymbol? delegateType, IReadOnlyList<IParameterSymbol> parameters, Func<object, object?> body, SyntaxNode syntax)
        {
            var builderType = delegateType is INamedTypeSymbol { TypeArguments.Length: 1 } named ? RuntimeType(named.TypeArguments[0]) : null;
            if (parameters.Count != 1 || builderType is null) return NotConstant(syntax);
            Action<object> run = builder =>
            {
                _scopes.Add(builder);
                try
                {
                    body(builder);
                }
                finally
                {
                    _scopes.RemoveAt(_scopes.Count - 1);
                }
            };
            return DslCallBinder.Action(builderType, run);
        }

        /// <summary>The DSL method the compiler chose, as this assembly runs it on <paramref name="receiver"/>; null when it has none.</summary>
        private static DslMethod? FindMethod(IMethodSymbol method, object? receiver)
        {
            var type = receiver?.GetType() ?? RuntimeType(method.ContainingType);
            if (type is null) return null;
            var parameterTypes = method.Parameters.Select(p => RuntimeType(p.Type)).ToArray();
            if (parameterTypes.Any(t => t is null)) return null;
            return DslMethod.Exactly(type, method.Name, method.IsStatic, parameterTypes!);
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
                    var ns = definition.ContainingNamespace.ToDisplayString();
                    var open = ns == "System" ? Type.GetType("System." + definition.MetadataName)
                        : ns == "System.Collections.Generic" ? typeof(List<>).Assembly.GetType("System.Collections.Generic." + definition.MetadataName)
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

        /// <summary>A converted value: enums from their numbers, arrays of one element type into another's (<c>string[]</c> as <c>IEnumerable&lt;string&gt;</c>).</summary>
        private static object? Convert(object? value, ITypeSymbol? type)
        {
            if (value is null || value is Unknown || type is null) return value;
            if (type.TypeKind == TypeKind.Enum && value is not Enum) return ToRuntime(value, type);
            if (value is long or short or byte && type.SpecialType == SpecialType.System_Int32) return System.Convert.ToInt32(value, CultureInfo.InvariantCulture);
            return value;
        }

        private object NotConstant(SyntaxNode syntax)
        {
            Problem("MAIL9001", syntax.Span, syntax.SyntaxTree,
                $"'{Shorten(syntax.ToString())}' is not a compile-time constant, so MailDsl cannot check it while you type. The rules that need it wait: the platform is built and checked at run time (`check`, `emit`) before anything is written. Write a literal or a const to have it checked now.");
            return Unknown.Value;
        }

        private void Problem(string id, Microsoft.CodeAnalysis.Text.TextSpan span, SyntaxTree tree, string message)
            => _problems.Add(new EvaluationProblem(id, message, SourceSpans.Of(span, tree)));

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        /// <summary>Compares spans by reference: the spans of one call, not every equal span (a loop writes the same span many times).</summary>
        private sealed class ReferenceComparer : IEqualityComparer<SourceSpan>
        {
            public static readonly ReferenceComparer Instance = new();

            public bool Equals(SourceSpan? x, SourceSpan? y) => ReferenceEquals(x, y);

            public int GetHashCode(SourceSpan obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
