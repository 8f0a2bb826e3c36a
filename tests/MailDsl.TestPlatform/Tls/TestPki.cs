using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Tls;

/// <summary>
/// A test CA with an intermediate, made by openssl in a folder of its own, issuing server certificates the way a public CA
/// does (the root signs the intermediate, the intermediate signs the servers): what the certificate checks, the renewal
/// hooks and the DNS records are proven on.
/// </summary>
public sealed class TestPki
{
    private int _serial;

    private TestPki(string folder) => Folder = folder;

    /// <summary>The folder holding every file.</summary>
    public string Folder { get; }

    /// <summary>The root CA's certificate: the platform's CA.</summary>
    public string RootCertificate => Path.Combine(Folder, "root.crt");

    /// <summary>The intermediate's certificate.</summary>
    public string IntermediateCertificate => Path.Combine(Folder, "intermediate.crt");

    /// <summary>Makes a root and an intermediate (RSA 2048, ten years) in <paramref name="folder"/>.</summary>
    public static TestPki Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var pki = new TestPki(folder);
        pki.Openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pki.File("root.key"), "-out", pki.RootCertificate, "-days", "3650",
            "-subj", "/CN=MailDsl Test Root", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        pki.Openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", pki.File("intermediate.key"), "-out", pki.File("intermediate.csr"), "-subj", "/CN=MailDsl Test Intermediate");
        System.IO.File.WriteAllText(pki.File("intermediate.ext"), "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n");
        pki.Openssl("x509", "-req", "-in", pki.File("intermediate.csr"), "-CA", pki.RootCertificate, "-CAkey", pki.File("root.key"), "-set_serial", "2",
            "-days", "3650", "-extfile", pki.File("intermediate.ext"), "-out", pki.IntermediateCertificate);
        return pki;
    }

    /// <summary>
    /// Issues a server certificate named <paramref name="name"/> (its key and files prefixed so) for <paramref name="names"/>:
    /// <c>NAME.crt</c> (the server's certificate then the intermediate, as a server sends it), <c>NAME.leaf.crt</c> (alone),
    /// <c>NAME.key</c> (0600). With <paramref name="days"/> negative it has already expired.
    /// </summary>
    /// <param name="name">The files' name.</param>
    /// <param name="names">The DNS names it covers (the first is its subject).</param>
    /// <param name="ecdsa">A P-256 key instead of RSA 2048.</param>
    /// <param name="days">Days of validity from now (negative: expired).</param>
    /// <param name="key">An existing key to certify again (a renewal that keeps the key), or null for a new one.</param>
    /// <returns>The chain's path.</returns>
    public string Issue(string name, IReadOnlyList<string> names, bool ecdsa = false, int days = 90, string? key = null)
    {
        var keyFile = File(name + ".key");
        if (key is null)
            Openssl(ecdsa ? new[] { "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyFile } : new[] { "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyFile });
        else if (!string.Equals(Path.GetFullPath(key), Path.GetFullPath(keyFile), StringComparison.Ordinal)) System.IO.File.Copy(key, keyFile, overwrite: true);
        Openssl("req", "-new", "-key", keyFile, "-out", File(name + ".csr"), "-subj", "/CN=" + names[0]);
        System.IO.File.WriteAllText(File(name + ".ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
            + "subjectAltName=" + string.Join(",", names.Select(n => "DNS:" + n)) + "\n");
        var serial = (Interlocked.Increment(ref _serial) + 1000 + Environment.TickCount64 % 100000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Openssl("x509", "-req", "-in", File(name + ".csr"), "-CA", IntermediateCertificate, "-CAkey", File("intermediate.key"), "-set_serial", serial,
            "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "-extfile", File(name + ".ext"), "-out", File(name + ".leaf.crt"));
        System.IO.File.WriteAllText(File(name + ".crt"), System.IO.File.ReadAllText(File(name + ".leaf.crt")) + System.IO.File.ReadAllText(IntermediateCertificate));
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return File(name + ".crt");
    }

    /// <summary>The path of <paramref name="name"/> in the folder.</summary>
    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>The serial number of the first certificate in <paramref name="chain"/>, as openssl prints it (hex).</summary>
    public static string Serial(string chain)
    {
        var result = Command.Run("openssl", new[] { "x509", "-in", chain, "-noout", "-serial" });
        if (!result.Succeeded) throw new InvalidOperationException(result.ToString());
        return result.Output.Trim().Split('=')[1];
    }

    /// <summary>
    /// The TLSA 3 1 1 value of the first certificate in <paramref name="chain"/>, as RFC 6698 defines it and openssl computes it:
    /// <c>openssl x509 -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256</c>.
    /// </summary>
    public static string Tlsa311(string chain)
    {
        var result = Command.Run("bash", new[] { "-c", "set -o pipefail; openssl x509 -in \"$1\" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 | sed 's/^.*= //'", "tlsa", chain });
        if (!result.Succeeded) throw new InvalidOperationException(result.ToString());
        return result.Output.Trim();
    }

    private void Openssl(params string[] args)
    {
        var result = Command.Run("openssl", args);
        if (!result.Succeeded) throw new InvalidOperationException("openssl " + string.Join(" ", args) + ":\n" + result);
    }
}
