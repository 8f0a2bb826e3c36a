using MailDsl.Install;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Secrets;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// install.sh's secret functions, run by bash on secrets with every character that could break a target: each encoding is
/// read back by the target's own parser (GNUstep's plget for sogo.conf, doveconf for Dovecot's quoted values) and gives the
/// secret again; what a syntax cannot hold is refused with a message that names the file and never the secret.
/// </summary>
public sealed class SecretEncodingTests
{
    /// <summary>Secrets that end values, start comments, expand variables or quote in one target or another.</summary>
    public static TheoryData<string> Awkward() => new()
    {
        "plain-Secret-1",
        "with \"double\" and 'single' quotes",
        "back\\slash at the end\\",
        "%{user} and %%{x} and 100%",
        "# not a comment; $HOME ${x} `id` $(id)",
        "p@ss:w/rd?&=+,;",
    };

    private static readonly string Functions = SecretSteps.Functions;

    /// <summary>Runs bash with the functions, the secret in $s (from the environment, never a command line), and <paramref name="script"/>.</summary>
    private static CommandResult Bash(string secret, string script)
        => Command.Run("env", new[] { "MAILDSL_TEST_SECRET=" + secret, "bash", "-c", "set -euo pipefail\n" + Functions + "\ns=$MAILDSL_TEST_SECRET\n" + script });

    [ToolTheory("plget")]
    [MemberData(nameof(Awkward))]
    public void A_secret_in_sogo_conf_reads_back_through_gnustep(string secret)
    {
        var dir = Directory.CreateTempSubdirectory("maildsl-secret-").FullName;
        try
        {
            var encoded = Bash(secret, "maildsl_encode_plist \"$s\" /etc/sogo/sogo.conf");
            Assert.True(encoded.Succeeded, encoded.ToString());
            File.WriteAllText(Path.Combine(dir, "sogo.conf"), "{ bindPassword = \"" + encoded.Output + "\"; }\n");
            var read = Command.Run("sh", "-c", "plget bindPassword < " + Command.ShellQuote(Path.Combine(dir, "sogo.conf")));
            Assert.True(read.Succeeded, read.ToString());
            Assert.Equal(secret, read.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ToolTheory("doveconf")]
    [MemberData(nameof(Awkward))]
    public void A_secret_in_a_dovecot_2_3_quoted_value_reads_back_through_doveconf(string secret)
    {
        var dir = Directory.CreateTempSubdirectory("maildsl-secret-").FullName;
        try
        {
            var encoded = Bash(secret, "maildsl_encode_dovecot23 \"$s\" /etc/dovecot/maildsl-passdb.conf.ext");
            Assert.True(encoded.Succeeded, encoded.ToString());
            // dovecot.conf and the args files unquote the same way (a backslash escapes the next character).
            File.WriteAllText(Path.Combine(dir, "dovecot.conf"), "ssl = no\nssl_key_password = \"" + encoded.Output + "\"\n");
            var read = Command.Run("doveconf", "-c", Path.Combine(dir, "dovecot.conf"), "-P", "-h", "ssl_key_password");
            Assert.True(read.Succeeded, read.ToString());
            Assert.Equal(secret, read.Output.TrimEnd('\n'));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ToolTheory("chroot", "unshare")]
    [MemberData(nameof(Awkward))]
    public void A_secret_in_a_dovecot_2_4_value_unquotes_to_the_secret_with_variables_escaped(string secret)
    {
        var encoded = Bash(secret, "maildsl_encode_dovecot24 \"$s\" /etc/dovecot/maildsl-secrets.conf.ext");
        Assert.True(encoded.Succeeded, encoded.ToString());
        var host = Directory.CreateTempSubdirectory("maildsl-secret-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(host, "etc/dovecot"));
            File.WriteAllText(Path.Combine(host, "etc/dovecot/dovecot.conf"),
                "dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nldap_auth_dn_password = \"" + encoded.Output + "\"\n");
            var read = TargetEtc.Run(Distro.Debian13, host, "doveconf -P -h ldap_auth_dn_password");
            Assert.True(read.Succeeded, read.ToString());
            // doveconf prints the value as 2.4 stores it, before %{...} expansion; its var-expand lexer reads '%%{' as a
            // literal '%{' (src/lib-var-expand/var-expand-lexer.l), so the stored value is the secret with that one escape.
            Assert.Equal(secret.Replace("%{", "%%{"), DoveconfDisplay(read.Output.TrimEnd('\n')));
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }

    // doveconf 2.4 prints a value that starts with '#' or holds what its parser would split at in double quotes, escaping
    // '"' and '\\' in them: that is how it shows the value, not the value.
    private static string DoveconfDisplay(string shown)
    {
        if (shown.Length < 2 || shown[0] != '"' || shown[^1] != '"') return shown;
        var value = new System.Text.StringBuilder();
        for (var i = 1; i < shown.Length - 1; i++)
        {
            if (shown[i] == '\\' && i + 1 < shown.Length - 1) i++;
            value.Append(shown[i]);
        }
        return value.ToString();
    }

    [Theory]
    [MemberData(nameof(Awkward))]
    public void A_secret_in_a_url_is_percent_encoded_to_rfc_3986_unreserved_characters(string secret)
    {
        var encoded = Bash(secret, "maildsl_encode_urluserinfo \"$s\" /etc/sogo/sogo.conf");
        Assert.True(encoded.Succeeded, encoded.ToString());
        Assert.Matches("^([A-Za-z0-9._~-]|%[0-9A-F]{2})+$", encoded.Output);
        Assert.Equal(secret, Uri.UnescapeDataString(encoded.Output));
    }

    [Theory]
    [InlineData("maildsl_encode_postfixtable", " leading space", "starts or ends with whitespace")]
    [InlineData("maildsl_encode_postfixtable", "trailing space ", "starts or ends with whitespace")]
    [InlineData("maildsl_encode_mysqlindovecot23", "inner space", "holds whitespace")]
    [InlineData("maildsl_encode_plist", "caf\u00e9", "non-ASCII")]
    public void What_a_syntax_cannot_hold_is_refused_naming_the_file_and_never_the_secret(string encoder, string secret, string why)
    {
        var result = Bash(secret, encoder + " \"$s\" /etc/target.file");

        Assert.False(result.Succeeded);
        Assert.Contains(why, result.Output, StringComparison.Ordinal);
        Assert.Contains("/etc/target.file", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Trim(), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_file_that_is_missing_empty_or_of_two_lines_is_refused_before_anything_changes()
    {
        var dir = Directory.CreateTempSubdirectory("maildsl-secret-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "two-lines"), "first-line-secret\nsecond\n");
            File.WriteAllText(Path.Combine(dir, "empty"), "\n");
            File.WriteAllText(Path.Combine(dir, "good"), "good-secret\n");
            foreach (var (file, why) in new[] { ("missing", "missing on this host"), ("empty", "is empty"), ("two-lines", "holds a line break") })
            {
                var result = Bash("", $"maildsl_load_secret ldap-bind file {Command.ShellQuote(Path.Combine(dir, file))} 'the bind password'");
                Assert.False(result.Succeeded, result.ToString());
                Assert.Contains(why, result.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("first-line-secret", result.Output, StringComparison.Ordinal);
            }
            var good = Bash("", $"maildsl_load_secret ldap-bind file {Command.ShellQuote(Path.Combine(dir, "good"))} 'the bind password'\nprintf '%s' \"${{maildsl_secret[ldap-bind]}}\"");
            Assert.True(good.Succeeded, good.ToString());
            Assert.Equal("good-secret", good.Output);
            var unset = Bash("", "unset MAILDSL_NOT_SET || true\nmaildsl_load_secret sogo-database env MAILDSL_NOT_SET 'SOGo''s database password'");
            Assert.False(unset.Succeeded);
            Assert.Contains("MAILDSL_NOT_SET, which is not set", unset.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Fill_secrets_writes_every_placeholder_keeping_the_files_mode_and_owner()
    {
        var dir = Directory.CreateTempSubdirectory("maildsl-secret-").FullName;
        try
        {
            var file = Path.Combine(dir, "table.cf");
            var placeholder = PlatformSecrets.Placeholder(PlatformSecrets.LdapBind, SecretSyntax.PostfixTable);
            File.WriteAllText(file, "bind_pw = " + placeholder + "\nagain = " + placeholder + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var secret = "a&b\\c'd \"e\" %{f}";
            var result = Bash(secret, "maildsl_secret[ldap-bind]=$s\nfill_secrets " + Command.ShellQuote(file) + " " + Command.ShellQuote(placeholder)
                + " ldap-bind maildsl_encode_postfixtable\nstat -c %a " + Command.ShellQuote(file));
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal("640", result.Output.Trim());
            Assert.Equal("bind_pw = " + secret + "\nagain = " + secret + "\n", File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
