using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Tls;

/// <summary>The test platforms' certificate: self-signed, so it is the platform's CA too.</summary>
public static class TestCertificate
{
    /// <summary>
    /// Makes an RSA 2048 certificate and key (mode 0600) for <paramref name="names"/> (the first is its subject) and
    /// <paramref name="addresses"/>, valid for a year. RSA, so that a static-RSA or CBC suite being refused is the
    /// configuration's doing, not the key type's.
    /// </summary>
    public static void Make(string certificateFile, string keyFile, IEnumerable<string> names, IEnumerable<string> addresses)
    {
        var all = names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(certificateFile)!);
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        var made = Command.Run("openssl", new[]
        {
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certificateFile, "-days", "365",
            // Like a CA-issued certificate, it says where its revocation list is (scanners flag one that does not).
            "-addext", "crlDistributionPoints=URI:http://pki." + all[0] + "/allservers.crl",
            "-subj", "/CN=" + all[0],
            // Every name and every address clients dial, so a scanner and every daemon can check the name too.
            "-addext", "subjectAltName=" + string.Join(",", all.Select(n => "DNS:" + n).Concat(addresses.Distinct().Select(a => "IP:" + a))),
        });
        if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the test certificate:\n" + made);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
