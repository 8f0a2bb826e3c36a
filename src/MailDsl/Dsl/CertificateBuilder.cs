using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// What else a certificate has beside its chain and key: a second chain of another key type served beside it, and the
    /// ACME client that renews it on the hosts.
    /// </summary>
    public sealed class CertificateBuilder
    {
        private readonly OriginRecorder _origins;
        private readonly CertificateKeys _key;

        internal CertificateBuilder(OriginRecorder origins, CertificateKeys key, CertificatePaths paths)
        {
            _origins = origins;
            _key = key;
            Paths = paths;
        }

        internal CertificatePaths Paths { get; private set; }

        /// <summary>
        /// Serves a second chain of another key type beside the first (ECDSA beside RSA): Postfix lists both in
        /// <c>smtpd_tls_chain_files</c>, Dovecot reads it as its alternative certificate, nginx as a second
        /// <c>ssl_certificate</c>, and each client gets the one it can verify.
        /// </summary>
        /// <param name="certificateFile">Grammar: an absolute path on the hosts of a PEM chain (server certificate, then intermediates).</param>
        /// <param name="keyFile">Grammar: an absolute path on the hosts of its PEM private key.</param>
        public CertificateBuilder Alternative([ValueGrammar(ValueKind.Path)] string certificateFile, [ValueGrammar(ValueKind.Path)] string keyFile)
        {
            _origins.Call(_key.Alternative);
            _origins.Argument(_key.Alternative.File, 0);
            _origins.Argument(_key.Alternative.Key, 1);
            Paths = Paths with { Alternative = new CertificatePaths(certificateFile, keyFile) };
            return this;
        }

        /// <summary>
        /// The certificate is renewed by certbot as the lineage <paramref name="lineage"/>: a deploy hook
        /// (<c>/etc/letsencrypt/renewal-hooks/deploy/maildsl.sh</c>) installs each renewal at the certificate's paths,
        /// checked and atomically, rebuilds what embeds it and reloads exactly the daemons that use it.
        /// </summary>
        /// <param name="lineage">Grammar: certbot's certificate name, the folder under <c>/etc/letsencrypt/live/</c>: a DNS name (certbot names a lineage after the certificate's first name), as the hook matches it against <c>$RENEWED_LINEAGE</c> and writes it into paths.</param>
        /// <param name="reuseKey">Whether certbot runs with <c>--reuse-key</c> (keeps the key: the TLSA records stay valid).</param>
        public CertificateBuilder RenewedByCertbot([ValueGrammar(ValueKind.DnsName)] string lineage, bool reuseKey = true)
        {
            _origins.Call(_key.Renewal);
            _origins.Argument(_key.Renewal.Name, 0);
            _origins.Argument(_key.Renewal.ReuseKey, 1);
            Paths = Paths with { Renewal = new CertificateRenewal(RenewalClient.Certbot, lineage, reuseKey) };
            return this;
        }

        /// <summary>
        /// The certificate is renewed by acme.sh for <paramref name="domain"/>: install it with
        /// <c>acme.sh --install-cert -d DOMAIN --fullchain-file /var/lib/maildsl/acme/DOMAIN/fullchain.pem --key-file
        /// /var/lib/maildsl/acme/DOMAIN/key.pem --reloadcmd "/etc/maildsl/acme-renewed.sh DOMAIN"</c> (the emitted README says
        /// it for each host): the command installs each renewal as certbot's hook does.
        /// </summary>
        /// <param name="domain">Grammar: acme.sh's main domain of the certificate (a DNS name).</param>
        public CertificateBuilder RenewedByAcmeSh([ValueGrammar(ValueKind.DnsName)] string domain)
        {
            _origins.Call(_key.Renewal);
            _origins.Argument(_key.Renewal.Name, 0);
            Paths = Paths with { Renewal = new CertificateRenewal(RenewalClient.AcmeSh, domain, true) };
            return this;
        }
    }
}
