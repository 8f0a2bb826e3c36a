using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using MailDsl.Model;

namespace MailDsl.Hosting
{
    /// <summary>What <see cref="ArtifactWriter"/> did.</summary>
    /// <param name="Written">Files created or replaced (content or mode changed).</param>
    /// <param name="Unchanged">Files already there with the same content and mode: not touched.</param>
    /// <param name="Removed">Files that were in the folder but are no longer emitted.</param>
    public sealed record WriteSummary(int Written, int Unchanged, int Removed)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Written} written, {Unchanged} unchanged, {Removed} removed";
    }

    /// <summary>What a write would do to one file under the output folder.</summary>
    public enum FileChange
    {
        /// <summary>The file is not there yet.</summary>
        Created,
        /// <summary>The file is there with other content.</summary>
        Changed,
        /// <summary>The file is there with the same content but another mode.</summary>
        ModeChanged,
        /// <summary>The file is there but no longer emitted: it is removed.</summary>
        Removed,
    }

    /// <summary>One file a write changes.</summary>
    /// <param name="Path">Its path under the output folder, with <c>/</c> separators (e.g. <c>mx-01.example.org/etc/postfix/main.cf</c>).</param>
    /// <param name="Change">What happens to it.</param>
    /// <param name="Mode">The mode it gets (the mode it had, for a removed file), or null where the runtime cannot say.</param>
    public sealed record PlannedChange(string Path, FileChange Change, int? Mode);

    /// <summary>What <see cref="ArtifactWriter.Write(string, IReadOnlyList{Artifact}, Func{string, bool})"/> would do, computed without touching the disk.</summary>
    /// <param name="Root">The output folder's full path.</param>
    /// <param name="Changes">Every file that would be created, changed, given another mode or removed, ordered by path.</param>
    /// <param name="Unchanged">How many files are already there with the same content and mode.</param>
    public sealed record WritePlan(string Root, IReadOnlyList<PlannedChange> Changes, int Unchanged)
    {
        /// <summary>The summary the write would print.</summary>
        public WriteSummary Summary => new(Changes.Count(c => c.Change != FileChange.Removed), Unchanged, Changes.Count(c => c.Change == FileChange.Removed));
    }

    /// <summary>
    /// Writes artifacts under an output folder: <c>DIR/&lt;host&gt;/&lt;absolute path&gt;</c>, and platform-wide files
    /// (host "") at <c>DIR/&lt;path&gt;</c>, so that DIR ends up holding exactly them. Only what differs is written:
    /// a file with the same bytes and mode is left alone, so a second emit with no change writes nothing. Changed files
    /// are staged inside DIR first and moved into place by rename, the files they replace kept aside until the end, so
    /// a failure leaves DIR as it was. Nothing outside DIR is touched. <see cref="Plan"/> says what a write would do
    /// without doing it (<c>emit --dry-run</c>).
    /// </summary>
    public static class ArtifactWriter
    {
        private const string StagingPrefix = ".maildsl-staging-";
        private const string BackupPrefix = ".maildsl-backup-";
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>Makes <paramref name="outDir"/> hold exactly <paramref name="artifacts"/>, writing only what changed.</summary>
        /// <param name="outDir">The output folder; created if missing.</param>
        /// <param name="artifacts">The files.</param>
        /// <returns>How many files were written, left unchanged and removed.</returns>
        /// <exception cref="ArgumentException">An artifact's path would leave the output folder (nothing is written).</exception>
        /// <exception cref="IOException">Writing failed; the folder is as it was.</exception>
        public static WriteSummary Write(string outDir, IReadOnlyList<Artifact> artifacts) => Write(outDir, artifacts, null);

        /// <summary>
        /// Makes the part of <paramref name="outDir"/> that <paramref name="scope"/> covers hold exactly
        /// <paramref name="artifacts"/>, writing only what changed; what lies outside the scope is neither compared nor removed.
        /// </summary>
        /// <param name="outDir">The output folder; created if missing.</param>
        /// <param name="artifacts">The files (all of them inside the scope).</param>
        /// <param name="scope">
        /// Which top-level entries of DIR the write owns, by name (a host's folder, or a fleet file such as <c>README.md</c>);
        /// null for all of DIR. <c>emit --host</c> owns only that host's folder.
        /// </param>
        /// <returns>How many files were written, left unchanged and removed.</returns>
        /// <exception cref="ArgumentException">An artifact's path would leave the output folder or the scope (nothing is written).</exception>
        /// <exception cref="IOException">Writing failed; the folder is as it was.</exception>
        public static WriteSummary Write(string outDir, IReadOnlyList<Artifact> artifacts, Func<string, bool>? scope)
        {
            var root = Path.GetFullPath(outDir);
            var wanted = Wanted(root, artifacts, scope);
            Directory.CreateDirectory(root);
            foreach (var leftover in Directory.EnumerateDirectories(root).Where(IsOurs))
                TryDelete(leftover); // a run killed half-way left these; DIR's content was never touched by them
            var plan = Compare(root, wanted, scope);

            var changed = plan.Changes.Where(c => c.Change is FileChange.Created or FileChange.Changed).ToList();
            var modeOnly = plan.Changes.Where(c => c.Change == FileChange.ModeChanged).ToList();
            var removed = plan.Changes.Where(c => c.Change == FileChange.Removed).Select(c => Native(c.Path)).ToList();
            if (changed.Count == 0 && removed.Count == 0)
            {
                foreach (var file in modeOnly) SetMode(Path.Combine(root, Native(file.Path)), wanted[Native(file.Path)].Mode);
                return plan.Summary;
            }

            var staging = Path.Combine(root, StagingPrefix + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var file in changed)
                {
                    var artifact = wanted[Native(file.Path)];
                    var target = Path.Combine(staging, Native(file.Path));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllBytes(target, Utf8.GetBytes(artifact.Content));
                    SetMode(target, artifact.Mode);
                }
            }
            catch
            {
                TryDelete(staging);
                throw;
            }

            // Everything new is on disk: now swap by renames, keeping what they replace until the end.
            var journal = new Journal(root);
            try
            {
                foreach (var relative in removed) journal.SetAside(relative);
                journal.MoveIn(staging, root);
            }
            catch
            {
                journal.Undo();
                TryDelete(staging);
                throw;
            }
            journal.Commit();
            TryDelete(staging);
            foreach (var file in modeOnly) SetMode(Path.Combine(root, Native(file.Path)), wanted[Native(file.Path)].Mode);
            foreach (var relative in removed) RemoveEmptyParents(root, Path.Combine(root, relative));
            return plan.Summary;
        }

        /// <summary>
        /// What <see cref="Write(string, IReadOnlyList{Artifact}, Func{string, bool})"/> would do, reading DIR but changing
        /// nothing (not even creating it): every file it would create, change, give another mode or remove.
        /// </summary>
        /// <param name="outDir">The output folder; it need not exist.</param>
        /// <param name="artifacts">The files.</param>
        /// <param name="scope">Which top-level entries of DIR the write owns, by name; null for all of DIR.</param>
        /// <exception cref="ArgumentException">An artifact's path would leave the output folder or the scope.</exception>
        public static WritePlan Plan(string outDir, IReadOnlyList<Artifact> artifacts, Func<string, bool>? scope = null)
        {
            var root = Path.GetFullPath(outDir);
            return Compare(root, Wanted(root, artifacts, scope), scope);
        }

        /// <summary>Every artifact by its path under <paramref name="root"/>; every target is checked before anything on disk changes.</summary>
        private static Dictionary<string, Artifact> Wanted(string root, IReadOnlyList<Artifact> artifacts, Func<string, bool>? scope)
        {
            var wanted = new Dictionary<string, Artifact>(StringComparer.Ordinal);
            foreach (var artifact in artifacts)
            {
                var relative = Relative(root, TargetPath(root, artifact));
                if (scope is not null && !scope(relative.Split(Path.DirectorySeparatorChar)[0]))
                    throw new ArgumentException($"artifact path '{artifact.Path}' of host '{artifact.Host}' lies outside what this write may change");
                wanted[relative] = artifact;
            }
            return wanted;
        }

        private static WritePlan Compare(string root, Dictionary<string, Artifact> wanted, Func<string, bool>? scope)
        {
            var existing = new HashSet<string>(StringComparer.Ordinal);
            if (Directory.Exists(root))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(root))
                {
                    if (IsOurs(entry) || (scope is not null && !scope(Path.GetFileName(entry)))) continue;
                    if (Directory.Exists(entry))
                        foreach (var file in Directory.EnumerateFiles(entry, "*", SearchOption.AllDirectories)) existing.Add(Relative(root, file));
                    else existing.Add(Relative(root, entry));
                }
            }

            var changes = new List<PlannedChange>();
            var unchanged = 0;
            foreach (var pair in wanted.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var full = Path.Combine(root, pair.Key);
                if (!existing.Contains(pair.Key)) changes.Add(new PlannedChange(Portable(pair.Key), FileChange.Created, pair.Value.Mode));
                else if (!SameBytes(full, Utf8.GetBytes(pair.Value.Content))) changes.Add(new PlannedChange(Portable(pair.Key), FileChange.Changed, pair.Value.Mode));
                else if (UnixMode.Get(full) is { } mode && mode != pair.Value.Mode) changes.Add(new PlannedChange(Portable(pair.Key), FileChange.ModeChanged, pair.Value.Mode));
                else unchanged++;
            }
            foreach (var gone in existing.Where(e => !wanted.ContainsKey(e)))
                changes.Add(new PlannedChange(Portable(gone), FileChange.Removed, UnixMode.Get(Path.Combine(root, gone))));
            return new WritePlan(root, changes.OrderBy(c => c.Path, StringComparer.Ordinal).ToList(), unchanged);
        }

        private static string Portable(string relative) => relative.Replace(Path.DirectorySeparatorChar, '/');

        private static string Native(string portable) => portable.Replace('/', Path.DirectorySeparatorChar);

        /// <summary>Where an artifact goes under <paramref name="root"/>; refuses paths that would leave it.</summary>
        /// <param name="root">The output folder.</param>
        /// <param name="artifact">The artifact.</param>
        /// <exception cref="ArgumentException">The path leaves <paramref name="root"/> or is one of the writer's own working folders.</exception>
        public static string TargetPath(string root, Artifact artifact)
        {
            var relative = artifact.Path.TrimStart('/');
            var combined = artifact.Host.Length == 0 ? Path.Combine(root, relative) : Path.Combine(root, artifact.Host, relative);
            var full = Path.GetFullPath(combined);
            if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new ArgumentException($"artifact path '{artifact.Path}' of host '{artifact.Host}' leaves the output folder");
            if (IsOurs(Relative(root, full).Split(Path.DirectorySeparatorChar)[0]))
                throw new ArgumentException($"artifact path '{artifact.Path}' of host '{artifact.Host}' collides with the writer's working folders ({StagingPrefix}*, {BackupPrefix}*)");
            return full;
        }

        private static bool IsOurs(string path)
        {
            var name = Path.GetFileName(path);
            return name.StartsWith(StagingPrefix, StringComparison.Ordinal) || name.StartsWith(BackupPrefix, StringComparison.Ordinal);
        }

        private static string Relative(string root, string full) => full.Substring(Path.GetFullPath(root).Length + 1);

        private static bool SameBytes(string path, byte[] bytes)
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != bytes.Length) return false;
            var current = File.ReadAllBytes(path);
            if (current.Length != bytes.Length) return false;
            for (var i = 0; i < bytes.Length; i++)
                if (current[i] != bytes[i]) return false;
            return true;
        }

        private static void RemoveEmptyParents(string root, string removedFile)
        {
            var rootFull = Path.GetFullPath(root);
            for (var dir = Path.GetDirectoryName(removedFile); dir is not null && dir.Length > rootFull.Length; dir = Path.GetDirectoryName(dir))
            {
                if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) return;
                try { Directory.Delete(dir); }
                catch (IOException) { return; }
            }
        }

        /// <summary>
        /// The renames of one write and how to undo them: files set aside (removed or replaced) go into a backup folder
        /// inside DIR, and entries moved in are remembered, so <see cref="Undo"/> puts DIR back as it was.
        /// </summary>
        private sealed class Journal
        {
            private readonly string _root;
            private readonly string _backup;
            private readonly List<string> _setAside = new();
            private readonly List<string> _movedIn = new();

            public Journal(string root)
            {
                _root = root;
                _backup = Path.Combine(root, BackupPrefix + Guid.NewGuid().ToString("N"));
            }

            /// <summary>Moves DIR's file at <paramref name="relative"/> into the backup folder.</summary>
            public void SetAside(string relative)
            {
                var from = Path.Combine(_root, relative);
                var to = Path.Combine(_backup, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                if (Directory.Exists(from)) Directory.Move(from, to);
                else File.Move(from, to);
                _setAside.Add(relative);
            }

            /// <summary>Moves the staged tree into DIR: a whole folder by one rename where DIR has none of that name.</summary>
            public void MoveIn(string staged, string target)
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(staged).ToList())
                {
                    var dest = Path.Combine(target, Path.GetFileName(entry));
                    var isDirectory = Directory.Exists(entry);
                    if (isDirectory && Directory.Exists(dest))
                    {
                        MoveIn(entry, dest);
                        continue;
                    }
                    // A file (or a folder where the new files need one) is in the way: set it aside first.
                    if (File.Exists(dest) || Directory.Exists(dest)) SetAside(Relative(_root, dest));
                    if (isDirectory) Directory.Move(entry, dest);
                    else File.Move(entry, dest);
                    _movedIn.Add(dest);
                }
            }

            /// <summary>Puts DIR back: removes what was moved in, moves back what was set aside.</summary>
            public void Undo()
            {
                for (var i = _movedIn.Count - 1; i >= 0; i--) TryDelete(_movedIn[i]);
                for (var i = _setAside.Count - 1; i >= 0; i--)
                {
                    var from = Path.Combine(_backup, _setAside[i]);
                    var to = Path.Combine(_root, _setAside[i]);
                    try
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                        if (Directory.Exists(from)) Directory.Move(from, to);
                        else File.Move(from, to);
                    }
                    catch (IOException) { }
                    catch (UnauthorizedAccessException) { }
                }
                TryDelete(_backup);
            }

            /// <summary>The swap succeeded: drops what was set aside.</summary>
            public void Commit() => TryDelete(_backup);
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

        /// <summary>
        /// A file's Unix permission bits where the runtime can say (<c>File.GetUnixFileMode</c>, .NET 7 and later; this
        /// library targets netstandard2.0, so it is found by reflection); null elsewhere, and the mode is then left as it is.
        /// </summary>
        private static class UnixMode
        {
            private static readonly MethodInfo? GetUnixFileMode =
                RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });

            public static int? Get(string path)
            {
                if (GetUnixFileMode is null) return null;
                try
                {
                    return Convert.ToInt32(GetUnixFileMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (TargetInvocationException)
                {
                    return null;
                }
            }
        }
    }
}
