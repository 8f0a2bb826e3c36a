#!/usr/bin/env bash
# The engine of install.sh: what every host's install.sh does with that host's data. InstallScriptRenderer writes a
# host's install.sh as a header, the host's data, then install-secrets.sh and this file, each from the line after its
# mark below; the lines above the mark are for this source file alone. Checked by shellcheck, and function by function
# by tests/MailDsl.Render.Tests/Install/install-engine-tests.sh, which sources it (main runs only when the script is run,
# not when it is sourced).
#
# The host's data, assigned above the engine in install.sh (empty here, where this file is sourced alone); arrays of one
# name prefix are indexed alike.
host='' layers='' target='' family='' log='' backup_root=''
packages=() daemons=() check_daemon=() check_command=() port_daemon=() port_name=() port_address=() port_number=()
port_proxy=()
files=() change_daemon=() change_what=() change_pending=() change_apply=() change_paths=() prepare=() overlay_roots=()
declare -A package_source=() unit=() running=() start=() reload=() stop=() reloads=() restart_when=() daemon_log=()
declare -A file_mode=() file_group=() file_daemons=()
# --- install.sh holds this file from the next line on ---
# --- settings and state ---------------------------------------------------------------------------------------------
keep_backups=${MAILDSL_KEEP_BACKUPS:-10}
health_timeout=${MAILDSL_HEALTH_TIMEOUT:-30}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self="$here/$(basename "${BASH_SOURCE[0]}")"
# One install at a time on a host: the lock is held on descriptor 9 until the script exits (the commands it runs get
# 9>&-, so no daemon keeps it).
lock=/run/maildsl-install.lock

usage() {
  cat <<'USAGE'
usage: bash install.sh [--dry-run | --stage DIR]     (as root, from the folder it was emitted into)
  (nothing)     install this host's files, check them with each daemon's own checker, reload what changed
  --dry-run     print the plan and a diff against this host's files, run the daemons' checks on the new files in a
                private copy of the host's directories; change nothing
  --stage DIR   write this host's files, the secrets filled in, under the new folder DIR (0700) and stop: what
                the Ansible role copies from (it changes nothing else)
environment: MAILDSL_KEEP_BACKUPS (backups kept, default 10), MAILDSL_HEALTH_TIMEOUT (seconds a port has to answer, default 30)
USAGE
}

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

mode=install stage_to='' systemd=0 selinux=0
stage='' backup='' mutated=0
changed_files=() pending_changes=() to_enable=() reloaded=() started=() undo=()
declare -A file_state=() changed_daemon=() was_running=() fingerprint=() action=() saved=()

# Any failure once something was changed, a signal included, puts everything back.
on_exit() {
  local status=$?
  set +e
  if ((status != 0 && mutated)); then restore; fi
  if [[ -n $stage && $mode != stage ]]; then rm -rf -- "$stage"; fi
  exit "$status"
}

# --- packages -------------------------------------------------------------------------------------------------------
missing_packages() {
  local p
  for p in "${packages[@]}"; do
    case $family in
      debian) [[ $(dpkg-query -W -f='${Status}' -- "$p" 2>/dev/null) == 'install ok installed' ]] || echo "$p" ;;
      rhel) rpm -q --quiet -- "$p" || echo "$p" ;;
    esac
  done
}

install_packages() {
  local missing=() p out
  mapfile -t missing < <(missing_packages)
  if [[ $mode == dry-run ]]; then
    if ((${#missing[@]})); then say "would install packages: ${missing[*]}"; fi
    return 0
  fi
  case $family in
    debian)
      # --no-upgrade: what is installed stays at its version; only what is missing comes from the archive.
      if ! out=$(DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade -- "${packages[@]}" </dev/null 2>&1 9>&-); then
        printf 'install.sh: apt-get could not install %s:\n%s\n' "${packages[*]}" "$out" >&2
        exit 1
      fi
      say "apt-get: $(grep -m 1 -E '^[0-9]+ upgraded, ' <<<"$out" || echo 'done')"
      ;;
    rhel)
      if ((${#missing[@]} == 0)); then return 0; fi
      for p in "${missing[@]}"; do
        if [[ -n ${package_source[$p]:-} ]] && ! dnf -q repoquery -- "$p" 2>/dev/null | grep -q .; then
          die "the package $p is in no enabled repository: ${package_source[$p]}"
        fi
      done
      if ! out=$(dnf install -y -- "${missing[@]}" </dev/null 2>&1 9>&-); then
        printf 'install.sh: dnf could not install %s:\n%s\n' "${missing[*]}" "$out" >&2
        exit 1
      fi
      ;;
  esac
  if ((${#missing[@]})); then say "installed packages: ${missing[*]}"; fi
}

# --- certificate and key --------------------------------------------------------------------------------------------
# Every certificate this host presents (install-certificates.sh): present, the key readable by no other user and the
# certificate's (public keys compared; the key is never printed, copied or changed), valid, covering every name this
# host is reached by, the chain complete and in order, the key type one the profile's suites can use. An error stops
# the install before anything changes; a warning is said and the install goes on.
check_certificate() {
  local out status=0
  out=$(certificate_report '') || status=$?
  if ((status != 0)); then
    printf 'install.sh: the certificates are not ready (nothing on this host was changed):\n%s\n' "$(grep -E '^(error|warning): ' <<<"$out")" >&2
    exit 1
  fi
  # Warnings, and the TLSA records the MX's keys imply (to publish in DNS), are said.
  grep -E '^(warning|tlsa): ' <<<"$out" || true
}

# --- what differs ---------------------------------------------------------------------------------------------------
is_running() {
  if ((systemd)); then systemctl is-active --quiet -- "${unit[$1]}"; else bash -c "${running[$1]}" </dev/null >/dev/null 2>&1 9>&-; fi
}

# Each new file is first copied to a private folder (0700): it is compared, shown and placed from there.
stage_files() {
  local f
  if [[ $mode == stage ]]; then
    mkdir -m 0700 -- "$stage_to" || die "--stage $stage_to: the folder exists already or cannot be made"
    stage=$stage_to
  else
    stage=$(mktemp -d /tmp/maildsl-stage.XXXXXX)
  fi
  for f in "${files[@]}"; do
    install -D -m 0600 -- "$here$f" "$stage$f"
  done
  fill_staged_secrets
}

plan() {
  local f d i
  for f in "${files[@]}"; do
    if [[ ! -e $f && ! -L $f ]]; then
      file_state[$f]=add
    elif ! cmp -s -- "$stage$f" "$f"; then
      file_state[$f]=change
    elif [[ $(stat -c %U:%G -- "$f") != "root:${file_group[$f]}" ]] || (( 8#$(stat -c %a -- "$f") != 8#${file_mode[$f]} )); then
      file_state[$f]=mode
    else
      continue
    fi
    changed_files+=("$f")
    for d in ${file_daemons[$f]}; do changed_daemon[$d]=1; done
  done
  for i in "${!change_what[@]}"; do
    if bash -c "${change_pending[$i]}" </dev/null >/dev/null 2>&1; then
      pending_changes+=("$i")
      if [[ -n ${change_daemon[$i]} ]]; then changed_daemon[${change_daemon[$i]}]=1; fi
    fi
  done
  for d in "${daemons[@]}"; do
    if is_running "$d"; then was_running[$d]=1; fi
    if ((systemd)) && ! systemctl is-enabled --quiet -- "${unit[$d]}" 2>/dev/null; then to_enable+=("$d"); fi
  done
}

describe_file() {
  local f=$1 prefix=$2 daemons_of
  daemons_of=${file_daemons[$f]// /, }
  case ${file_state[$f]} in
    add) say "${prefix}add $f (${file_mode[$f]} root:${file_group[$f]}, read by $daemons_of)" ;;
    change) say "${prefix}change $f (read by $daemons_of)" ;;
    mode) say "${prefix}set $f to ${file_mode[$f]} root:${file_group[$f]} (it is $(stat -c '%a %U:%G' -- "$f"))" ;;
  esac
}

show_diff() {
  local f=$1 old=$1
  [[ ${file_state[$f]} != mode ]] || return 0
  if [[ ${file_state[$f]} == add ]]; then old=/dev/null; fi
  if (( 8#${file_mode[$f]} & 8#4 )); then
    diff -u --label "$f (on this host)" --label "$f (new)" -- "$old" "$stage$f" || true
  else
    say "  (not shown: the file is ${file_mode[$f]}, readable by root:${file_group[$f]} only, and may hold secrets)"
  fi
}

# --- changing the host ----------------------------------------------------------------------------------------------
make_backup() {
  [[ -z $backup ]] || return 0
  install -d -m 0700 -- "$backup_root"
  # A name per run, to the nanosecond and then made unique: two runs in one second never share a backup.
  backup=$(mktemp -d "$backup_root/$(date -u +%Y%m%dT%H%M%S.%NZ).XXXXXX")
  say "# install.sh of $host: what the run of $(date -u +%Y-%m-%dT%H:%M:%SZ) replaced (saved here), added and created" >"$backup/MANIFEST"
}

# Saves a path before it is replaced or removed; a path that did not exist is noted, to be removed on restore.
save() {
  local p=$1
  [[ -z ${saved[$p]:-} ]] || return 0
  saved[$p]=1
  make_backup
  if [[ -e $p || -L $p ]]; then
    mkdir -p -- "$backup$(dirname -- "$p")"
    cp -a -- "$p" "$backup$p"
    undo+=("replaced $p")
  else
    undo+=("added $p")
  fi
  say "${undo[-1]}" >>"$backup/MANIFEST"
}

ensure_dir() {
  local dir=$1
  [[ ! -d $dir ]] || return 0
  ensure_dir "$(dirname -- "$dir")"
  make_backup
  install -d -m 0755 -o root -g root -- "$dir"
  undo+=("created $dir")
  say "created $dir" >>"$backup/MANIFEST"
}

# Written beside its target with its final owner and mode (install creates it 0600 first, so it is never readable by
# more than its mode allows), then renamed over it: never half-written.
place() {
  local f=$1
  if [[ $mode == install ]]; then
    ensure_dir "$(dirname -- "$f")"
    save "$f"
  else
    mkdir -p -- "$(dirname -- "$f")"
  fi
  install -m "${file_mode[$f]}" -o root -g "${file_group[$f]}" -- "$stage$f" "$f.maildsl-new"
  mv -f -- "$f.maildsl-new" "$f"
  if ((selinux)); then restorecon -- "$f"; fi
}

apply_change() {
  local i=$1 p out paths=()
  if [[ $mode == install ]]; then
    mapfile -t paths <<<"${change_paths[$i]}"
    for p in "${paths[@]}"; do
      if [[ -n $p ]]; then save "$p"; fi
    done
  fi
  if ! out=$(bash -c "${change_apply[$i]}" </dev/null 2>&1 9>&-); then
    printf 'install.sh: %s failed:\n%s\n' "${change_what[$i]}" "$out" >&2
    exit 1
  fi
}

run_prepare() {
  local step out
  for step in "${prepare[@]}"; do
    if ! out=$(bash -c "$step" </dev/null 2>&1 9>&-); then
      printf 'install.sh: %s failed:\n%s\n' "$step" "$out" >&2
      exit 1
    fi
  done
}

# A daemon's own check: a failure, or any warning it prints, stops the install, in the daemon's words.
run_check() {
  local out
  if ! out=$(bash -c "$2" </dev/null 2>&1 9>&-); then
    printf "install.sh: %s's check '%s' failed:\n%s\n" "$1" "$2" "$out" >&2
    return 1
  fi
  if grep -qiE '(^|[: ])(warning|\[warn\])' <<<"$out"; then
    printf "install.sh: %s's check '%s' warned (a warning is a failure):\n%s\n" "$1" "$2" "$out" >&2
    return 1
  fi
}

run_checks() {
  local i failed=0
  for i in "${!check_command[@]}"; do
    run_check "${check_daemon[$i]}" "${check_command[$i]}" || failed=1
  done
  ((failed == 0))
}

# --- daemons --------------------------------------------------------------------------------------------------------
daemon_words() {
  local d=$1
  if ((systemd)); then
    journalctl -u "${unit[$d]}" -n 20 --no-pager 2>&1
  else
    if [[ -f $log ]]; then tail -n 20 -- "$log"; fi
    if [[ -n ${daemon_log[$d]:-} && -f ${daemon_log[$d]} ]]; then say "--- ${daemon_log[$d]}"; tail -n 20 -- "${daemon_log[$d]}"; fi
  fi
}

# Starts, reloads, restarts or stops a daemon: through systemd where it is PID 1, else with the daemon's own control,
# its output in the log so that no daemon keeps this script's terminal or pipe.
control() {
  local d=$1 what=$2 out='' status=0 i
  if ((systemd)); then
    case $what in
      reload) if [[ ${reloads[$d]} == 1 ]]; then out=$(systemctl reload -- "${unit[$d]}" 2>&1) || status=$?; else out=$(systemctl restart -- "${unit[$d]}" 2>&1) || status=$?; fi ;;
      *) out=$(systemctl "$what" -- "${unit[$d]}" 2>&1) || status=$? ;;
    esac
  else
    case $what in
      start) bash -c "${start[$d]}" </dev/null >>"$log" 2>&1 9>&- || status=$? ;;
      reload) bash -c "${reload[$d]}" </dev/null >>"$log" 2>&1 9>&- || status=$? ;;
      stop) bash -c "${stop[$d]}" </dev/null >>"$log" 2>&1 9>&- || status=$? ;;
      restart)
        bash -c "${stop[$d]}" </dev/null >>"$log" 2>&1 9>&- || status=$?
        for ((i = 0; i < 100; i++)); do is_running "$d" || break; sleep 0.1; done
        if ((status == 0)); then bash -c "${start[$d]}" </dev/null >>"$log" 2>&1 9>&- || status=$?; fi
        ;;
    esac
  fi
  if ((status != 0)); then
    printf 'install.sh: could not %s %s:\n%s\n' "$what" "$d" "$out" >&2
    daemon_words "$d" >&2
    return 1
  fi
}

needs_restart() {
  [[ -n ${restart_when[$1]:-} ]] && [[ ${fingerprint[$1]:-} != "$(bash -c "${restart_when[$1]}" 2>/dev/null </dev/null)" ]]
}

apply_services() {
  local d
  for d in "${daemons[@]}"; do
    if [[ -n ${was_running[$d]:-} ]]; then
      [[ -n ${changed_daemon[$d]:-} ]] || continue
      action[$d]=reload
      if [[ ${reloads[$d]} != 1 ]] || needs_restart "$d"; then action[$d]=restart; fi
      reloaded+=("$d")
      control "$d" "${action[$d]}" || exit 1
    else
      started+=("$d")
      control "$d" start || exit 1
    fi
  done
  for d in "${to_enable[@]}"; do
    systemctl enable --quiet -- "${unit[$d]}" || die "could not enable ${unit[$d]}"
  done
}

# shellcheck disable=SC2016 # $0 and $1 are the inner bash's own arguments
answers() { timeout 2 bash -c ': >"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# Whether a socket listens on address $1 (as ss lists it), or on every address, port $2. For the PROXY ports, which are
# not dialed: the host's firewall resets every connection to them but the balancers' (the host's own too), and Postfix's
# smtpd, handed a connection whose client left before its PROXY header, dies and master throttles the service.
listens() {
  local address=$1 port=$2 local_address
  if [[ $address == *:* ]]; then address="[$address]"; fi
  while read -r _ _ _ local_address _; do
    case $local_address in "$address:$port" | "0.0.0.0:$port" | "[::]:$port" | "*:$port") return 0 ;; esac
  done < <(ss -Hltn "sport = :$port" 2>/dev/null)
  return 1
}

# Every port of every daemon must accept a connection within the health timeout (a PROXY port: be listened on).
wait_ports() {
  local i deadline=$((SECONDS + health_timeout)) ready
  for i in "${!port_number[@]}"; do
    ready=answers
    if [[ ${port_proxy[$i]:-0} == 1 ]]; then ready=listens; fi
    until "$ready" "${port_address[$i]}" "${port_number[$i]}"; do
      if ((SECONDS >= deadline)); then
        printf 'install.sh: nothing %s on %s port %s (%s %s) %s s after the daemons were started or reloaded:\n' \
          "$ready" "${port_address[$i]}" "${port_number[$i]}" "${port_daemon[$i]}" "${port_name[$i]}" "$health_timeout" >&2
        daemon_words "${port_daemon[$i]}" >&2
        return 1
      fi
      sleep 0.2
    done
  done
}

describe_ports() {
  local i listed=()
  for i in "${!port_number[@]}"; do listed+=("${port_address[$i]}:${port_number[$i]} (${port_daemon[$i]} ${port_name[$i]})"); done
  if ((${#listed[@]})); then say "answering: ${listed[*]}"; fi
}

# --- restore --------------------------------------------------------------------------------------------------------
restore() {
  local i entry kind p d restored=0
  printf 'install.sh: the install failed; putting back what this run changed (saved in %s)\n' "$backup" >&2
  for p in "${files[@]}"; do rm -f -- "$p.maildsl-new"; done
  for ((i = ${#undo[@]} - 1; i >= 0; i--)); do
    entry=${undo[$i]} kind=${entry%% *} p=${entry#* }
    case $kind in
      replaced)
        rm -f -- "$p.maildsl-restore"
        cp -a -- "$backup$p" "$p.maildsl-restore" && mv -fT -- "$p.maildsl-restore" "$p" && restored=$((restored + 1))
        if ((selinux)); then restorecon -- "$p"; fi
        ;;
      added) rm -f -- "$p" && restored=$((restored + 1)) ;;
      created) rmdir -- "$p" 2>/dev/null ;;
    esac
  done
  printf 'install.sh: %s file(s) put back\n' "$restored" >&2
  for d in "${reloaded[@]}"; do
    if control "$d" "${action[$d]}"; then printf 'install.sh: %s read its previous configuration again (%s)\n' "$d" "${action[$d]}" >&2; fi
  done
  for d in "${started[@]}"; do
    if is_running "$d" && control "$d" stop; then printf 'install.sh: stopped %s again (it was not running before)\n' "$d" >&2; fi
  done
}

prune_backups() {
  local old=() b
  mapfile -t old < <(find "$backup_root" -mindepth 1 -maxdepth 1 -type d -name '2*' -printf '%f\n' | sort -r | tail -n +$((keep_backups + 1)))
  for b in "${old[@]}"; do rm -rf -- "${backup_root:?}/$b"; done
}

# --- dry run --------------------------------------------------------------------------------------------------------
# Inside a private mount namespace (made by --dry-run): the host's directories are overlaid with throw-away layers on a
# tmpfs, the new files placed and the host changes made there, and every daemon's check run on the result.
scratch_checks() {
  local scratch=${MAILDSL_SCRATCH:?} root n=0 f i
  mount -t tmpfs -o mode=0700 maildsl-scratch "$scratch" || exit 3
  for root in "${overlay_roots[@]}"; do
    [[ -d $root ]] || continue
    mkdir -p -- "$scratch/$n/upper" "$scratch/$n/work"
    mount -t overlay maildsl-dry-run -o "lowerdir=$root,upperdir=$scratch/$n/upper,workdir=$scratch/$n/work" "$root" || exit 3
    n=$((n + 1))
  done
  for f in "${changed_files[@]}"; do place "$f"; done
  for i in "${pending_changes[@]}"; do apply_change "$i"; done
  run_prepare
  run_checks
}

dry_run() {
  local f i d out status=0 missing=() scratch
  if ((${#changed_files[@]} + ${#pending_changes[@]} == 0)); then
    say "no changes: the host's files are the new ones"
    return 0
  fi
  for f in "${changed_files[@]}"; do describe_file "$f" "would "; show_diff "$f"; done
  for i in "${pending_changes[@]}"; do say "would ${change_what[$i]}"; done
  for d in "${daemons[@]}"; do
    if [[ -z ${was_running[$d]:-} ]]; then say "would start $d"
    elif [[ -n ${changed_daemon[$d]:-} ]]; then
      if [[ ${reloads[$d]} == 1 ]]; then say "would reload $d"; else say "would restart $d (it has no reload)"; fi
    fi
  done
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]})); then
    say "checks not run: the daemons' packages are not installed yet (${missing[*]})"
    return 0
  fi
  scratch=$(mktemp -d /tmp/maildsl-scratch.XXXXXX)
  out=$(MAILDSL_SCRATCH=$scratch unshare --mount --propagation private -- "$BASH" "$self" --scratch-checks 2>&1) || status=$?
  rmdir -- "$scratch" 2>/dev/null || true
  case $status in
    0) say "the new files pass every daemon's check (run on a private copy of ${overlay_roots[*]})" ;;
    3) printf 'install.sh: checks not run: no private copy of %s could be made here (needs unshare and overlayfs):\n%s\n' "${overlay_roots[*]}" "$out" >&2; return 1 ;;
    *) printf '%s\n' "$out" >&2; die "the new files fail the daemons' checks (nothing on this host was changed)" ;;
  esac
}

# --- the run --------------------------------------------------------------------------------------------------------
take_lock() {
  exec 9>>"$lock"
  flock -n 9 || die "another install.sh is running on this host (it holds $lock)"
}

main() {
  local d f i
  case ${1:-} in
    '') ;;
    --dry-run) mode=dry-run ;;
    --stage) mode=stage; stage_to=${2:-}; shift ;;
    --scratch-checks) mode=scratch ;; # --dry-run's checks, run by --dry-run itself inside a private mount namespace
    -h | --help) usage; exit 0 ;;
    *) printf "install.sh: unknown option '%s'\n" "$1" >&2; usage >&2; exit 2 ;;
  esac
  if (($# > 1)); then echo "install.sh: one option at most" >&2; usage >&2; exit 2; fi
  if [[ $mode == stage && ( -z $stage_to || $stage_to != /* ) ]]; then echo "install.sh: --stage takes an absolute folder that does not exist yet" >&2; usage >&2; exit 2; fi

  [[ $(id -u) -eq 0 ]] || die "run as root"
  [[ $keep_backups =~ ^[1-9][0-9]{0,3}$ ]] || die "MAILDSL_KEEP_BACKUPS='$keep_backups': write how many backups to keep, 1 or more"
  [[ $health_timeout =~ ^[1-9][0-9]{0,3}$ ]] || die "MAILDSL_HEALTH_TIMEOUT='$health_timeout': write a number of seconds, 1 or more"

  if [[ -d /run/systemd/system ]]; then systemd=1; fi
  if [[ $family == rhel ]] && command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; then selinux=1; fi

  trap on_exit EXIT
  trap 'exit 130' INT TERM HUP

  if [[ $mode == install ]]; then take_lock; fi
  if [[ $mode == stage ]]; then
    load_secrets
    stage_files
    exit 0
  fi
  if [[ $mode != scratch ]]; then
    if [[ $mode == dry-run ]]; then say "install.sh: $host ($layers) for $target: dry run, nothing on this host is changed"; else say "install.sh: $host ($layers) for $target"; fi
    install_packages
    check_certificate
  fi
  load_secrets
  if [[ $mode == install ]]; then run_prepare; fi
  stage_files
  plan
  case $mode in
    scratch) scratch_checks; exit ;;
    dry-run) dry_run; exit ;;
  esac

  if ((${#changed_files[@]} + ${#pending_changes[@]} + ${#to_enable[@]} == 0)) && [[ ${#was_running[@]} -eq ${#daemons[@]} ]]; then
    wait_ports || exit 1
    say "no changes: $host is as described; nothing was reloaded"
    exit 0
  fi

  for d in "${daemons[@]}"; do
    if [[ -n ${was_running[$d]:-} && -n ${changed_daemon[$d]:-} && -n ${restart_when[$d]:-} ]]; then
      fingerprint[$d]=$(bash -c "${restart_when[$d]}" 2>/dev/null </dev/null || true)
    fi
  done
  mutated=1
  for f in "${changed_files[@]}"; do place "$f"; done
  for i in "${pending_changes[@]}"; do apply_change "$i"; done
  run_checks || exit 1
  apply_services
  wait_ports || exit 1
  mutated=0

  for f in "${changed_files[@]}"; do describe_file "$f" ""; done
  for i in "${pending_changes[@]}"; do say "host change: ${change_what[$i]}"; done
  for d in "${reloaded[@]}"; do say "${action[$d]}ed $d"; done
  for d in "${started[@]}"; do say "started $d"; done
  for d in "${to_enable[@]}"; do say "enabled ${unit[$d]}"; done
  describe_ports
  if [[ -n $backup ]]; then
    say "what was replaced is in $backup"
    prune_backups
  fi
  say "$host is installed"
}

# Run, not sourced (the tests source this file to call its functions one by one), and as install.sh (a renewal hook
# holds these functions too, and runs its own).
if [[ ${BASH_SOURCE[0]} == "$0" && -z ${renew_client:-} ]]; then main "$@"; fi
