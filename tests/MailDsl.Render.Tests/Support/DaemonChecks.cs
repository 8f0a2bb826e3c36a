namespace MailDsl.Render.Tests.Support;

/// <summary>
/// Runs each daemon's own checker on one emitted host folder (<c>DIR/&lt;host&gt;/etc/...</c>) and returns what it
/// said. The files checked are the emitted ones; only the wrapper nginx needs around a conf.d site is ours.
/// </summary>
public static class DaemonChecks
{
    /// <summary><c>nginx -t</c> on the host's site, included from a minimal http block the way the distros' nginx.conf does.</summary>
    public static CommandResult Nginx(string hostDir, string scratch)
    {
        Directory.CreateDirectory(scratch);
        var conf = Path.Combine(scratch, "nginx.conf");
        File.WriteAllText(conf, $$"""
            pid {{scratch}}/nginx.pid;
            error_log {{scratch}}/error.log;
            events { }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                include {{hostDir}}/etc/nginx/conf.d/*.conf;
            }
            """);
        // In the /etc sandbox, so files the site names at their host paths (the DH parameters) are where it says.
        return EtcSandbox.Run(hostDir, $"nginx -t -p '{scratch}' -c '{conf}'");
    }

    /// <summary><c>doveconf -n</c> on the emitted, self-contained dovecot.conf.</summary>
    public static CommandResult Dovecot(string hostDir) => Command.Run("doveconf", "-n", "-c", Path.Combine(hostDir, "etc/dovecot/dovecot.conf"));

    /// <summary><c>postconf -n</c> on the emitted main.cf.</summary>
    public static CommandResult PostfixMain(string hostDir) => Command.Run("postconf", "-c", Path.Combine(hostDir, "etc/postfix"), "-n");

    /// <summary><c>postconf -M</c> on the emitted master.cf.</summary>
    public static CommandResult PostfixMaster(string hostDir) => Command.Run("postconf", "-c", Path.Combine(hostDir, "etc/postfix"), "-M");

    /// <summary>
    /// <c>postfix -c DIR status</c> on a terminal (script(1)), where postfix(1) says what it says at every start,
    /// such as the backwards-compatibility warning. Status only reads: it starts and changes nothing.
    /// </summary>
    public static CommandResult PostfixStatus(string configDir)
        => Command.Run("script", "-qec", "postfix -c '" + configDir.Replace("'", "'\\''") + "' status", "/dev/null");

    /// <summary>GNUstep's <c>plparse</c> on the emitted sogo.conf.</summary>
    public static CommandResult Sogo(string hostDir) => Command.Run("plparse", Path.Combine(hostDir, "etc/sogo/sogo.conf"));

    /// <summary><c>shellcheck -S warning</c> on the host's install.sh.</summary>
    public static CommandResult InstallScript(string hostDir) => Command.Run("shellcheck", "-S", "warning", Path.Combine(hostDir, "install.sh"));

    /// <summary><c>ansible-playbook --syntax-check</c> on the fleet files.</summary>
    public static CommandResult Fleet(string outDir)
        => Command.Run("ansible-playbook", "--syntax-check", "-i", Path.Combine(outDir, "inventory.ini"), Path.Combine(outDir, "site.yml"));
}
