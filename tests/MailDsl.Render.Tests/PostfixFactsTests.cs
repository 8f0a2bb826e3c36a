using System.Text.RegularExpressions;
using MailDsl.Daemons.Postfix;
using MailDsl.Render.Tests.Support;
using MailDsl.Targets;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>The Postfix module's facts against the Debian 12 tools on this machine.</summary>
public sealed class PostfixFactsTests
{
    // postfix(1) names its current level when main.cf asks for an older one: "To disable backwards compatibility use
    // postconf compatibility_level=N". (postconf -d compatibility_level prints the built-in default, 0, not that.)
    [ToolFact("postfix", "postconf", "script")]
    public void Debian12_compatibility_level_is_the_one_Debian_12s_postfix_asks_for()
    {
        var dir = Directory.CreateTempSubdirectory("maildsl-compat-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.cf"), "compatibility_level = 0\n");
            File.WriteAllText(Path.Combine(dir, "master.cf"), "");
            var result = DaemonChecks.PostfixStatus(dir);
            var asked = Regex.Match(result.Output, @"postconf compatibility_level=([0-9.]+)");
            Assert.True(asked.Success, result + "\n" + Command.Run("postconf", "-d", "mail_version"));
            Assert.Equal(asked.Groups[1].Value, PostfixRenderer.CompatibilityLevel(TargetTable.Debian12.Postfix));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
