using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>
    /// Finds a platform's <c>static Platform Describe()</c>, in the declaration carrying <c>[MailPlatform]</c> or in any other
    /// part of the partial class. Only declarations are read (no method body is bound), so the generator's fast path keeps
    /// its cost when the description lives in another file.
    /// </summary>
    internal static class DescribeMethod
    {
        /// <summary>The <c>Describe()</c> declaration, or null when no part of the class has one.</summary>
        /// <param name="type">The declaration carrying the attribute.</param>
        /// <param name="symbol">The class, for its other parts; null to look in <paramref name="type"/> only.</param>
        public static MethodDeclarationSyntax? Find(TypeDeclarationSyntax type, INamedTypeSymbol? symbol)
        {
            if (Own(type) is { } own) return own;
            if (symbol is null) return null;
            foreach (var reference in symbol.DeclaringSyntaxReferences)
                if (reference.GetSyntax() is TypeDeclarationSyntax part && part != type && Own(part) is { } found) return found;
            return null;
        }

        private static MethodDeclarationSyntax? Own(TypeDeclarationSyntax type)
            => type.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == "Describe" && m.ParameterList.Parameters.Count == 0);
    }
}
