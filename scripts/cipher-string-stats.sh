#!/usr/bin/env bash
# Prints, for each cipher string given, what an OpenSSL selects for TLS 1.2 and below, from
# `openssl ciphers -v` itself: total, static RSA, CBC, SHA-1 MAC, anonymous, unencrypted, PSK/SRP.
#   OPENSSL  the openssl command (default: openssl; the Debian 13 root's: "chroot /var/cache/maildsl/debian13 openssl")
# Used to write docs/ciphers.md; the engine's own listing of the same strings is compared with
# openssl in tests/MailDsl.Core.Tests/Tls/CipherStringDifferentialTests.cs.
set -euo pipefail
read -r -a openssl <<<"${OPENSSL:-openssl}"
for s in "$@"; do
  v=$("${openssl[@]}" ciphers -v -- "$s" | grep -v 'TLSv1.3') || { echo "$s: OpenSSL refuses it"; continue; }
  count() { grep -c -E "$1" <<<"$v" || true; }
  total=$(wc -l <<<"$v")
  printf '%s\t%s total\t%s static RSA\t%s CBC\t%s SHA1\t%s aNULL\t%s eNULL\t%s PSK/SRP\n' "$s" "$total" \
    "$(count 'Kx=RSA ')" "$(grep -v -E 'Enc=(AESGCM|AESCCM|AESCCM8|CHACHA20|ARIAGCM|None)' <<<"$v" | grep -c . || true)" \
    "$(count 'Mac=SHA1')" "$(count 'Au=None')" "$(count 'Enc=None')" "$(count 'Kx=(PSK|RSAPSK|DHEPSK|ECDHEPSK|SRP)')"
done
