#!/usr/bin/env bash
# The renewal hook of a host: what certbot runs after each renewal (/etc/letsencrypt/renewal-hooks/deploy/maildsl.sh,
# RENEWED_LINEAGE in its environment) and what acme.sh runs as its --reloadcmd (/etc/maildsl/acme-renewed.sh DOMAIN). It
# installs the renewed chain and key at the paths the daemons read with install.sh's care: checked first by the same
# checks (install-certificates.sh: the key the certificate's, valid, every name covered, the chain complete and in order,
# the key type), each file placed atomically and saved first, the daemons' own checks run, exactly the daemons that
# present that certificate reloaded, their ports waited for; on any failure every file is put back and those daemons
# reloaded again, and the hook fails with the daemon's words. A renewal that fails its checks changes nothing.
# RenewHookRenderer writes a host's hook as the host's data, install-certificates.sh, install-engine.sh (whose main does
# not run here) and this file from the line after its mark.
#
# The hook's own data, assigned above (empty here, where this file is sourced alone), then the functions the hook holds
# above this file's part (here, read from beside it).
renew_client=''
# shellcheck source-path=SCRIPTDIR source=install-certificates.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/install-certificates.sh"
# shellcheck source-path=SCRIPTDIR source=install-engine.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/install-engine.sh"
# --- install.sh holds this file from the next line on ---
# --- renewal ----------------------------------------------------------------------------------------------------------
# Where acme.sh is told to write a renewal (--fullchain-file, --key-file), one folder per domain.
acme_folder=/var/lib/maildsl/acme

renew_usage() {
  cat <<'USAGE'
usage: run by certbot as a deploy hook (RENEWED_LINEAGE set), or by acme.sh as: acme-renewed.sh DOMAIN
  installs the renewed certificate at the paths this host's daemons read, checked first, and reloads the daemons that
  present it; a renewal that fails its checks changes nothing
USAGE
}

# Puts the new file $1 at $2 with mode $3 and group $4 (saved first; written beside it and renamed over it).
place_renewed() {
  local from=$1 to=$2 file_mode_of=$3 group=$4
  save "$to"
  install -m "$file_mode_of" -o root -g "$group" -- "$from" "$to.maildsl-new"
  mv -f -- "$to.maildsl-new" "$to"
  if ((selinux)); then restorecon -- "$to"; fi
}

# The mode and group a renewed file gets: those of the file it replaces, else $2 (0644 for a chain, 0600 for a key).
mode_of() { if [[ -e $1 ]]; then stat -c %a -- "$1"; else echo "$2"; fi; }
group_of() { if [[ -e $1 ]]; then stat -c %G -- "$1"; else echo root; fi; }

renew_main() {
  local name new_cert new_key i d out errors found=() affected=()
  declare -A uses=()
  case ${1:-} in -h | --help) renew_usage; exit 0 ;; esac
  [[ $(id -u) -eq 0 ]] || die "run as root"
  if [[ -d /run/systemd/system ]]; then systemd=1; fi
  if [[ $family == rhel ]] && command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; then selinux=1; fi
  case $renew_client in
    certbot)
      [[ -n ${RENEWED_LINEAGE:-} ]] || { renew_usage >&2; die "RENEWED_LINEAGE is not set: certbot sets it when it runs a deploy hook"; }
      name=$(basename -- "$RENEWED_LINEAGE") new_cert=$RENEWED_LINEAGE/fullchain.pem new_key=$RENEWED_LINEAGE/privkey.pem
      ;;
    acme.sh)
      [[ -n ${1:-} ]] || { renew_usage >&2; exit 2; }
      name=$1 new_cert=$acme_folder/$1/fullchain.pem new_key=$acme_folder/$1/key.pem
      ;;
  esac
  for i in "${!cert_file[@]}"; do
    if [[ ${cert_renewal[$i]} == "$renew_client $name" ]]; then found+=("$i"); fi
  done
  if ((${#found[@]} == 0)); then
    say "maildsl: $renew_client renewed $name, which no daemon of $host presents: nothing to do"
    exit 0
  fi

  # Checked before anything changes: the same checks install.sh runs, on the renewed files.
  for i in "${found[@]}"; do
    out=$(certificate_findings "$i" '' "$new_cert" "$new_key")
    errors=$(grep -P '^error\t' <<<"$out" | cut -f2- || true)
    if [[ -n $errors ]]; then
      printf 'maildsl: the renewed certificate %s is not installed; %s keeps serving %s:\n%s\n' "$new_cert" "$host" "${cert_file[$i]}" "$errors" >&2
      exit 1
    fi
    for d in ${cert_daemons[$i]}; do uses[$d]=1; done
  done
  for d in "${daemons[@]}"; do
    if [[ -n ${uses[$d]:-} ]]; then affected+=("$d"); fi
  done

  trap on_exit EXIT
  trap 'exit 130' INT TERM HUP
  take_lock
  for d in "${affected[@]}"; do
    if is_running "$d"; then was_running[$d]=1; fi
  done
  mutated=1
  for i in "${found[@]}"; do
    place_renewed "$new_cert" "${cert_file[$i]}" "$(mode_of "${cert_file[$i]}" 0644)" "$(group_of "${cert_file[$i]}")"
    place_renewed "$new_key" "${cert_key[$i]}" "$(mode_of "${cert_key[$i]}" 0600)" "$(group_of "${cert_key[$i]}")"
  done
  for i in "${!check_command[@]}"; do
    if [[ -n ${uses[${check_daemon[$i]}]:-} ]]; then run_check "${check_daemon[$i]}" "${check_command[$i]}" || exit 1; fi
  done
  # Only the daemons that present the certificate, and only those that run (a stopped one reads it when it starts).
  for d in "${affected[@]}"; do
    [[ -n ${was_running[$d]:-} ]] || continue
    action[$d]=reload
    if [[ ${reloads[$d]} != 1 ]]; then action[$d]=restart; fi
    reloaded+=("$d")
    control "$d" "${action[$d]}" || exit 1
  done
  wait_ports || exit 1
  mutated=0
  for i in "${found[@]}"; do
    say "maildsl: installed the renewal of $name at ${cert_file[$i]} and ${cert_key[$i]} ($(openssl x509 -in "${cert_file[$i]}" -noout -serial))"
  done
  for d in "${reloaded[@]}"; do say "maildsl: ${action[$d]}ed $d"; done
  say "maildsl: what was replaced is in $backup"
  prune_backups
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then renew_main "$@"; fi
