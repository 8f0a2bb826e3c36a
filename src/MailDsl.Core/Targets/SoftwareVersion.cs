using System;
using System.Globalization;

namespace MailDsl.Targets
{
    /// <summary>A daemon's or library's version as <c>major.minor.patch</c>, ordered numerically (3.10 after 3.9).</summary>
    /// <param name="Major">The major version.</param>
    /// <param name="Minor">The minor version.</param>
    /// <param name="Patch">The patch level (0 when unknown or irrelevant).</param>
    public readonly record struct SoftwareVersion(int Major, int Minor, int Patch = 0) : IComparable<SoftwareVersion>
    {
        /// <inheritdoc/>
        public int CompareTo(SoftwareVersion other)
            => Major != other.Major ? Major.CompareTo(other.Major)
             : Minor != other.Minor ? Minor.CompareTo(other.Minor)
             : Patch.CompareTo(other.Patch);

        /// <summary>Whether this version is <paramref name="other"/> or newer.</summary>
        public bool AtLeast(SoftwareVersion other) => CompareTo(other) >= 0;

        /// <summary>Whether this version is at least <paramref name="major"/>.<paramref name="minor"/>.</summary>
        public bool AtLeast(int major, int minor, int patch = 0) => AtLeast(new SoftwareVersion(major, minor, patch));

        /// <summary>Reads <c>2.4</c>, <c>2.4.1</c> or <c>3.10.13</c>; null when <paramref name="text"/> is not such a version.</summary>
        public static SoftwareVersion? TryParse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var parts = text!.Split('.');
            if (parts.Length < 2 || parts.Length > 3) return null;
            var numbers = new int[3];
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i].Length == 0 || parts[i].Length > 6) return null;
                foreach (var c in parts[i]) if (c < '0' || c > '9') return null;
                numbers[i] = int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            return new SoftwareVersion(numbers[0], numbers[1], numbers[2]);
        }

        /// <summary><c>major.minor.patch</c>.</summary>
        public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture) + "." + Patch.ToString(CultureInfo.InvariantCulture);

        /// <summary><c>major.minor</c>, how releases are usually named (Dovecot 2.4, OpenSSL 3.5).</summary>
        public string MajorMinor => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);

        /// <summary>Orders versions.</summary>
        public static bool operator <(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) < 0;
        /// <summary>Orders versions.</summary>
        public static bool operator >(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) > 0;
        /// <summary>Orders versions.</summary>
        public static bool operator <=(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) <= 0;
        /// <summary>Orders versions.</summary>
        public static bool operator >=(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) >= 0;
    }
}
