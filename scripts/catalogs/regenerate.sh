#!/usr/bin/env bash
# Regenerates every SEEN settings catalogue from the daemons themselves (SOGo's from its packages' files): Debian 12's on this machine, Debian 13's in
# the root scripts/debian13-root.sh builds (entered with chroot, inside a private mount namespace whose tmpfs on the
# root's /tmp and proc are gone when it ends: nothing is written into the root). Reasoned catalogues are not touched
# (see README.md). Needs root for the Debian 13 part.
#   regenerate.sh [--out DIR] [--only debian12|debian13]
#     --out DIR   write DIR/<Daemon>/<daemon>-<version>.txt instead of src/MailDsl.Core/Daemons/<Daemon>/Catalog/
#   MAILDSL_DEBIAN13_ROOT  the Debian 13 root (default /var/cache/maildsl/debian13)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
root=${MAILDSL_DEBIAN13_ROOT:-/var/cache/maildsl/debian13}
out="" only=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) out=$(realpath -m "$2"); shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: regenerate.sh [--out DIR] [--only debian12|debian13]" >&2; exit 2 ;;
  esac
done
dest() { if [[ -n $out ]]; then echo "$out/$1"; else echo "$repo/src/MailDsl.Core/Daemons/$1/Catalog"; fi; }

# One target: the four daemons, one after the other, with ROOT as their root.
generate() {
  local r=$1
  python3 "$here/postfix_catalog.py" seen --root "$r" --out "$(dest Postfix)"
  python3 "$here/dovecot_catalog.py" --root "$r" --out "$(dest Dovecot)" --upgrade "$here/dovecot-2.4-upgrade.tsv"
  python3 "$here/nginx_catalog.py" --root "$r" --out "$(dest Nginx)"
  python3 "$here/sogo_catalog.py" --root "$r" --out "$(dest Sogo)" --upgrade "$here/sogo-upgrade.tsv"
}

pids=()
if [[ -z $only || $only == debian12 ]]; then
  for tool in postconf doveconf nginx sogod; do
    command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null \
      || { echo "regenerate.sh: $tool is not installed (scripts/install-deps.sh installs Debian 12's daemons)" >&2; exit 1; }
  done
  PATH=$PATH:/usr/sbin generate / &
  pids+=($!)
fi
if [[ -z $only || $only == debian13 ]]; then
  [[ -x $root/usr/sbin/postconf ]] || { echo "regenerate.sh: no Debian 13 root at $root (scripts/debian13-root.sh builds it)" >&2; exit 1; }
  [[ $(id -u) -eq 0 ]] || { echo "regenerate.sh: the Debian 13 part needs root (chroot, mounts)" >&2; exit 1; }
  export -f generate dest
  export here repo out
  unshare --mount --propagation private -- bash -c '
    set -euo pipefail
    mount -t tmpfs maildsl-catalogs "$0/tmp"
    mount -t proc proc "$0/proc"
    generate "$0"' "$root" &
  pids+=($!)
fi
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
