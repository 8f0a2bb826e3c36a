using System.Linq;
using MailDsl.Fleet;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Core.Tests.Topology
{
    /// <summary>
    /// The directory and database hops, as the emitted README lists and draws them: LDAPS from every layer to each domain
    /// controller the description names, and SOGo to its database, with their TLS and verification as the files configure.
    /// </summary>
    public class DirectoryHopTests
    {
        [Fact]
        public void Every_layer_reads_each_domain_controller_over_verified_ldaps_and_the_readme_says_so()
        {
            var model = GuidePlatform.Describe().Build();
            var servers = model.Directory!.Ldap!.Servers;
            var hops = PlatformHops.Of(model).Where(h => h.To == HopEnd.Directory).ToList();
            // The balancers read no directory: HAProxy and keepalived know no users.
            var layers = PlatformTopology.Of(model).Layers.Where(l => l is not BalancerLayer).Select(l => l.Key).ToList();
            Assert.Contains(PlatformTopology.Of(model).Layers, l => l is BalancerLayer);

            Assert.Equal(layers.Count * servers.Count, hops.Count);
            foreach (var layer in layers)
                foreach (var server in servers)
                {
                    var hop = Assert.Single(hops, h => h.From.Key == layer && h.Dials == server.Host);
                    Assert.Equal(("LDAPS", server.Port, HopTls.ImplicitTls, HopVerification.Verified), (hop.Protocol, hop.Port, hop.Tls, hop.Verification));
                    Assert.False(hop.BetweenLayers);
                }

            var readme = FleetRenderer.RenderReadme(PlatformTopology.Of(model));
            Assert.Contains($"| webmail | the directory | LDAPS | 636 | {servers[0].Host} | TLS | certificate verified | users, logins and recipients |", readme);
            Assert.Contains("directory[(\"the directory\")]", readme);
        }

        [Fact]
        public void Sogos_database_hop_has_the_tls_and_verification_its_connection_asks_for()
        {
            var model = GuidePlatform.Describe().Build();
            var db = model.Webmail!.Database!;
            var hop = Assert.Single(PlatformHops.Of(model), h => h.To == HopEnd.Database);
            Assert.Equal((HopEnd.Of(model.Webmail).Key, db.Host, db.Port), (hop.From.Key, hop.Dials, hop.Port));
            Assert.Equal(db.Tls == DatabaseTls.VerifyFull ? HopVerification.Verified : db.Tls == DatabaseTls.Required ? HopVerification.NotVerified : HopVerification.NoTls, hop.Verification);

            var unverified = GuidePlatform.Describe().Webmail(w => w.Database(d => d.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db")).Tls(DatabaseTls.Required))).Build();
            var plain = Assert.Single(PlatformHops.Of(unverified), h => h.To == HopEnd.Database);
            Assert.Equal(("PostgreSQL", "db.example.org", HopTls.RequiredStartTls, HopVerification.NotVerified), (plain.Protocol, plain.Dials, plain.Tls, plain.Verification));
            Assert.Contains("| webmail | SOGo's database | PostgreSQL | 5432 | db.example.org | STARTTLS (required) | certificate not verified | SOGo's profiles, folders and sessions |",
                FleetRenderer.RenderReadme(PlatformTopology.Of(unverified)));
        }
    }
}
