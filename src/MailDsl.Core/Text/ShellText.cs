namespace MailDsl.Text
{
    /// <summary>Values written into shell text (install.sh, the environment files a shell sources): single-quoted, so nothing in them is expanded or run.</summary>
    public static class ShellText
    {
        /// <summary>
        /// <paramref name="value"/> as one shell word in single quotes: every character literal, an embedded quote written
        /// <c>'\''</c>. systemd's EnvironmentFile= reads the same quotes the same way.
        /// </summary>
        public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
    }
}
