#!/usr/bin/env bash
# with-site-addresses.sh SITE... -- COMMAND...
# Runs COMMAND (nginx -t) in a network namespace of its own whose loopback holds every address the nginx sites SITE...
# listen on: nginx -t binds each listen socket, and a host's own addresses (the internal one its PROXY ports listen on)
# are not this machine's.
set -euo pipefail
if [[ ${MAILDSL_SITE_NAMESPACE:-} != 1 ]]; then
  MAILDSL_SITE_NAMESPACE=1 exec unshare -n bash "$0" "$@"
fi
sites=()
while (($#)) && [[ $1 != -- ]]; do sites+=("$1"); shift; done
shift
ip link set lo up
for address in $(awk '$1 == "listen" { sub(/;$/, "", $2); print $2 }' "${sites[@]}" \
  | sed -n -e 's/^\[\(.*\)\]:[0-9]*$/\1 128/p' -e 's/^\([0-9.]*\):[0-9]*$/\1 32/p' | sort -u | tr ' ' '/'); do
  case ${address%/*} in 0.0.0.0 | :: | 127.0.0.1 | ::1) continue ;; esac
  ip addr add "$address" dev lo
done
exec "$@"
