using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace MailDsl.Generators.Tests.Docs;

/// <summary>
/// <c>docs/dsl-reference.md</c> is generated from the XML documentation the compiler writes for the DSL (the same text
/// IntelliSense shows): every public verb of every builder, and every enum the verbs take. The checked-in page must be what
/// the current XML docs give; <c>MAILDSL_UPDATE_BASELINES=1</c> rewrites it (and fails, so the change is reviewed).
/// </summary>
public sealed class DslReferenceTests
{
    [Fact]
    public void The_DSL_reference_is_generated_from_the_current_XML_docs()
    {
        var generated = Generate();
        var path = Path.Combine(RepoRoot(), "docs", "dsl-reference.md");
        if (Environment.GetEnvironmentVariable("MAILDSL_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, generated);
            Assert.Fail("docs/dsl-reference.md rewritten from the XML docs; review the change and run again without MAILDSL_UPDATE_BASELINES.");
        }
        Assert.True(File.Exists(path), "docs/dsl-reference.md is missing; run with MAILDSL_UPDATE_BASELINES=1");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Generate()
    {
        var dsl = typeof(Platform).Assembly;
        var core = typeof(MailDsl.Model.PlatformModel).Assembly;
        var docs = LoadDocs(dsl).Concat(LoadDocs(core)).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var s = new StringBuilder();
        s.Append("# MailDsl DSL reference\n\n");
        s.Append("Generated from the XML documentation of the `MailDsl` package (what IntelliSense shows) by\n");
        s.Append("`tests/MailDsl.Generators.Tests/Docs/DslReferenceTests.cs`; `MAILDSL_UPDATE_BASELINES=1` regenerates it. Start with\n");
        s.Append("[getting started](getting-started.md); every diagnostic is in the [diagnostics index](diagnostics/README.md).\n");

        var builders = dsl.GetExportedTypes().Where(t => t.Namespace == "MailDsl" && t.IsClass && !typeof(Attribute).IsAssignableFrom(t))
            .OrderBy(t => t == typeof(Platform) ? 0 : t.IsAbstract ? 1 : 2).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        foreach (var type in builders)
        {
            s.Append("\n## ").Append(Name(type)).Append("\n\n");
            if (Summary(docs, "T:" + Id(type)) is { Length: > 0 } summary) s.Append(summary).Append('\n');
            if (type.BaseType is { IsGenericType: true } baseType && baseType.Assembly == dsl)
                s.Append("\nAlso has every verb of [").Append(Name(baseType.GetGenericTypeDefinition())).Append("](#").Append(Anchor(baseType.GetGenericTypeDefinition())).Append(").\n");
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.DeclaringType == type).OrderBy(m => m.MetadataToken).ToList();
            if (methods.Count == 0) continue;
            s.Append("\n| verb | what it does |\n|---|---|\n");
            foreach (var method in methods)
            {
                var id = "M:" + Id(type) + "." + method.Name + (method.GetParameters().Length == 0 ? "" : "(" + string.Join(",", method.GetParameters().Select(p => Id(p.ParameterType))) + ")");
                var text = Summary(docs, id);
                // Each string parameter with the grammar it declares (docs/security.md has each kind's).
                string Kind(string? name) => method.GetParameters().FirstOrDefault(p => p.Name == name)?.GetCustomAttribute<MailDsl.Model.ValueGrammarAttribute>() is { } grammar
                    ? " (`" + grammar.Kind + "`)" : "";
                var parameters = docs.TryGetValue(id, out var member)
                    ? member.Elements("param").Select(p => "`" + (string?)p.Attribute("name") + "`" + Kind((string?)p.Attribute("name")) + ": " + Flatten(p)).ToList()
                    : new List<string>();
                s.Append("| `").Append(Signature(method)).Append("` | ").Append(Cell(text));
                if (parameters.Count > 0) s.Append("<br>").Append(Cell(string.Join("; ", parameters)));
                s.Append(" |\n");
            }
        }

        s.Append("\n## Values the verbs take\n");
        foreach (var type in core.GetExportedTypes().Where(t => t.IsEnum && t.Namespace == "MailDsl.Model").OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            s.Append("\n### ").Append(type.Name).Append("\n\n");
            if (Summary(docs, "T:" + Id(type)) is { Length: > 0 } summary) s.Append(summary).Append("\n\n");
            s.Append("| value | meaning |\n|---|---|\n");
            foreach (var name in Enum.GetNames(type))
                s.Append("| `").Append(type.Name).Append('.').Append(name).Append("` | ").Append(Cell(Summary(docs, "F:" + Id(type) + "." + name))).Append(" |\n");
        }
        return s.ToString();
    }

    /// <summary>The XML doc summary of every member of <paramref name="assembly"/>, as one line of Markdown, by documentation ID.</summary>
    internal static Dictionary<string, string> Summaries(Assembly assembly)
        => LoadDocs(assembly).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value.Element("summary") is { } summary ? Flatten(summary) : "");

    private static IEnumerable<KeyValuePair<string, XElement>> LoadDocs(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(path), "no XML docs beside " + assembly.Location);
        return XDocument.Load(path).Descendants("member").Select(m => new KeyValuePair<string, XElement>((string)m.Attribute("name")!, m));
    }

    private static string Summary(Dictionary<string, XElement> docs, string id)
        => docs.TryGetValue(id, out var member) && member.Element("summary") is { } summary ? Flatten(summary) : "";

    /// <summary>An XML doc element as one line of Markdown: <c>see</c> by its short name, <c>c</c> and <c>paramref</c> as code.</summary>
    private static string Flatten(XElement element)
    {
        var s = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text: s.Append(text.Value); break;
                case XElement { Name.LocalName: "c" } c: s.Append('`').Append(c.Value).Append('`'); break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } p: s.Append('`').Append((string?)p.Attribute("name")).Append('`'); break;
                case XElement { Name.LocalName: "see" } see:
                    var cref = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "";
                    var name = cref.Contains('(') ? cref.Substring(0, cref.IndexOf('(')) : cref;
                    s.Append('`').Append(name.Substring(name.LastIndexOf('.') + 1).Replace("`1", "")).Append('`');
                    break;
                case XElement other: s.Append(Flatten(other)).Append(' '); break;
            }
        }
        return string.Join(" ", s.ToString().Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string Id(Type type)
    {
        if (type.IsGenericParameter) return "`" + type.GenericParameterPosition;
        if (type.IsArray) return Id(type.GetElementType()!) + "[]";
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            var definition = type.GetGenericTypeDefinition().FullName!;
            return definition.Substring(0, definition.IndexOf('`')) + "{" + string.Join(",", type.GetGenericArguments().Select(Id)) + "}";
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying) return "System.Nullable{" + Id(underlying) + "}";
        return (type.FullName ?? type.Name).Replace('+', '.');
    }

    private static string Name(Type type) => type.IsGenericTypeDefinition ? type.Name.Substring(0, type.Name.IndexOf('`')) + "<TSelf>" : type.Name;

    private static string Anchor(Type type) => Name(type).ToLowerInvariant().Replace("<", "").Replace(">", "");

    private static string Signature(MethodInfo method)
        => method.Name + "(" + string.Join(", ", method.GetParameters().Select(p =>
            (p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "") + CSharp(p.ParameterType) + " " + p.Name
            + (p.HasDefaultValue ? " = " + (p.DefaultValue is string text ? "\"" + text + "\"" : p.DefaultValue is bool b ? (b ? "true" : "false") : p.DefaultValue?.ToString() ?? "null") : ""))) + ")";

    private static string CSharp(Type type)
    {
        if (type == typeof(string)) return "string";
        if (type == typeof(int)) return "int";
        if (type == typeof(bool)) return "bool";
        if (type.IsArray) return CSharp(type.GetElementType()!) + "[]";
        if (Nullable.GetUnderlyingType(type) is { } underlying) return CSharp(underlying) + "?";
        if (type.IsGenericType) return type.Name.Substring(0, type.Name.IndexOf('`')) + "<" + string.Join(", ", type.GetGenericArguments().Select(CSharp)) + ">";
        return type.Name;
    }
}
