using System.Text;
using MailDsl.Topology;

namespace MailDsl.Text
{
    /// <summary>
    /// Values written into URLs (libpq's and SOGo's database URLs, the LDAP and IMAP URLs): each part percent-encoded by RFC
    /// 3986, so no value can end its part or add one (a '&amp;sslmode=disable' stays inside the value it was written in), and an
    /// IPv6 address in brackets, so no reader splits it at the wrong colon.
    /// </summary>
    public static class UriText
    {
        /// <summary>A host as a URL's authority names it: an IPv6 address bracketed (<c>[2001:db8::5]</c>), anything else as is.</summary>
        public static string Host(string host) => Addresses.IsIPv6(host) ? "[" + host + "]" : host;

        /// <summary>
        /// <paramref name="value"/> percent-encoded for a URL's userinfo, path segment or query value: every byte of its UTF-8
        /// but RFC 3986's unreserved characters (letters, digits, <c>- . _ ~</c>) is <c>%XX</c>; with <paramref name="keepSlash"/>,
        /// '/' too stays (a path in a query value, where RFC 3986 allows it).
        /// </summary>
        public static string Component(string value, bool keepSlash = false)
        {
            var text = new StringBuilder(value.Length);
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c is '-' or '.' or '_' or '~' || (keepSlash && c == '/'))
                    text.Append(c);
                else
                    text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }
    }
}
