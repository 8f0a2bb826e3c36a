#!/usr/bin/env bash
# Failover of the emitted balancers on a small balanced lab (two MX hosts and a mailstore behind their VIPs, two balancer
# hosts running HAProxy and keepalived, each host in its own network namespace on a private bridge, every file from emit
# and every daemon started by the host's own install.sh), RUNS times each:
#   vip      seconds from stopping keepalived on the VIP's holder until a new connection to the VIP's port 25 reads the
#            greeting (keepalived's advert_int governs it);
#   backend  seconds from stopping Postfix on one MX host until HAProxy marks it DOWN, after which ten new connections
#            all land on the other MX host (HAProxy's inter and fall govern it).
# Prints every run, then the median of each.
#   scripts/bench/failover.sh [--target debian12|debian13] [RUNS]   default: debian12, 5 runs; as root
# The lab is made only in a network namespace with no route out: the script runs itself under unshare --net, so every
# bridge, address and namespace goes when it ends; the lab's sandboxes are stopped on exit, Ctrl-C included.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/bench/common.sh
. "$repo/scripts/bench/common.sh"

if [[ ${MAILDSL_FAILOVER_ISOLATED:-} != 1 ]]; then
  dotnet build "$repo/benchmarks/MailDsl.Benchmarks" -c Release -v q -nologo >/dev/null
  exec unshare --net -- env MAILDSL_FAILOVER_ISOLATED=1 bash -c 'ip link set lo up && exec "$@"' isolated "$0" "$@"
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
dotnet "$repo/benchmarks/MailDsl.Benchmarks/bin/Release/net10.0/MailDsl.Benchmarks.dll" failover "$@" | tee "$out"
echo
for what in vip backend; do
  mapfile -t figures < <(awk -v w="$what" '$1 == w { print $3 }' "$out")
  if ((${#figures[@]} > 0)); then
    printf '%-8s median %s s of %d runs (min %s, max %s)\n' "$what" "$(median "${figures[@]}")" "${#figures[@]}" \
      "$(printf '%s\n' "${figures[@]}" | sort -g | head -n1)" "$(printf '%s\n' "${figures[@]}" | sort -g | tail -n1)"
  fi
done
