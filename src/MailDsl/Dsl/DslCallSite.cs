using System;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Where the DSL call being evaluated was written. The generator's evaluator sets it around each
    /// builder call it makes at compile time; at run time it is empty and no origins are recorded.
    /// </summary>
    internal static class DslCallSite
    {
        [ThreadStatic] private static SourceSpan? s_method;
        [ThreadStatic] private static SourceSpan?[]? s_arguments;

        /// <summary>The span of the method name of the current call.</summary>
        public static SourceSpan? Method => s_method;

        /// <summary>The span of argument <paramref name="index"/> (params elements follow the fixed parameters).</summary>
        public static SourceSpan? Argument(int index)
            => s_arguments is { } args && index >= 0 && index < args.Length ? args[index] : null;

        /// <summary>Sets the call site until the returned scope is disposed.</summary>
        public static IDisposable Enter(SourceSpan? method, SourceSpan?[] arguments)
        {
            var previous = (s_method, s_arguments);
            s_method = method;
            s_arguments = arguments;
            return new Scope(previous);
        }

        private sealed class Scope : IDisposable
        {
            private readonly (SourceSpan?, SourceSpan?[]?) _previous;
            public Scope((SourceSpan?, SourceSpan?[]?) previous) => _previous = previous;
            public void Dispose() => (s_method, s_arguments) = _previous;
        }
    }

    /// <summary>Collects origins for one platform as its builders record values.</summary>
    internal sealed class OriginRecorder
    {
        private readonly System.Collections.Generic.List<OriginEntry> _entries = new();

        /// <summary>Records the current call's method span under <paramref name="key"/>.</summary>
        public void Call(string key)
        {
            if (DslCallSite.Method is { } span) _entries.Add(new OriginEntry(key, span));
        }

        /// <summary>Records the current call's argument <paramref name="index"/> under <paramref name="key"/>.</summary>
        public void Argument(string key, int index)
        {
            if (DslCallSite.Argument(index) is { } span) _entries.Add(new OriginEntry(key, span));
            else Call(key);
        }

        /// <summary>
        /// Records <paramref name="span"/> (a value's own span, captured where it was written, e.g. inside
        /// <c>Secret.File("...")</c>) under <paramref name="key"/>, else the current call's argument <paramref name="index"/>.
        /// </summary>
        public void Span(string key, SourceSpan? span, int index)
        {
            if (span is not null) _entries.Add(new OriginEntry(key, span));
            else Argument(key, index);
        }

        public SourceMap ToSourceMap() => new(_entries.ToEquatableArray());
    }
}
