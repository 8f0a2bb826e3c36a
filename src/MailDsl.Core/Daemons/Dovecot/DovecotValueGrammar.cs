using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// What Dovecot's configuration parser does with a value after <c>key =</c>, and so what a value written there
    /// may not hold. Seen with <c>doveconf -n</c>/<c>-x</c> of Dovecot 2.3.19 and 2.4.1:
    /// <list type="bullet">
    /// <item>'#' anywhere starts a comment: <c>maildir:~/Mail#x</c> is read as <c>maildir:~/Mail</c>.</item>
    /// <item>A leading '&lt;' reads the named file's contents into the setting (<c>auth_realms = &lt;/etc/hostname</c>).</item>
    /// <item>'$' expands another setting (2.3: <c>$ssl_key</c> is the private key itself) or, in 2.4, <c>$SET:name</c> and
    /// <c>$ENV:NAME</c>.</item>
    /// <item><c>%{env:NAME}</c> expands the process environment where variables are expanded.</item>
    /// <item>Quotes around a value are stripped (2.3) or refused in the middle of it (2.4).</item>
    /// </list>
    /// A raw value may hold none of these: a file or another setting is named through a typed verb, on purpose.
    /// </summary>
    internal static class DovecotValueGrammar
    {
        /// <summary>The first place a raw Dovecot value cannot be written safely, or null.</summary>
        public static UnsafeSpot? FindInValue(string value) => Find(value, allowUserVariables: true);

        /// <summary>The mailbox formats a mail location may name (Dovecot's storage drivers for mail kept on the mailstore).</summary>
        private static readonly string[] MailDrivers = { "maildir", "mbox", "sdbox", "mdbox" };

        /// <summary>
        /// The first place a mail location cannot be written safely, or null. Dovecot's per-user variables
        /// (<c>%u</c>, <c>%d</c>, <c>%n</c>, <c>%{user}</c>) are what a location is for; the environment is not.
        /// </summary>
        public static UnsafeSpot? FindInMailLocation(string value)
        {
            // The driver (before the first ':') is one word: Dovecot 2.4 writes it alone as mail_driver.
            var driverEnd = value.IndexOf(':');
            for (var i = 0; i < (driverEnd < 0 ? value.Length : driverEnd); i++)
            {
                var c = value[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
                    return char.IsControl(c) ? ValueSafety.Control(value, i) : ValueSafety.Spot(i, c, "the mail driver before the first ':' is one word (maildir, mbox, sdbox, mdbox), which Dovecot 2.4 writes alone as mail_driver");
            }
            // A driver Dovecot has no storage for starts no mail process ("Unknown mail storage driver"): one of a mailstore's.
            var driver = value.Substring(0, driverEnd < 0 ? value.Length : driverEnd);
            if (driver.Length > 0 && System.Array.IndexOf(MailDrivers, driver) < 0)
                return new UnsafeSpot(0, driver.Length, "names the mail driver '" + ValueSafety.Show(driver.Length > 20 ? driver.Substring(0, 20) + "..." : driver) + "'",
                    "Dovecot has no mailbox format of that name and starts no mail process with it; write maildir, mbox, sdbox or mdbox");
            return Find(value, allowUserVariables: true);
        }

        private static UnsafeSpot? Find(string value, bool allowUserVariables)
        {
            var first = 0;
            while (first < value.Length && (value[first] == ' ' || value[first] == '\t')) first++;
            if (first < value.Length && value[first] == '<')
                return new UnsafeSpot(first, 1, "starts with '<'", "Dovecot reads '<path' as the contents of that file, so the setting would hold whatever that file holds (a key, a password)");
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c) && c != '\t') return ValueSafety.Control(value, i);
                switch (c)
                {
                    case '#':
                        return ValueSafety.Spot(i, c, "Dovecot reads '#' as the start of a comment and drops the rest of the line");
                    case '$':
                        return ValueSafety.Spot(i, c, "Dovecot expands '$name' (2.3) and '$SET:name', '$ENV:NAME' (2.4) into another setting's value or the environment, so the value could carry a secret such as the private key to clients");
                    case '"':
                    case '\'':
                        return ValueSafety.Spot(i, c, "Dovecot strips quotes around a value (2.3) and refuses them inside one (2.4), so the value would change or the file would not load");
                    case '%' when i + 1 < value.Length && value[i + 1] == '{' && IsEnvironmentVariable(value, i + 2):
                        return new UnsafeSpot(i, value.IndexOf('}', i) is var end && end > i ? end - i + 1 : 2, "expands the environment with %{env:...}", "Dovecot would put a variable of its own environment into the value");
                    case '%' when !allowUserVariables:
                        return ValueSafety.Spot(i, c, "Dovecot expands '%' variables here");
                }
            }
            // A line ending in a backslash continues on the next line in dovecot.conf (and in 2.3's args files).
            var last = value.TrimEnd(' ', '\t');
            if (last.Length > 0 && last[last.Length - 1] == '\\')
                return ValueSafety.Spot(last.Length - 1, '\\', "Dovecot joins the next line to a line that ends in '\\', so the next setting would become part of this value");
            return null;
        }

        private static bool IsEnvironmentVariable(string value, int start)
            => string.Compare(value, start, "env:", 0, 4, System.StringComparison.OrdinalIgnoreCase) == 0;
    }
}
