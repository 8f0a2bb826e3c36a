#!/usr/bin/env bash
# Builds (once) the Debian 13 root the tests check Debian 13 output against: debootstrap from Debian's archive,
# then trixie's own openssl, nginx, dovecot, postfix, sogo, haproxy, keepalived, certbot, unbound, unbound-anchor and
# postfix-mta-sts-resolver inside it (the relay's DANE resolver and MTA-STS daemon). Cached: a root whose stamp names the same
# package list is kept, so a second run costs nothing. Prints the root's path on its last line.
#   MAILDSL_DEBIAN13_ROOT  where the root lives (default /var/cache/maildsl/debian13)
set -euo pipefail
root=${MAILDSL_DEBIAN13_ROOT:-/var/cache/maildsl/debian13}
mirror=${MAILDSL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
pkgs=(openssl ca-certificates nginx dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-ldap dovecot-pgsql dovecot-mysql
      dovecot-sieve dovecot-managesieved postfix postfix-ldap postfix-pgsql postfix-mysql sogo gnustep-base-runtime
      ldap-utils postgresql-client procps iproute2 haproxy keepalived nftables dovecot-auth-lua
      certbot postfix-mta-sts-resolver unbound unbound-anchor bind9-dnsutils)
stamp="$root/.maildsl-packages"
want="${pkgs[*]}"
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
  echo "$root"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then echo "debian13-root.sh: run as root (debootstrap and chroot need it)" >&2; exit 1; fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
if [[ ! -x $root/usr/bin/apt-get ]]; then
  rm -rf "$root.partial"
  debootstrap --variant=minbase trixie "$root.partial" "$mirror" >/dev/null
  rm -rf "$root"
  mv "$root.partial" "$root"
fi
# No daemon may start inside the root while packages install (there is no init; policy-rc.d says so outright).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
echo "postfix postfix/main_mailer_type select No configuration" | chroot "$root" debconf-set-selections
chroot "$root" apt-get update -qq
DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
chroot "$root" apt-get clean
echo "$want" >"$stamp"
echo "$root"
