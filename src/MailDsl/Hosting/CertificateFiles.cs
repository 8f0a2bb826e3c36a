using System;
using System.Diagnostics;
using System.Linq;
using MailDsl.Certificates;
using MailDsl.Topology;

namespace MailDsl.Hosting
{
    /// <summary>
    /// <c>check --certs</c>: every host's certificate files checked by the same bash functions install.sh runs before it
    /// changes anything (install-certificates.sh), with openssl: each finding names the file and the name.
    /// </summary>
    internal static class CertificateFiles
    {
        /// <summary>Checks the hosts named (all when none) with their files under <paramref name="root"/> (null: /); 1 on an error.</summary>
        public static int Check(PlatformRun platform, HostConsole console, string? root, string[] hosts)
        {
            var model = platform.Build(console);
            if (model is null) return 1;
            var topology = PlatformTopology.Of(model);
            var unknown = hosts.Where(h => topology.Hosts.All(p => !string.Equals(p.Name, h, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                console.Error.WriteLine("check --certs: the platform has no host " + string.Join(", ", unknown) + ". Its hosts: "
                    + MailDsl.Text.Listing.Abbreviate(topology.Hosts.Select(h => h.Name).ToList(), 10) + ".");
                return 2;
            }
            var prefix = string.IsNullOrEmpty(root) || root == "/" ? "" : root!.TrimEnd('/');
            var failed = false;
            foreach (var host in topology.Hosts.Where(h => hosts.Length == 0 || hosts.Contains(h.Name, StringComparer.OrdinalIgnoreCase)))
            {
                if (HostCertificates.On(model, host).Count == 0) continue;
                var (code, output) = RunBash(CertificateCheck.Program(topology, host), prefix);
                foreach (var line in output.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
                    console.Out.WriteLine(host.Name + ": " + line);
                if (code != 0) failed = true;
            }
            console.Out.WriteLine(failed ? "certificates: errors found (above); install.sh would stop before changing anything" : "certificates: no errors");
            return failed ? 1 : 0;
        }

        private static (int Code, string Output) RunBash(string program, string root)
        {
            // The program in a file of its own (0600 under the temp folder), the root its one argument, quoted for the
            // command line as .NET splits it (inside double quotes, a backslash escapes '"' and '\\').
            var file = System.IO.Path.GetTempFileName();
            try
            {
                System.IO.File.WriteAllText(file, program);
                var start = new ProcessStartInfo("bash", Quote(file) + " " + Quote(root))
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                using var process = Process.Start(start)!;
                var error = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, output + error.Result);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (1, "error: bash and openssl are needed to check the certificate files (" + ex.Message + ")\n");
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }

        private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
