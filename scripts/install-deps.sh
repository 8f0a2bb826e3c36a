#!/usr/bin/env bash
# Installs, from Debian's packages, the authorities the tests check against: the daemons whose own
# config checkers judge our output, openssl for the cipher engine, shellcheck for install scripts, ansible-lint
# and python3-apt (Ansible's apt module) for the fleet files; certbot against a local ACME server (pebble) for
# renewal, unbound (with unbound-anchor, as the relay installs it), nsd, ldnsutils and dig for DNSSEC/DANE, postfix-mta-sts-resolver for MTA-STS; Debian's Chromium
# (and certutil, for the NSS database that makes it trust the test CA) as the webmail's real browser; then
# builds the Debian 13 root (scripts/debian13-root.sh, cached) that holds trixie's own daemons and OpenSSL.
set -euo pipefail
pkgs=(openssl nginx dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix sogo gnustep-base-runtime
      dovecot-ldap dovecot-pgsql dovecot-mysql dovecot-sieve dovecot-managesieved postfix-ldap postfix-pgsql postfix-mysql memcached
      slapd ldap-utils postgresql
      haproxy keepalived nftables dovecot-auth-lua
      certbot pebble postfix-mta-sts-resolver unbound unbound-anchor nsd ldnsutils bind9-dnsutils
      shellcheck testssl.sh sslscan ansible ansible-lint python3-apt swaks iproute2 util-linux passwd debootstrap
      chromium libnss3-tools)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  # postfix asks debconf questions otherwise.
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ $(id -u) -eq 0 ]]; then bash "$(dirname "$0")/debian13-root.sh" >/dev/null; else sudo bash "$(dirname "$0")/debian13-root.sh" >/dev/null; fi
