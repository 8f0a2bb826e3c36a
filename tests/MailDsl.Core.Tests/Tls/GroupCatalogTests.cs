using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailDsl.Targets;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>The key-exchange group catalogues against the real openssl of Debian 12 (3.0) and the Debian 13 root (3.5).</summary>
    public class GroupCatalogTests
    {
        /// <summary>A loopback port nothing listens on: s_client sets its groups (or refuses them) before it connects.</summary>
        private static int ClosedPort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        /// <summary>Whether the binary's SSL_CTX_set1_groups_list takes <paramref name="list"/> (what nginx and Dovecot hand it).</summary>
        private static bool Accepts(OpenSslCli openssl, string list, int port)
        {
            var (_, _, err) = openssl.Run("s_client", "-groups", list, "-connect", "127.0.0.1:" + port, "-tls1_2");
            return !err.Contains("SSL_CONF_cmd", StringComparison.Ordinal) && !err.Contains("cannot be set", StringComparison.Ordinal);
        }

        [OpenSslFact(OpenSslTarget.Debian12)]
        public void Debian_12_takes_every_name_its_catalogue_lists_and_refuses_the_PQ_group() => TakesItsNames(OpenSslCli.Debian12);

        [OpenSslFact(OpenSslTarget.Debian13)]
        public void Debian_13_takes_every_name_its_catalogue_lists_and_lists_nothing_else() => TakesItsNames(OpenSslCli.Debian13);

        private static void TakesItsNames(OpenSslCli openssl)
        {
            var catalog = openssl.Groups;
            Assert.Equal(Provenance.Seen, catalog.Provenance);
            // The release series the catalogue serves; the names below are what is compared.
            Assert.Equal(openssl.Version.MajorMinor, catalog.Version.MajorMinor);
            var port = ClosedPort();
            foreach (var name in catalog.Groups.SelectMany(g => g.AllNames))
                Assert.True(Accepts(openssl, name, port), $"{openssl.Target}'s openssl refuses '{name}'");
            foreach (var name in new[] { "X25519MLKEM768", "SecP256r1MLKEM768", "brainpoolP256r1tls13", "MLKEM768", "SECP256R1", "nosuchgroup" })
                Assert.Equal(catalog.Find(name) is not null, Accepts(openssl, name, port));
            Assert.Equal(catalog.RejectsDuplicates, !Accepts(openssl, "x25519:X25519", port));
            Assert.Equal(catalog.AcceptsOptionalPrefix, Accepts(openssl, "?nosuchgroup:x25519", port));

            // What the profile's list becomes on this OpenSSL is a list it takes; the list as published only from 3.5.
            var published = string.Join(":", GuidelineProfiles.TlsRef60Intermediate.RecommendedGroups);
            Assert.True(Accepts(openssl, string.Join(":", catalog.Filter(GuidelineProfiles.TlsRef60Intermediate.RecommendedGroups)), port));
            Assert.Equal(catalog.Version.AtLeast(3, 5), Accepts(openssl, published, port));

            // 3.5 lists its TLS groups itself (3.0's `openssl list` has no -tls-groups): each is in the catalogue.
            if (catalog.Version.AtLeast(3, 5))
            {
                var (code, listed, _) = openssl.Run("list", "-tls-groups");
                Assert.Equal(0, code);
                Assert.All(listed.Split(':'), n => Assert.NotNull(catalog.Find(n)));
            }
        }

        [OpenSslFact(OpenSslTarget.Debian12)]
        public void Debian_12_handshakes_use_each_group_where_the_catalogue_says() => HandshakesAgree(OpenSslCli.Debian12, "x25519", "secp256r1", "ffdhe2048", "brainpoolP256r1");

        [OpenSslFact(OpenSslTarget.Debian13)]
        public void Debian_13_handshakes_use_each_group_where_the_catalogue_says() => HandshakesAgree(OpenSslCli.Debian13, "X25519MLKEM768", "x25519", "secp256r1", "ffdhe2048", "brainpoolP256r1tls13");

        /// <summary>
        /// A PSK server (no certificate needed) offering these groups at security level 0, and a client offering one group
        /// at a time: TLS 1.2 with ECDHE-PSK suites only, then TLS 1.3. The handshake completes exactly where the
        /// catalogue says the group serves that protocol.
        /// </summary>
        private static void HandshakesAgree(OpenSslCli openssl, params string[] groups)
        {
            const string psk = "000102030405060708090a0b0c0d0e0f";
            var port = ClosedPort();
            var psi = new ProcessStartInfo(openssl.Root is null ? "openssl" : "chroot") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (openssl.Root is not null) { psi.ArgumentList.Add(openssl.Root); psi.ArgumentList.Add("/usr/bin/openssl"); }
            foreach (var a in new[] { "s_server", "-accept", "127.0.0.1:" + port, "-nocert", "-psk", psk, "-psk_identity", "probe",
                         "-cipher", "kECDHEPSK:@SECLEVEL=0", "-groups", string.Join(":", groups), "-quiet" })
                psi.ArgumentList.Add(a);
            using var server = Process.Start(psi)!;
            try
            {
                WaitForPort(port, server);
                foreach (var name in groups)
                {
                    var g = openssl.Groups.Find(name)!;
                    foreach (var (flag, expected) in new[] { ("-tls1_2", g.Tls12), ("-tls1_3", g.Tls13) })
                    {
                        var (_, stdout, stderr) = openssl.Run("s_client", "-connect", "127.0.0.1:" + port, flag, "-psk", psk, "-psk_identity", "probe",
                            "-groups", name, "-cipher", "kECDHEPSK:@SECLEVEL=0");
                        var cipher = Regex.Match(stdout, @"Cipher is (\S+)");
                        var completed = cipher.Success && cipher.Groups[1].Value != "(NONE)";
                        Assert.True(completed == expected, $"{openssl.Target} {name} {flag}: catalogue says {expected}, handshake {(completed ? "completed" : "failed")}\n{stdout}\n{stderr}");
                    }
                }
            }
            finally
            {
                if (!server.HasExited) server.Kill(entireProcessTree: true);
            }
        }

        private static void WaitForPort(int port, Process server)
        {
            for (var i = 0; i < 100; i++)
            {
                if (server.HasExited) throw new InvalidOperationException("s_server exited: " + server.StandardError.ReadToEnd());
                try
                {
                    using var c = new TcpClient();
                    c.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }
            throw new TimeoutException("s_server did not listen on " + port);
        }

        [Fact]
        public void The_reasoned_32_catalogue_is_30s_groups_with_the_tls13_brainpool_ones()
        {
            var c = GroupCatalog.OpenSsl32;
            Assert.Equal(Provenance.Reasoned, c.Provenance);
            Assert.Null(c.Find("X25519MLKEM768"));
            Assert.NotNull(c.Find("brainpoolP256r1tls13"));
            Assert.Equal(GroupCatalog.OpenSsl30.Groups.Count + 3, c.Groups.Count);
            Assert.True(c.RejectsDuplicates);
            Assert.False(c.NamesIgnoreCase);
            Assert.Equal(GroupKind.Hybrid, GroupCatalog.OpenSsl35.Find("X25519MLKEM768")!.Kind);
            Assert.Equal(GroupKind.FiniteField, GroupCatalog.OpenSsl35.Find("ffdhe2048")!.Kind);
            Assert.True(GroupCatalog.OpenSsl30.Find("P-256")!.IsP256);
        }
    }
}
