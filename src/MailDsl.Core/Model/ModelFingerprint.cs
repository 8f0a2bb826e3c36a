using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace MailDsl.Model
{
    /// <summary>
    /// A canonical, deterministic fingerprint of a <see cref="PlatformModel"/> without its origins: the generator
    /// computes it inside the compiler from the model it evaluated and checked, <c>Run(args)</c> computes it from the
    /// model it builds, and equal fingerprints mean run time writes what compile time checked. Both sides run this
    /// very code (the generator compiles Core in), so the serialization is the same byte for byte.
    /// </summary>
    public static class ModelFingerprint
    {
        /// <summary>The serialization's version, part of every fingerprint: bump it when <see cref="Canonical"/> changes.</summary>
        public const string Version = "v1";

        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

        /// <summary>
        /// <c>v1:</c> and the SHA-256 of <see cref="Canonical"/> in lower-case hex. Origins (where values were written)
        /// are not part of it: moving the description in its file changes nothing the platform writes.
        /// </summary>
        /// <param name="model">The platform model.</param>
        public static string Of(PlatformModel model)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(Canonical(model)));
            var s = new StringBuilder(Version.Length + 1 + hash.Length * 2).Append(Version).Append(':');
            foreach (var b in hash) s.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return s.ToString();
        }

        /// <summary>
        /// The model as text: every settable public property of every record, by name in ordinal order, strings
        /// length-prefixed, enums by name, lists with their count. Derived values (<c>Key</c>, <c>DialName</c>) and
        /// <see cref="PlatformModel.Origins"/> are left out. A property added to the model is included without a change here.
        /// </summary>
        /// <param name="model">The platform model.</param>
        public static string Canonical(PlatformModel model)
        {
            var s = new StringBuilder(1024);
            Write(s, model);
            return s.ToString();
        }

        private static void Write(StringBuilder s, object? value)
        {
            switch (value)
            {
                case null:
                    s.Append('~');
                    return;
                case string text:
                    s.Append('"').Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                    return;
                case bool flag:
                    s.Append(flag ? 'T' : 'F');
                    return;
                case int number:
                    s.Append('#').Append(number.ToString(CultureInfo.InvariantCulture));
                    return;
                case Enum e:
                    s.Append('=').Append(e.ToString());
                    return;
                case SourceMap:
                    return;
                case IEnumerable items:
                    s.Append('[');
                    var count = 0;
                    foreach (var item in items)
                    {
                        if (count++ > 0) s.Append(',');
                        Write(s, item);
                    }
                    s.Append(']');
                    return;
            }
            var type = value.GetType();
            s.Append('{').Append(type.FullName);
            foreach (var property in Properties.GetOrAdd(type, Settable))
            {
                s.Append(';').Append(property.Name).Append('=');
                Write(s, property.GetValue(value));
            }
            s.Append('}');
        }

        private static PropertyInfo[] Settable(Type type)
            => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(SourceMap))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToArray();
    }
}
