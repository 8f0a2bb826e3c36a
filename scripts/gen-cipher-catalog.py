#!/usr/bin/env python3
"""Writes one OpenSSL catalogue (src/MailDsl.Core/Tls/Catalog/OpenSslNN.g.cs) from a real OpenSSL binary.

Every fact comes from the binary itself, never from memory:
  - the TLS 1.2-and-below suites: `openssl ciphers -V` for ids and algorithms, `-stdname` for IANA names,
    membership in HIGH, MEDIUM, LOW, FIPS and COMPLEMENTOFDEFAULT for the strength flags, and OpenSSL's own
    preference order for 'ALL:COMPLEMENTOFALL' (which the engine's default-ordering pass leaves unchanged);
  - each suite's strength bits (what @STRENGTH sorts by): the key size, except where the binary's security
    levels say otherwise (a suite listed by `-s` at @SECLEVEL=0 but not at @SECLEVEL=1 has fewer than 80 bits:
    OpenSSL 3.2+ gives its CCM8 suites 64); the result is checked against the binary's own @STRENGTH order;
  - the TLS 1.3 suites it lists by default and those `-ciphersuites` accepts;
  - whether cipher strings accept IANA names (OpenSSL 3.2+);
  - the key-exchange groups `-groups` accepts, each one's TLS code point (read from a ClientHello with
    `s_client -trace`), and whether a TLS 1.2 ECDHE handshake and a TLS 1.3 handshake complete with it
    (PSK handshakes on loopback, so no certificate or file is needed), at @SECLEVEL=0 so the group itself is
    what is tested; whether group names ignore case (OpenSSL 3.5), whether a list naming one group twice
    is refused (OpenSSL 3.0), and whether a '?' in front of a name makes an unknown name harmless (3.3+).

Usage (root is needed for chroot):
  python3 scripts/gen-cipher-catalog.py > src/MailDsl.Core/Tls/Catalog/OpenSsl30.g.cs
  python3 scripts/gen-cipher-catalog.py --root /var/cache/maildsl/debian13 > src/MailDsl.Core/Tls/Catalog/OpenSsl35.g.cs
  python3 scripts/gen-cipher-catalog.py --openssl "/opt/openssl-3.2/bin/openssl" > ...
"""
import argparse, re, shlex, socket, subprocess, sys, threading, time

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--root", help="a root directory whose openssl to run with chroot (e.g. the Debian 13 root)")
ap.add_argument("--openssl", default="openssl", help="the openssl command (default: openssl on PATH)")
ap.add_argument("--port", type=int, default=44391, help="first of two loopback ports for the group probes")
args = ap.parse_args()

OPENSSL = (["chroot", args.root] if args.root else []) + shlex.split(args.openssl)
DESCRIBED = ("chroot " + args.root + " " if args.root else "") + args.openssl


def run(*argv, stdin=""):
    r = subprocess.run(OPENSSL + list(argv), capture_output=True, text=True, input=stdin, timeout=30)
    return r.returncode, r.stdout, r.stderr


def ciphers(*argv):
    code, out, _ = run("ciphers", *argv)
    return out if code == 0 else ""


def names(s):
    out = ciphers("--", s).strip()
    return set(out.split(":")) if out else set()


version_text = run("version")[1].strip()
m = re.match(r"OpenSSL (\d+)\.(\d+)\.(\d+)", version_text)
if not m:
    sys.exit("not an OpenSSL binary: " + version_text)
major, minor, patch = (int(x) for x in m.groups())
ident = f"OpenSsl{major}{minor}"

# ---- TLS 1.2-and-below suites -------------------------------------------------------------------------------
KX = {"RSA": "Rsa", "DH": "Dhe", "ECDH": "Ecdhe", "PSK": "Psk", "RSAPSK": "RsaPsk",
      "ECDHEPSK": "EcdhePsk", "DHEPSK": "DhePsk", "SRP": "Srp"}
AU = {"RSA": "Rsa", "DSS": "Dss", "None": "Null", "ECDSA": "Ecdsa", "PSK": "Psk", "SRP": "Srp"}
ENC = {"AES(128)": "Aes128", "AES(256)": "Aes256", "AESGCM(128)": "Aes128Gcm", "AESGCM(256)": "Aes256Gcm",
       "AESCCM(128)": "Aes128Ccm", "AESCCM(256)": "Aes256Ccm", "AESCCM8(128)": "Aes128Ccm8",
       "AESCCM8(256)": "Aes256Ccm8", "ARIAGCM(128)": "Aria128Gcm", "ARIAGCM(256)": "Aria256Gcm",
       "CHACHA20/POLY1305(256)": "ChaCha20Poly1305", "Camellia(128)": "Camellia128",
       "Camellia(256)": "Camellia256", "None": "Null", "3DES(168)": "TripleDes", "DES(56)": "Des",
       "RC4(128)": "Rc4", "SEED(128)": "Seed", "IDEA(128)": "Idea"}
MAC = {"MD5": "Md5", "SHA1": "Sha1", "SHA256": "Sha256", "SHA384": "Sha384", "AEAD": "Aead"}
VER = {"SSLv3": "Ssl3", "TLSv1": "Tls1", "TLSv1.2": "Tls12"}

high, medium, low = names("HIGH"), names("MEDIUM"), names("LOW")
fips, notdefault = names("FIPS"), names("COMPLEMENTOFDEFAULT")
std = {}
for line in ciphers("-stdname", "-V", "ALL:COMPLEMENTOFALL").splitlines():
    sm = re.match(r"\s*(0x..,0x..)\s+-\s+(\S+)\s+-\s+(\S+)", line)
    if sm:
        std[sm.group(3)] = sm.group(2)


def supported(level):
    out = ciphers("-s", "-psk", "-srp", f"ALL:COMPLEMENTOFALL:@SECLEVEL={level}").strip()
    return set(out.split(":")) if out else set()


below80 = supported(0) - supported(1)

suites, tls13_default = [], []
for line in ciphers("-V", "ALL:COMPLEMENTOFALL").splitlines():
    f = line.split()
    code_text, name, ver = f[0], f[2], f[3]
    if ver == "TLSv1.3":
        tls13_default.append(name)
        continue  # TLS 1.3 suites are not part of the cipher-string language
    kx, au, enc, mac = (x.split("=", 1)[1] for x in f[4:8])
    hi, lo = code_text.split(",")
    code = (int(hi, 16) << 8) | int(lo, 16)
    bits = int(re.search(r"\((\d+)\)", enc).group(1)) if "(" in enc else 0
    strength_bits = 112 if enc == "3DES(168)" else bits
    # Fewer than 80 bits by the binary's own security levels (anonymous and unencrypted suites fail level 1 for
    # other reasons). OpenSSL's s3_lib.c gives these CCM8 suites 64 bits; the @STRENGTH check below confirms it.
    if name in below80 and au != "None" and enc != "None":
        strength_bits = 64
    flags = []
    if enc == "None": flags.append("None")
    if name in low: flags.append("Low")
    if name in medium: flags.append("Medium")
    if name in high: flags.append("High")
    if name in fips: flags.append("Fips")
    if name in notdefault: flags.append("NotDefault")
    suites.append(dict(code=code, name=name, iana=std.get(name, ""), ver=VER[ver], kx=KX[kx], au=AU[au],
                       enc=ENC[enc], bits=bits, sbits=strength_bits, mac=MAC[mac],
                       strength=" | ".join("CipherStrength." + x for x in flags) or "0"))

# The binary's @STRENGTH order must be the stable sort of its own order by the strength bits chosen above.
expected = [s["name"] for s in sorted(suites, key=lambda s: -s["sbits"])]
seen = [n for n in ciphers("ALL:COMPLEMENTOFALL:@STRENGTH").strip().split(":") if not n.startswith("TLS_")]
if expected != seen:
    sys.exit("strength bits disagree with the binary's @STRENGTH order; teach the script before writing a catalogue")

# ---- TLS 1.3 suites ---------------------------------------------------------------------------------------------
TLS13_CANDIDATES = ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
                    "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256", "TLS_SHA256_SHA256", "TLS_SHA384_SHA384",
                    "TLS_SM4_GCM_SM3", "TLS_SM4_CCM_SM3"]
tls13_all = [c for c in TLS13_CANDIDATES if run("ciphers", "-ciphersuites", c, "ALL")[0] == 0]

accepts_iana = run("ciphers", "--", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")[0] == 0

# ---- key-exchange groups --------------------------------------------------------------------------------------
GROUP_CANDIDATES = """
    x25519 X25519 x448 X448 secp256r1 P-256 prime256v1 secp384r1 P-384 secp521r1 P-521 secp192r1 P-192
    prime192v1 secp224r1 P-224 secp160k1 secp160r1 secp160r2 secp192k1 secp224k1 secp256k1
    sect163k1 sect163r1 sect163r2 sect193r1 sect193r2 sect233k1 sect233r1 sect239k1 sect283k1 sect283r1
    sect409k1 sect409r1 sect571k1 sect571r1 brainpoolP256r1 brainpoolP384r1 brainpoolP512r1
    brainpoolP256r1tls13 brainpoolP384r1tls13 brainpoolP512r1tls13
    ffdhe2048 ffdhe3072 ffdhe4096 ffdhe6144 ffdhe8192
    MLKEM512 MLKEM768 MLKEM1024 X25519MLKEM768 SecP256r1MLKEM768 SecP384r1MLKEM1024
    X25519Kyber768Draft00 GC256A GC256B GC256C GC256D GC512A GC512B GC512C
""".split()
code, listed, _ = run("list", "-all-tls-groups")
extra = [g for g in listed.strip().split(":") if g] if code == 0 else []
candidates = list(dict.fromkeys(GROUP_CANDIDATES + extra))


class Sink(threading.Thread):
    """A loopback port that accepts and closes: s_client sends its ClientHello there, and -trace shows it."""
    def __init__(self, port):
        super().__init__(daemon=True)
        self.s = socket.socket()
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.s.bind(("127.0.0.1", port))
        self.s.listen(64)

    def run(self):
        while True:
            try:
                c, _ = self.s.accept()
            except OSError:
                return
            time.sleep(0.05)
            c.close()


sink_port, server_port = args.port, args.port + 1
Sink(sink_port).start()


def group_list_accepted(groups):
    _, _, err = run("s_client", "-groups", groups, "-connect", f"127.0.0.1:{sink_port}", "-tls1_2")
    return "SSL_CONF_cmd" not in err and "cannot be set" not in err


def code_point(group):
    for extra_args in ([], ["-tls1_2"]):
        _, out, _ = run("s_client", "-groups", group, "-connect", f"127.0.0.1:{sink_port}", "-trace",
                        "-cipher", "ALL:@SECLEVEL=0", *extra_args)
        block = out.split("supported_groups(10)", 1)
        if len(block) == 2:
            ids = re.findall(r"\((\d+)\)\s*$", block[1].split("extension_type=", 1)[0], re.M)
            if len(ids) == 1:
                return int(ids[0])
    return None


accepted = [g for g in candidates if group_list_accepted(g)]
by_id = {}
for g in accepted:
    cp = code_point(g)
    if cp is None:
        sys.exit(f"accepted group {g} sent no single supported_groups entry; teach the script")
    by_id.setdefault(cp, []).append(g)


def canonical(names_):
    # The candidates list each group's IANA spelling first (x25519 before X25519, secp256r1 before P-256).
    return names_[0]


groups = {cp: (canonical(ns), [n for n in ns if n != canonical(ns)]) for cp, ns in sorted(by_id.items())}
ignore_case = group_list_accepted("SECP256R1")
rejects_duplicates = not group_list_accepted("x25519:X25519")
optional_prefix = group_list_accepted("?nosuchgroup:x25519")

PSK = "000102030405060708090a0b0c0d0e0f"
server = subprocess.Popen(OPENSSL + ["s_server", "-accept", f"127.0.0.1:{server_port}", "-nocert", "-psk", PSK,
                                     "-psk_identity", "probe", "-cipher", "kECDHEPSK:@SECLEVEL=0",
                                     "-groups", ":".join(n for n, _ in groups.values()), "-quiet"],
                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
time.sleep(1)
if server.poll() is not None:
    sys.exit("s_server did not start: " + server.stderr.read())


def completes(group, version):
    _, out, _ = run("s_client", "-connect", f"127.0.0.1:{server_port}", version, "-psk", PSK, "-psk_identity", "probe",
                    "-groups", group, "-cipher", "kECDHEPSK:@SECLEVEL=0")
    cm = re.search(r"Cipher is (\S+)", out)
    return bool(cm) and cm.group(1) != "(NONE)"


usable = {cp: (completes(n, "-tls1_2"), completes(n, "-tls1_3")) for cp, (n, _) in groups.items()}
server.terminate()
server.wait()

# ---- output ---------------------------------------------------------------------------------------------------
def strings(xs):
    return ", ".join(f'"{x}"' for x in xs)


print(f"// Generated by scripts/gen-cipher-catalog.py from `{DESCRIBED}` ({version_text}); edit the script, not this file.")
print("namespace MailDsl.Tls.Catalog\n{")
print(f"    /// <summary>What {version_text.split(' (')[0]} (`{DESCRIBED}`) reported about itself: seen, not reasoned.</summary>")
print(f"    internal static class {ident}Data\n    {{")
print(f'        public const string Source = "`{DESCRIBED}`: {version_text}";\n')
print(f"        public static readonly Targets.SoftwareVersion Version = new({major}, {minor}, {patch});\n")
print("        public static readonly CipherSuite[] Suites =\n        {")
for s in suites:
    print(f'            new(0x{s["code"]:04X}, "{s["name"]}", "{s["iana"]}", CipherProtocol.{s["ver"]}, KeyExchange.{s["kx"]}, '
          f'Authentication.{s["au"]}, Encryption.{s["enc"]}, {s["bits"]}, {s["sbits"]}, MacAlgorithm.{s["mac"]}, {s["strength"]}),')
print("        };\n")
print(f"        public static readonly string[] DefaultTls13Suites = {{ {strings(tls13_default)} }};\n")
print(f"        public static readonly string[] AllTls13Suites = {{ {strings(tls13_all)} }};\n")
print(f"        public const bool AcceptsIanaNames = {str(accepts_iana).lower()};\n")
print(f"        public const bool GroupNamesIgnoreCase = {str(ignore_case).lower()};\n")
print(f"        public const bool RejectsDuplicateGroups = {str(rejects_duplicates).lower()};\n")
print(f"        public const bool OptionalGroupPrefix = {str(optional_prefix).lower()};\n")
print("        public static readonly KeyExchangeGroup[] Groups =\n        {")
for cp, (n, aliases) in groups.items():
    t12, t13 = usable[cp]
    print(f'            new({cp}, "{n}", new string[] {{ {strings(aliases)} }}, Tls12: {str(t12).lower()}, Tls13: {str(t13).lower()}),')
print("        };\n    }\n}")
