#!/usr/bin/env bash
# Regenerates the REASONED Postfix catalogues (versions a target ships that cannot be installed here: RHEL 9's 3.5,
# RHEL 10's and Ubuntu 24.04's 3.8) from upstream Postfix's git history, checked against the seen catalogues
# (run regenerate.sh first). Needs a clone of github.com/vdukhovni/postfix (a mirror with the release tags).
#   reasoned.sh POSTFIX_GIT_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
git=${1:?usage: reasoned.sh POSTFIX_GIT_DIR}
cat=$repo/src/MailDsl.Core/Daemons/Postfix/Catalog
seen=()
for f in "$cat"/postfix-*.txt; do grep -q '^#@ provenance: seen' "$f" && seen+=(--seen "$f"); done
for v in 3.5.9 3.8.5; do
  python3 "$here/postfix_catalog.py" reasoned --git "$git" --version "$v" --tag "v$v" "${seen[@]}" --out "$cat"
done
