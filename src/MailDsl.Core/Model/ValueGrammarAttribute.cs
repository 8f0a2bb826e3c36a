using System;

namespace MailDsl.Model
{
    /// <summary>
    /// Declares the grammar of a DSL method's string parameter: what the value is (<see cref="ValueKind"/>), which decides what
    /// it may hold, how it is written into each file, and what MailDsl refuses at the argument, at compile time and before
    /// anything is written at run time. Every string parameter of the DSL carries one; a test fails on one that does not.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
    public sealed class ValueGrammarAttribute : Attribute
    {
        /// <summary>Declares the parameter's kind.</summary>
        /// <param name="kind">What the value is.</param>
        public ValueGrammarAttribute(ValueKind kind) => Kind = kind;

        /// <summary>What the value is.</summary>
        public ValueKind Kind { get; }
    }
}
