using System.Collections.Immutable;
using MailDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace MailDsl.CodeFixes.Tests;

/// <summary>
/// Applies a code fix to DSL source, given the diagnostic as the analyzer reports it: the rule's ID, the span
/// of the argument at fault (marked [|...|] in the source) and the finding's properties.
/// </summary>
internal static class FixRunner
{
    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
        .Concat(new[] { typeof(Platform).Assembly.Location, typeof(MailDsl.Model.PlatformModel).Assembly.Location }
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)))
        .ToImmutableArray();

    /// <summary>The titles of the fixes offered for the marked span.</summary>
    public static async Task<IReadOnlyList<CodeAction>> Actions(CodeFixProvider provider, string markedSource, string ruleId, params (string Name, string Value)[] properties)
    {
        var (document, diagnostic) = await Prepare(markedSource, ruleId, properties);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    /// <summary>The source after applying the fix with <paramref name="equivalenceKey"/>.</summary>
    public static async Task<string> Apply(CodeFixProvider provider, string markedSource, string ruleId, string equivalenceKey, params (string Name, string Value)[] properties)
    {
        var (document, diagnostic) = await Prepare(markedSource, ruleId, properties);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        var action = actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey)
            ?? throw new InvalidOperationException($"no fix '{equivalenceKey}' offered; offered: {string.Join(", ", actions.Select(a => a.EquivalenceKey))}");
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString();

        var compilation = (await changed.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("the fixed source does not compile:\n" + string.Join("\n", errors) + "\n" + text);
        return text;
    }

    private static async Task<(Document, Diagnostic)> Prepare(string markedSource, string ruleId, (string Name, string Value)[] properties)
    {
        var start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        var end = markedSource.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start) throw new ArgumentException("mark the diagnostic's span with [| |]");
        var source = markedSource.Remove(end, 2).Remove(start, 2);
        var span = TextSpan.FromBounds(start, end - 2);

        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Platform", "Platform", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            metadataReferences: References));
        var document = workspace.AddDocument(project.Id, "Platform.cs", SourceText.From(source));

        var compilation = (await document.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("the test source does not compile:\n" + string.Join("\n", errors));

        var descriptor = RuleCatalog.All.Single(d => d.Id == ruleId);
        var rule = new DiagnosticDescriptor(descriptor.Id, descriptor.Title, "{0}", descriptor.Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
        var tree = (await document.GetSyntaxTreeAsync())!;
        var diagnostic = Diagnostic.Create(rule, Location.Create(tree, span),
            properties.ToImmutableDictionary(p => p.Name, p => (string?)p.Value), "test");
        return (document, diagnostic);
    }
}
