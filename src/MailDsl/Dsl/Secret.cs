using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Where a secret (a bind or database password) lives on the hosts that need it: a file, or an environment variable
    /// install.sh is run with. The description, the generated code and the emitted folder only ever name it; install.sh
    /// reads it on the host and writes it into the daemons' files, readable by the daemon only.
    /// </summary>
    /// <example>
    /// <code>
    /// .BindAs("cn=mailapps,ou=services,dc=mycompany,dc=dom", Secret.File("/etc/maildsl/secrets/ldap-bind"))
    /// .Login("sogo", Secret.Environment("SOGO_DB_PASSWORD"))
    /// </code>
    /// </example>
    public sealed class Secret
    {
        private Secret(SecretRef reference, SourceSpan? span)
        {
            Reference = reference;
            Span = span;
        }

        /// <summary>What the model keeps: the source, never the secret.</summary>
        internal SecretRef Reference { get; }

        /// <summary>Where the path or variable name was written (compile time only), for diagnostics inside it.</summary>
        internal SourceSpan? Span { get; }

        /// <summary>
        /// A secret kept in a file on each host: its one line (a final line break is dropped) is the secret. Keep the file
        /// 0600 root; install.sh refuses a file that is missing, empty or holds more than one line.
        /// </summary>
        /// <param name="path">The file's absolute path on the hosts, e.g. <c>/etc/maildsl/secrets/ldap-bind</c>.</param>
        public static Secret File([ValueGrammar(ValueKind.Path)] string path) => new(new SecretRef(SecretSource.File, path), DslCallSite.Argument(0));

        /// <summary>A secret install.sh reads from an environment variable (e.g. set by the fleet tool from its vault).</summary>
        /// <param name="variable">The variable's name, e.g. <c>LDAP_BIND_PASSWORD</c>.</param>
        public static Secret Environment([ValueGrammar(ValueKind.EnvironmentName)] string variable) => new(new SecretRef(SecretSource.Environment, variable), DslCallSite.Argument(0));

        /// <inheritdoc/>
        public override string ToString() => Reference.Describe();
    }
}
