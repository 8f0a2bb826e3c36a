namespace MailDsl.Rules
{
    /// <summary>
    /// Names of the <c>Finding.Properties</c> that code fixes read (the analyzer copies them into
    /// <c>Diagnostic.Properties</c>). One place, so a rule and its fix cannot drift apart: the code-fix
    /// assembly compiles this file in, as an internal type.
    /// </summary>
#if MAILDSL_CODEFIXES
    internal static class FixProperties
#else
    public static class FixProperties
#endif
    {
        /// <summary>The whole corrected text of the string argument at fault (e.g. an nginx location match with <c>~ </c> in front).</summary>
        public const string FixedValue = "FixedValue";

        /// <summary>The name of the C# parameter whose argument a fix changes or adds, e.g. <c>allowPlaintextAuth</c>.</summary>
        public const string ParameterName = "ParameterName";

        /// <summary>The C# expression a fix writes for <see cref="ParameterName"/>, e.g. <c>false</c>.</summary>
        public const string ParameterValue = "ParameterValue";

        /// <summary>A second fix: the C# expression for the listener's security argument, e.g. <c>ListenerSecurity.ImplicitTls</c>.</summary>
        public const string SecurityValue = "SecurityValue";
    }
}
