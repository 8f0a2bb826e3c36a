#!/usr/bin/env bash
# The certificate checks of install.sh, of the renewal hooks and of `check --certs`: one set of functions over the
# host's certificates, each finding naming the file and the name. InstallScriptRenderer writes them after the host's
# data in install.sh and in each renewal hook; `check --certs` runs them over the files under a root folder. Checked
# with shellcheck, and function by function by tests/MailDsl.Render.Tests/Install/install-engine-tests.sh.
#
# The host's certificates, assigned above these functions (empty here, where this file is sourced alone); arrays of one
# name prefix are indexed alike. cert_names and cert_tlsa (the MX names whose TLSA records match it) hold one name a
# line; cert_daemons and cert_key_types one word each; tlsa_selector is 1 (the public key) or 0 (the whole certificate).
cert_file=() cert_key=() cert_alt_file=() cert_alt_key=() cert_names=() cert_daemons=() cert_key_types=() cert_renewal=() cert_tlsa=()
tlsa_selector=''
ca_file=''
# --- install.sh holds this file from the next line on ---
# --- certificates ---------------------------------------------------------------------------------------------------
# Days before expiry under which a certificate is a warning (a renewal that keeps failing shows up before clients do).
warn_days=${MAILDSL_CERT_WARN_DAYS:-14}

# Prints one finding a line: 'error<TAB>text', 'warning<TAB>text' or 'ok<TAB>text'.
finding() { printf '%s\t%s\n' "$1" "$2"; }

# The key type of a PEM public key or private key on stdin, as the profile's suites name it: rsa, ec (ECDSA), or other.
key_type() {
  local text
  text=$(openssl pkey -pubin -noout -text 2>/dev/null) || text=''
  case $text in
    *'Public-Key: ('*'bit)'*'Modulus'*) echo rsa ;;
    *'ASN1 OID'* | *'NIST CURVE'*) echo ec ;;
    *) echo other ;;
  esac
}

# Splits the PEM chain $1 into $2/0.pem, $2/1.pem, ... (server certificate first) and prints how many.
split_chain() {
  awk -v dir="$2" '
    /-----BEGIN CERTIFICATE-----/ { file = dir "/" (n + 0) ".pem"; n++; inside = 1 }
    inside { print > file }
    /-----END CERTIFICATE-----/ { inside = 0; close(file) }
    END { print n + 0 }' "$1"
}

# The checks of one certificate chain $1 with its key $2 (paths as read here), for the names in $3 (one a line), whose
# key type must be one of $4 (words), shown as $5/$6 (its paths on the host). Chains are verified against $ca_file, read
# here as $7 and shown as $8 (empty: the system trust store). Prints findings; never exits.
check_pair() {
  local cert=$1 key=$2 names=$3 types=$4 shown_cert=$5 shown_key=$6 ca=${7:-} shown_ca=${8:-} tmp n i cert_public key_public type name check end days out issuer uncovered=() untrusted=()
  if [[ ! -f $cert ]]; then finding error "$shown_cert is missing: copy the certificate chain to this host first"; return 0; fi
  if [[ ! -f $key ]]; then finding error "$shown_key is missing: copy the private key of $shown_cert to this host first"; return 0; fi
  if (( 8#$(stat -L -c %a -- "$key") & 8#7 )); then
    finding error "$shown_key can be read by every user of this host: give it mode 0600, or 0640 with a group such as ssl-cert"
  fi
  tmp=$(mktemp -d)
  n=$(split_chain "$cert" "$tmp")
  if ((n == 0)); then finding error "$shown_cert holds no PEM certificate"; rm -rf -- "$tmp"; return 0; fi
  cert_public=$(openssl x509 -in "$tmp/0.pem" -noout -pubkey 2>/dev/null) || cert_public=''
  if [[ -z $cert_public ]]; then finding error "$shown_cert: its first certificate is not one openssl can read"; rm -rf -- "$tmp"; return 0; fi
  # The key is never printed, copied or changed: its public half is compared with the certificate's.
  key_public=$(openssl pkey -in "$key" -pubout -passin pass: 2>/dev/null </dev/null) || key_public=''
  if [[ -z $key_public ]]; then
    finding error "$shown_key is not a private key openssl can read without a passphrase (the daemons read it unattended)"
  elif [[ $key_public != "$cert_public" ]]; then
    finding error "the key $shown_key does not belong to the certificate $shown_cert (their public keys differ: it is another certificate's key), so every TLS handshake would fail: install the key $shown_cert was issued for"
  fi
  end=$(openssl x509 -in "$tmp/0.pem" -noout -enddate 2>/dev/null | cut -d= -f2)
  days=$(( ($(date -d "$end" +%s) - $(date +%s)) / 86400 ))
  if ! openssl x509 -in "$tmp/0.pem" -noout -checkend 0 >/dev/null 2>&1; then
    finding error "the certificate $shown_cert expired on $end: every client refuses it; renew it"
  elif ((days < warn_days)); then
    finding warning "the certificate $shown_cert expires on $end, in $days day(s): renew it"
  else
    finding ok "$shown_cert: $days days left (until $end)"
  fi
  # A name that is an IP address (a VIP may be one) is matched against the certificate's IP entries, not its DNS names.
  while IFS= read -r name; do
    [[ -n $name ]] || continue
    if [[ $name == *:* || $name =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then check=-checkip; else check=-checkhost; fi
    openssl x509 -in "$tmp/0.pem" -noout "$check" "$name" 2>/dev/null | grep -q ' does match certificate' || uncovered+=("$name")
  done <<<"$names"
  for name in "${uncovered[@]}"; do
    finding error "the certificate $shown_cert does not cover $name, a name this host is reached by: clients dialling $name refuse it; add $name to its subjectAltName"
  done
  type=$(key_type <<<"$cert_public")
  if [[ -n $types && " $types " != *" $type "* ]]; then
    finding error "the certificate $shown_cert has a key of type $type, but the profile's TLS 1.2 suites authenticate with ${types// / or } only: TLS 1.2 clients would find no suite in common; use a ${types%% *} key"
  fi
  # Order: each certificate is the one the previous was signed by (RFC 8446 section 4.4.2: the sender's first, each
  # following one certifying the one before).
  for ((i = 1; i < n; i++)); do
    if ! out=$(openssl verify -no-CAfile -no-CApath -partial_chain -trusted "$tmp/$i.pem" "$tmp/$((i - 1)).pem" 2>&1); then
      finding error "$shown_cert is out of order: certificate $((i + 1)) in the file did not sign certificate $i ($(openssl x509 -in "$tmp/$((i - 1)).pem" -noout -subject -nameopt oneline 2>/dev/null)); put the server's certificate first, then each issuer in turn"
      break
    fi
  done
  # Complete: the server's certificate verifies with the file's intermediates and no other (daemons send only the file).
  # -nameopt oneline: OpenSSL 3.0 and 3.5 print names differently by default (CN = X against CN=X).
  issuer=$(openssl x509 -in "$tmp/$((n - 1)).pem" -noout -issuer -nameopt oneline 2>/dev/null | sed 's/^issuer=//')
  untrusted=()
  if ((n > 1)); then
    for ((i = 1; i < n; i++)); do cat -- "$tmp/$i.pem"; done >"$tmp/intermediates.pem"
    untrusted=(-untrusted "$tmp/intermediates.pem")
  fi
  if [[ -n $ca && ! -f $ca ]]; then
    finding error "the CA file $shown_ca is missing, so $shown_cert cannot be verified against it"
  elif [[ -n $ca ]]; then
    if ! out=$(openssl verify -CAfile "$ca" "${untrusted[@]}" "$tmp/0.pem" 2>&1); then
      finding error "$shown_cert does not verify against the platform's CA $shown_ca ($(grep -m 1 -o 'error [0-9]* at [0-9]* depth lookup: .*' <<<"$out" || tail -n 1 <<<"$out")): an intermediate is missing from the file, after the certificate issued by $issuer"
    fi
  elif ! out=$(openssl verify "${untrusted[@]}" "$tmp/0.pem" 2>&1); then
    finding warning "$shown_cert does not verify against this host's system trust store ($(grep -m 1 -o 'error [0-9]* at [0-9]* depth lookup: .*' <<<"$out" || tail -n 1 <<<"$out")): an intermediate may be missing from the file, after the certificate issued by $issuer"
  fi
  rm -rf -- "$tmp"
}

# Every finding of certificate $1 (an index of the cert_ arrays), its files read under $2 (empty: this host's root), or,
# with $3 and $4, of the new chain $3 and key $4 that would replace it (a renewal).
certificate_findings() {
  local i=$1 root=${2:-} cert=${3:-} key=${4:-} ca=''
  if [[ -n $ca_file ]]; then ca=$root$ca_file; fi
  check_pair "${cert:-$root${cert_file[$i]}}" "${key:-$root${cert_key[$i]}}" "${cert_names[$i]}" "${cert_key_types[$i]}" \
    "${cert:-${cert_file[$i]}}" "${key:-${cert_key[$i]}}" "$ca" "$ca_file"
  if [[ -z $cert && -n ${cert_alt_file[$i]} ]]; then
    check_pair "$root${cert_alt_file[$i]}" "$root${cert_alt_key[$i]}" "${cert_names[$i]}" '' "${cert_alt_file[$i]}" "${cert_alt_key[$i]}" "$ca" "$ca_file"
  fi
}

# The TLSA record (RFC 6698: usage 3, DANE-EE; matching type 1, SHA-256) of the first certificate in $2 for the MX name
# $1, on port 25 (RFC 7672 section 3): over the public key (selector 1) or the whole certificate (selector 0).
tlsa_record() {
  local hash
  if [[ $tlsa_selector == 0 ]]; then
    hash=$(openssl x509 -in "$2" -outform DER 2>/dev/null | openssl dgst -sha256 -r | cut -d' ' -f1)
  else
    hash=$(openssl x509 -in "$2" -noout -pubkey 2>/dev/null | openssl pkey -pubin -outform DER 2>/dev/null | openssl dgst -sha256 -r | cut -d' ' -f1)
  fi
  printf '_25._tcp.%s. IN TLSA 3 %s 1 %s\n' "$1" "${tlsa_selector:-1}" "$hash"
}

# Every certificate's findings, one a line, as '<level>: <text>', its files read under the folder $1 (empty: this host's
# root); returns non-zero when one is an error.
certificate_report() {
  local root=$1 i line errors=0
  for i in "${!cert_file[@]}"; do
    printf 'certificate: %s (presented by %s%s)\n' "${cert_file[$i]}" "${cert_daemons[$i]// /, }" "${cert_renewal[$i]:+; renewed by ${cert_renewal[$i]}}"
    while IFS=$'\t' read -r level line; do
      [[ -n $level ]] || continue
      printf '%s: %s\n' "$level" "$line"
      if [[ $level == error ]]; then errors=$((errors + 1)); fi
    done < <(certificate_findings "$i" "$root")
    while IFS= read -r line; do
      [[ -n $line && -f $root${cert_file[$i]} ]] || continue
      printf 'tlsa: %s\n' "$(tlsa_record "$line" "$root${cert_file[$i]}")"
      if [[ -n ${cert_alt_file[$i]} && -f $root${cert_alt_file[$i]} ]]; then printf 'tlsa: %s\n' "$(tlsa_record "$line" "$root${cert_alt_file[$i]}")"; fi
    done <<<"${cert_tlsa[$i]}"
  done
  ((errors == 0))
}
