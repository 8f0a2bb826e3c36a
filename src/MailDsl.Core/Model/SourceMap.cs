using System;
using System.Linq;

namespace MailDsl.Model
{
    /// <summary>A span in a DSL source file: where a value was written.</summary>
    /// <param name="Path">The source file path as the compiler knows it.</param>
    /// <param name="Start">Character offset of the span's start.</param>
    /// <param name="Length">Length of the span in characters.</param>
    /// <param name="ContentOffset">For string literals: how many characters precede the string's content
    /// (1 for <c>"</c>, 2 for <c>@"</c>), or -1 when positions inside the value cannot be mapped (escapes, non-literals).</param>
    public sealed record SourceSpan(string Path, int Start, int Length, int ContentOffset);

    /// <summary>One value's origin: a dotted key (e.g. <c>mailstore.ciphers</c>) and its span.</summary>
    public sealed record OriginEntry(string Key, SourceSpan Span);

    /// <summary>
    /// Where each value of a <see cref="PlatformModel"/> was written. Keys are dotted paths chosen by the
    /// builder (<c>platform.certificate.key</c>, <c>mailstore.listener.imap-nopass.port</c>); a lookup falls
    /// back to the nearest written parent so every finding has a place.
    /// </summary>
    public sealed record SourceMap(EquatableArray<OriginEntry> Entries)
    {
        /// <summary>No origins (a platform built at run time).</summary>
        public static SourceMap Empty { get; } = new(EquatableArray<OriginEntry>.Empty);

        /// <summary>The span for <paramref name="key"/> or its nearest parent key, or null.</summary>
        public SourceSpan? Find(string key)
        {
            for (var k = key; k.Length > 0; k = Parent(k))
            {
                var hit = Entries.LastOrDefault(e => string.Equals(e.Key, k, StringComparison.Ordinal));
                if (hit is not null)
                    return hit.Span;
            }
            return null;
        }

        private static string Parent(string key)
        {
            var dot = key.LastIndexOf('.');
            return dot < 0 ? "" : key.Substring(0, dot);
        }
    }
}
