using System.IO;

namespace MailDsl.Hosting
{
    /// <summary>The <c>ciphers STRING</c> verb: the suites a cipher string selects, as OpenSSL 3.0 would list them.</summary>
    internal static class CiphersVerb
    {
        public static int Run(string cipherString, TextWriter stdout, TextWriter stderr)
        {
            // Filled in by the cipher-string engine (Core/Tls).
            stderr.WriteLine("ciphers: not available yet");
            return 1;
        }
    }
}
