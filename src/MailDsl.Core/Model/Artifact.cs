using System;

namespace MailDsl.Model
{
    /// <summary>One file a host needs: where it goes, who may read it, and its text.</summary>
    /// <param name="Host">The host it belongs to (a fully qualified name from the platform).</param>
    /// <param name="Path">Its absolute path on the host, e.g. <c>/etc/nginx/conf.d/sogo.conf</c>.</param>
    /// <param name="Mode">Unix permission bits, e.g. <c>0x1A4</c> (octal 644); see <see cref="ModeText"/>.</param>
    /// <param name="Content">The file's text, LF line endings.</param>
    public sealed record Artifact(string Host, string Path, int Mode, string Content)
    {
        /// <summary>The mode as four octal digits, e.g. <c>0644</c>.</summary>
        public string ModeText => Convert.ToString(Mode, 8).PadLeft(4, '0');

        /// <summary>Octal 0644: readable by all, written by root.</summary>
        public const int ReadableMode = 420;

        /// <summary>Octal 0755: an executable script.</summary>
        public const int ExecutableMode = 493;

        /// <summary>Octal 0640: readable by root and the file's group only (a daemon's file that may hold a secret).</summary>
        public const int GroupReadableMode = 416;

        /// <summary>The file's group on the host (its owner is always root); <c>root</c> unless a daemon must read a 0640 file.</summary>
        public string Group { get; init; } = "root";
    }
}
