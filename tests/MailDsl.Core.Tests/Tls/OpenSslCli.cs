using System.Diagnostics;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>The local <c>openssl</c> binary: the authority the TLS engine is compared with.</summary>
    internal static class OpenSslCli
    {
        public static readonly bool Available = File.Exists("/usr/bin/openssl") || FindOnPath("openssl") is not null;

        public const string MissingReason = "openssl is not installed (Debian package: openssl)";

        private static string? FindOnPath(string exe)
            => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
               .Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);

        /// <summary>Runs <c>openssl ciphers -- STRING</c>: exit code, stdout, stderr.</summary>
        public static (int ExitCode, string Stdout, string Stderr) Ciphers(string cipherString)
        {
            var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("ciphers");
            psi.ArgumentList.Add("--"); // a string starting with '-' is a cipher string for the library, not an option
            psi.ArgumentList.Add(cipherString);
            using var p = Process.Start(psi)!;
            var stdoutTask = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdoutTask.Result.Trim(), stderr.Trim());
        }
    }

    /// <summary>A theory that runs only where openssl is installed, and says which package to install otherwise.</summary>
    public sealed class OpenSslTheoryAttribute : TheoryAttribute
    {
        public OpenSslTheoryAttribute()
        {
            if (!OpenSslCli.Available) Skip = OpenSslCli.MissingReason;
        }
    }

    /// <summary>A fact that runs only where openssl is installed.</summary>
    public sealed class OpenSslFactAttribute : FactAttribute
    {
        public OpenSslFactAttribute()
        {
            if (!OpenSslCli.Available) Skip = OpenSslCli.MissingReason;
        }
    }
}
