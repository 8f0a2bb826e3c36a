using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using MailDsl.Hosting;
using MailDsl.Model;

namespace MailDsl.Benchmarks.Before
{
    /// <summary>
    /// BEFORE (the writer as it was until the performance work, kept only to be measured against in the same run):
    /// writes artifacts under an output folder: <c>DIR/&lt;host&gt;/&lt;absolute path&gt;</c>, and platform-wide
    /// files (host "") at <c>DIR/&lt;path&gt;</c>. Everything is staged inside DIR first, so a failure
    /// leaves DIR's previous content as it was.
    /// </summary>
    public static class ReplaceAllWriter
    {
        private const string StagingPrefix = ".maildsl-staging-";

        /// <summary>Replaces the content of <paramref name="outDir"/> with <paramref name="artifacts"/>.</summary>
        public static void Write(string outDir, IReadOnlyList<Artifact> artifacts)
        {
            var root = Path.GetFullPath(outDir);
            Directory.CreateDirectory(root);
            var staging = Path.Combine(root, StagingPrefix + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var artifact in artifacts)
                {
                    var target = ArtifactWriter.TargetPath(staging, artifact);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target, artifact.Content);
                    SetMode(target, artifact.Mode);
                }
            }
            catch
            {
                TryDelete(staging);
                throw;
            }

            // Staged whole: now swap. Old entries go, staged entries move up.
            foreach (var entry in Directory.EnumerateFileSystemEntries(root).Where(e => !Path.GetFileName(e).StartsWith(StagingPrefix, StringComparison.Ordinal)))
                TryDelete(entry);
            foreach (var entry in Directory.EnumerateFileSystemEntries(staging))
            {
                var dest = Path.Combine(root, Path.GetFileName(entry));
                if (Directory.Exists(entry)) Directory.Move(entry, dest);
                else File.Move(entry, dest);
            }
            Directory.Delete(staging, recursive: true);
        }

        private static void SetMode(string path, int mode)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            _ = chmod(path, mode);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);

        private static void TryDelete(string path)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else if (File.Exists(path)) File.Delete(path);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

