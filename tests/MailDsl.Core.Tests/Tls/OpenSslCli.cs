using System.Diagnostics;
using System.Text.RegularExpressions;
using MailDsl.Targets;
using MailDsl.Tls.Catalog;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>Which real OpenSSL a test compares with.</summary>
    public enum OpenSslTarget
    {
        /// <summary>The machine's own openssl: Debian 12's OpenSSL 3.0.</summary>
        Debian12,
        /// <summary>The openssl of the Debian 13 root (MAILDSL_DEBIAN13_ROOT, default /var/cache/maildsl/debian13), run with chroot: OpenSSL 3.5.</summary>
        Debian13,
    }

    /// <summary>A real <c>openssl</c> binary: the authority the TLS engine and catalogues are compared with.</summary>
    internal sealed class OpenSslCli
    {
        public static readonly OpenSslCli Debian12 = new(OpenSslTarget.Debian12, null);
        public static readonly OpenSslCli Debian13 = new(OpenSslTarget.Debian13,
            Environment.GetEnvironmentVariable("MAILDSL_DEBIAN13_ROOT") is { Length: > 0 } r ? r : "/var/cache/maildsl/debian13");

        public static OpenSslCli Of(OpenSslTarget target) => target == OpenSslTarget.Debian13 ? Debian13 : Debian12;

        private OpenSslCli(OpenSslTarget target, string? root)
        {
            Target = target;
            Root = root;
        }

        public OpenSslTarget Target { get; }

        /// <summary>The root whose openssl runs under chroot, or null for the machine's own.</summary>
        public string? Root { get; }

        /// <summary>Why this binary cannot run here, or null when it can.</summary>
        public string? Missing
        {
            get
            {
                if (Root is null)
                    return File.Exists("/usr/bin/openssl") || FindOnPath("openssl") is not null ? null : "openssl is not installed (Debian package: openssl)";
                if (!File.Exists(Path.Combine(Root, "usr/bin/openssl")))
                    return $"no Debian 13 root with openssl at {Root} (build it with scripts/debian13-root.sh, or point MAILDSL_DEBIAN13_ROOT at one)";
                if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
                    return "running the Debian 13 root's openssl needs chroot, so root (run scripts/test.sh under sudo)";
                return null;
            }
        }

        /// <summary>Why a test against this binary skips: null when it can run, and always null under MAILDSL_REQUIRE_DAEMONS=1, where it must run.</summary>
        public string? SkipReason => Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1" ? null : Missing;

        private static string? FindOnPath(string exe)
            => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
               .Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);

        /// <summary>Runs <c>openssl ARGS</c> (under chroot for the Debian 13 root): exit code, stdout, stderr (both trimmed).</summary>
        public (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
        {
            if (Missing is { } why) throw new InvalidOperationException($"{Target}'s openssl is required here (MAILDSL_REQUIRE_DAEMONS=1) but {why}");
            var psi = new ProcessStartInfo(Root is null ? "openssl" : "chroot") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            if (Root is not null)
            {
                psi.ArgumentList.Add(Root);
                psi.ArgumentList.Add("/usr/bin/openssl");
            }
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            var stdoutTask = p.StandardOutput.ReadToEndAsync();
            var stderrTask = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(30_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"openssl {string.Join(' ', args)} did not finish in 30 s");
            }
            return (p.ExitCode, stdoutTask.Result.Trim(), stderrTask.Result.Trim());
        }

        /// <summary>Runs <c>openssl ciphers [FLAGS] -- STRING</c> (<c>-s</c>, <c>-psk</c>...): exit code, stdout, stderr.</summary>
        public (int ExitCode, string Stdout, string Stderr) Ciphers(string cipherString, params string[] flags)
            => Run(new[] { "ciphers" }.Concat(flags).Concat(new[] { "--", cipherString }).ToArray()); // a string starting with '-' is a cipher string for the library, not an option

        /// <summary>The binary's version, from <c>openssl version</c>.</summary>
        public SoftwareVersion Version
        {
            get
            {
                var m = Regex.Match(Run("version").Stdout, @"OpenSSL (\d+)\.(\d+)\.(\d+)");
                return new SoftwareVersion(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
            }
        }

        /// <summary>The catalogue MailDsl reads cipher strings with for this binary's version.</summary>
        public CipherCatalog Catalog => Target == OpenSslTarget.Debian13 ? CipherCatalog.OpenSsl35 : CipherCatalog.OpenSsl30;

        /// <summary>The group catalogue for this binary's version.</summary>
        public GroupCatalog Groups => Target == OpenSslTarget.Debian13 ? GroupCatalog.OpenSsl35 : GroupCatalog.OpenSsl30;
    }

    /// <summary>A theory that runs only where the named openssl can run, and says why otherwise (never skips under MAILDSL_REQUIRE_DAEMONS=1).</summary>
    public sealed class OpenSslTheoryAttribute : TheoryAttribute
    {
        public OpenSslTheoryAttribute(OpenSslTarget target = OpenSslTarget.Debian12)
        {
            if (OpenSslCli.Of(target).SkipReason is { } why) Skip = why;
        }
    }

    /// <summary>A fact that runs only where the named openssl can run (never skips under MAILDSL_REQUIRE_DAEMONS=1).</summary>
    public sealed class OpenSslFactAttribute : FactAttribute
    {
        public OpenSslFactAttribute(OpenSslTarget target = OpenSslTarget.Debian12)
        {
            if (OpenSslCli.Of(target).SkipReason is { } why) Skip = why;
        }
    }
}
