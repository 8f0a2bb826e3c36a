namespace MailDsl.Rules.Values
{
    /// <summary>What a written path names and who opens it, which decides the form it must have and what a message says about it.</summary>
    internal enum PathRole
    {
        /// <summary>A file a daemon opens (certificate, key, CA, a raw setting's <c>_file</c>): a trailing '/' would make it a directory.</summary>
        File,

        /// <summary>
        /// A directory (the mail storage root, the index path, a raw setting's <c>_directory</c>, <c>_dir</c> or <c>CApath</c>):
        /// a trailing '/' still names the same directory.
        /// </summary>
        Directory,

        /// <summary>A raw Dovecot <c>_path</c> setting: a file or socket for some (<c>log_path</c>), a directory for others (<c>mail_index_path</c>).</summary>
        FileOrDirectory,

        /// <summary>The file a secret is read from (<c>Secret.File(...)</c>): install.sh reads it as root; it is never read at build time.</summary>
        SecretFile,
    }
}
