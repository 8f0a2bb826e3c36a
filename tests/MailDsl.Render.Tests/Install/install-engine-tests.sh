#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Function-level tests of install.sh's engine (src/MailDsl.Core/Install/install-engine.sh and install-secrets.sh): each
# test_* function runs in its own subshell, with set -euo pipefail as install.sh has it, both files sourced (sourcing
# defines the functions and runs nothing) and a fresh folder $t to work in; it changes nothing outside $t. Run by
# InstallEngineTests (tests/MailDsl.Render.Tests), one test case per function.
#
# usage: bash install-engine-tests.sh [TEST...]    as root (install.sh places files as root); every test when none is named
# Prints "ok TEST" or "not ok TEST" with what the test saw, then "N passed, N failed"; exits 1 when one failed.
set -uo pipefail
engine_dir=${MAILDSL_ENGINE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../src/MailDsl.Core/Install" && pwd)}

fail() { printf 'expected %s\n' "$*" >&2; return 1; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() { [[ $2 == "$3" ]] || fail "$1 to be '$2', it is '$3'"; }
# expect_in WHAT NEEDLE HAYSTACK
expect_in() { [[ $3 == *"$2"* ]] || fail "$1 to contain '$2', it is '$3'"; }

# A host with two files: $t/etc/a.conf exists (old text, 0640 root:root), $t/etc/new/b.conf and its folder do not; the new
# versions are staged as the engine stages them, and backups go to $t/backups.
two_files() {
  mkdir -p "$t/etc"
  printf 'old a\n' >"$t/etc/a.conf"
  chmod 0640 "$t/etc/a.conf"
  files=("$t/etc/a.conf" "$t/etc/new/b.conf")
  file_mode=(["$t/etc/a.conf"]=0644 ["$t/etc/new/b.conf"]=0600)
  file_group=(["$t/etc/a.conf"]=root ["$t/etc/new/b.conf"]=root)
  file_daemons=(["$t/etc/a.conf"]=fake ["$t/etc/new/b.conf"]=fake)
  host=test.example backup_root=$t/backups mode=install
  stage=$t/stage
  install -D -m 0600 /dev/stdin "$stage$t/etc/a.conf" <<<'new a'
  install -D -m 0600 /dev/stdin "$stage$t/etc/new/b.conf" <<<'new b'
}

test_sourcing_defines_the_functions_and_runs_nothing() {
  local f
  for f in main restore prune_backups take_lock place save load_secrets fill_staged_secrets fill_secrets maildsl_load_secret; do
    declare -F "$f" >/dev/null || fail "the function $f to be defined"
  done
  expect_eq "the mode" install "$mode"
  expect_eq "the files changed" 0 "${#changed_files[@]}"
  [[ -z $(trap -p EXIT) ]] || fail "no exit trap (main sets it): $(trap -p EXIT)"
}

test_run_as_a_script_main_reads_the_options() {
  local out status=0
  out=$(bash "$engine_dir/install-engine.sh" --no-such-option 2>&1) || status=$?
  expect_eq "the exit code" 2 "$status"
  expect_in "the message" "install.sh: unknown option '--no-such-option'" "$out"
  status=0
  out=$(bash "$engine_dir/install-engine.sh" --dry-run --stage 2>&1) || status=$?
  expect_eq "the exit code" 2 "$status"
  expect_in "the message" "install.sh: one option at most" "$out"
}

test_place_saves_what_it_replaces_and_restore_puts_everything_back() {
  two_files
  mutated=1
  place "$t/etc/a.conf"
  place "$t/etc/new/b.conf"
  expect_eq "the new a.conf" "new a" "$(<"$t/etc/a.conf")"
  expect_eq "the new a.conf's mode and owner" "644 root:root" "$(stat -c '%a %U:%G' "$t/etc/a.conf")"
  expect_eq "the new b.conf" "new b" "$(<"$t/etc/new/b.conf")"
  expect_in "the backup's manifest" "replaced $t/etc/a.conf" "$(<"$backup/MANIFEST")"
  expect_in "the backup's manifest" "added $t/etc/new/b.conf" "$(<"$backup/MANIFEST")"
  expect_in "the backup's manifest" "created $t/etc/new" "$(<"$backup/MANIFEST")"
  local out
  out=$(restore 2>&1)
  expect_in "restore's words" "putting back what this run changed (saved in $backup)" "$out"
  expect_in "restore's words" "2 file(s) put back" "$out"
  expect_eq "the old a.conf" "old a" "$(<"$t/etc/a.conf")"
  expect_eq "the old a.conf's mode" 640 "$(stat -c %a "$t/etc/a.conf")"
  [[ ! -e $t/etc/new ]] || fail "the folder install.sh created to be removed"
}

test_a_failure_after_the_first_change_restores_on_exit() {
  two_files
  local status out
  # As install.sh runs: the exit trap set, then a change, then a command that fails under set -e (which bash ignores
  # inside a command that is itself a condition, hence no "|| status=$?" here).
  set +e
  out=$(exec 2>&1; set -e; trap on_exit EXIT; mutated=1; place "$t/etc/a.conf"; place "$t/etc/new/b.conf"; false; echo "not reached")
  status=$?
  set -e
  expect_eq "the exit code" 1 "$status"
  [[ $out != *"not reached"* ]] || fail "the run to stop at the failure"
  expect_in "the words" "the install failed; putting back what this run changed" "$out"
  expect_eq "the old a.conf" "old a" "$(<"$t/etc/a.conf")"
  [[ ! -e $t/etc/new/b.conf ]] || fail "the added b.conf to be removed"
  [[ ! -e $stage ]] || fail "the staged copies to be removed"
}

test_a_failure_before_any_change_restores_nothing() {
  two_files
  local status out
  set +e
  out=$(exec 2>&1; set -e; trap on_exit EXIT; printf 'changed by hand\n' >"$t/etc/a.conf"; false; echo "not reached")
  status=$?
  set -e
  expect_eq "the exit code" 1 "$status"
  [[ $out != *"putting back"* && $out != *"not reached"* ]] || fail "the run to stop and restore nothing, nothing was changed: $out"
  expect_eq "a.conf" "changed by hand" "$(<"$t/etc/a.conf")"
}

test_restore_reloads_what_it_reloaded_and_stops_what_it_started() {
  two_files
  systemd=0 log=$t/daemons.log
  daemons=(old new)
  running=([old]="test -e $t/old.running" [new]="test -e $t/new.running")
  reload=([old]="echo old reloaded >>$t/actions")
  stop=([new]="echo new stopped >>$t/actions; rm -f $t/new.running")
  touch "$t/old.running" "$t/new.running"
  reloaded=(old) started=(new)
  action=([old]=reload)
  mutated=1
  place "$t/etc/a.conf"
  local out
  out=$(restore 2>&1)
  expect_in "restore's words" "install.sh: old read its previous configuration again (reload)" "$out"
  expect_in "restore's words" "install.sh: stopped new again (it was not running before)" "$out"
  expect_eq "what was done to the daemons" $'old reloaded\nnew stopped' "$(<"$t/actions")"
  expect_eq "the old a.conf" "old a" "$(<"$t/etc/a.conf")"
}

test_prune_backups_keeps_the_newest_and_nothing_else_goes() {
  backup_root=$t/backups keep_backups=3
  local i kept
  for i in 01 02 03 04 05 06 07; do mkdir -p "$backup_root/202501${i}T120000.000000000Z.abc$i"; done
  mkdir "$backup_root/notes"
  : >"$backup_root/2099-not-a-folder"
  prune_backups
  kept=$(find "$backup_root" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')
  expect_eq "what is left" "20250105T120000.000000000Z.abc05 20250106T120000.000000000Z.abc06 20250107T120000.000000000Z.abc07 2099-not-a-folder notes " "$kept"
}

# A host whose staged files hold the placeholders of two secrets, one from a file and one from the environment.
two_secrets() {
  stage=$t/stage
  mkdir -p "$stage/etc"
  printf 'bind_pw = {{MAILDSL_SECRET:bind:PostfixTable}}\n' >"$stage/etc/table.cf"
  printf 'password = "{{MAILDSL_SECRET:bind:Dovecot23}}"\nurl = "postgresql://sogo:{{MAILDSL_SECRET:db:UrlUserinfo}}@db/sogo"\n' >"$stage/etc/two.conf"
  chmod 0640 "$stage/etc/table.cf"
  secret_id=(bind db) secret_kind=(file env) secret_source=("$t/bind.secret" MAILDSL_TEST_DB) secret_what=("the bind password" "the database password")
  placeholder_file=(/etc/table.cf /etc/two.conf /etc/two.conf)
  placeholder_text=('{{MAILDSL_SECRET:bind:PostfixTable}}' '{{MAILDSL_SECRET:bind:Dovecot23}}' '{{MAILDSL_SECRET:db:UrlUserinfo}}')
  placeholder_secret=(bind bind db)
  placeholder_encoder=(maildsl_encode_postfixtable maildsl_encode_dovecot23 maildsl_encode_urluserinfo)
}

test_fill_staged_secrets_writes_each_secret_encoded_for_its_file() {
  two_secrets
  printf '%s\n' 'b"i\nd&1' >"$t/bind.secret"
  export MAILDSL_TEST_DB='p@ss w/rd'
  load_secrets
  fill_staged_secrets
  expect_eq "table.cf" 'bind_pw = b"i\nd&1' "$(<"$stage/etc/table.cf")"
  expect_eq "table.cf's mode" 640 "$(stat -c %a "$stage/etc/table.cf")"
  expect_eq "two.conf" $'password = "b\\"i\\\\nd&1"\nurl = "postgresql://sogo:p%40ss%20w%2Frd@db/sogo"' "$(<"$stage/etc/two.conf")"
}

test_load_secrets_refuses_what_a_syntax_cannot_hold_naming_the_file_never_the_secret() {
  two_secrets
  printf ' Leading-Space-Secret\n' >"$t/bind.secret"
  export MAILDSL_TEST_DB=fine
  local status=0 out
  out=$(load_secrets 2>&1) || status=$?
  expect_eq "the exit code" 1 "$status"
  expect_in "the words" "install.sh: a secret for /etc/table.cf starts or ends with whitespace" "$out"
  [[ $out != *Leading-Space-Secret* ]] || fail "the secret never to be shown: $out"
  expect_in "the staged table.cf, untouched" '{{MAILDSL_SECRET:bind:PostfixTable}}' "$(<"$stage/etc/table.cf")"
}

test_load_secrets_refuses_a_missing_file_or_variable() {
  two_secrets
  unset MAILDSL_TEST_DB
  local status=0 out
  out=$(load_secrets 2>&1) || status=$?
  expect_eq "the exit code" 1 "$status"
  expect_in "the words" "install.sh: the bind password is read from the file $t/bind.secret, which is missing on this host" "$out"
  printf 'fine\n' >"$t/bind.secret"
  status=0
  out=$(load_secrets 2>&1) || status=$?
  expect_eq "the exit code" 1 "$status"
  expect_in "the words" "install.sh: the database password is read from the environment variable MAILDSL_TEST_DB, which is not set" "$out"
}

test_the_lock_refuses_a_second_run_until_the_first_ends() {
  lock=$t/install.lock
  local status=0 out
  # The first run holds the lock (as take_lock does, on its own open file).
  exec 8>>"$lock"
  flock -n 8 || fail "the first run to take the lock"
  out=$(take_lock 2>&1) || status=$?
  expect_eq "the second run's exit code" 1 "$status"
  expect_eq "the second run's words" "install.sh: another install.sh is running on this host (it holds $lock)" "$out"
  exec 8>&-
  (take_lock) || fail "a run after the first ended to take the lock"
}

# A listener on loopback, on a port the kernel picks (in $listener_port), that writes "dialed" to $t/said.$1 when a
# connection reaches it, or "not dialed" once the test closes descriptor 8 (or after a minute): what wait_ports did.
listener_port=''
start_listener() {
  mkfifo "$t/hold.$1"
  python3 -c '
import select, socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
ready, _, _ = select.select([s, sys.stdin], [], [], 60)
print("dialed" if s in ready else "not dialed", flush=True)
' <"$t/hold.$1" >"$t/said.$1" &
  listener_pid=$!
  trap 'kill "$listener_pid" 2>/dev/null || true' EXIT
  exec 8>"$t/hold.$1"
  until [[ -s $t/said.$1 ]]; do sleep 0.05; done
  listener_port=$(head -n 1 "$t/said.$1")
}

# Stops it; what it saw is then in $said.
said=''
stop_listener() {
  exec 8>&-
  wait "$listener_pid" || true
  said=$(tail -n 1 "$t/said.$1")
}

test_wait_ports_waits_for_a_proxy_port_to_listen_and_never_dials_it() {
  local out status=0
  health_timeout=5 systemd=0
  start_listener proxy
  port_daemon=(postfix) port_name=(smtp-proxy) port_address=(127.0.0.1) port_number=("$listener_port") port_proxy=(1)
  wait_ports
  stop_listener proxy
  expect_eq "what wait_ports did to the PROXY port" "not dialed" "$said"
  # Nothing listens there any more: the wait ends at the timeout, in its own words.
  health_timeout=1
  out=$(wait_ports 2>&1) || status=$?
  expect_eq "the exit code" 1 "$status"
  expect_in "the words" "install.sh: nothing listens on 127.0.0.1 port $listener_port (postfix smtp-proxy) 1 s after" "$out"
  # Any other port is dialed, as before.
  health_timeout=5
  start_listener plain
  port_number=("$listener_port") port_proxy=(0)
  wait_ports
  stop_listener plain
  expect_eq "what wait_ports did to a port without PROXY" "dialed" "$said"
}

test_listens_reads_the_address_or_every_address_from_ss() {
  # shellcheck disable=SC2317 # called by listens
  ss() { printf '%s\n' 'LISTEN 0 100 10.0.0.5:10025 0.0.0.0:*' 'LISTEN 0 100 [fd00::5]:10993 [::]:*' 'LISTEN 0 511 0.0.0.0:10443 0.0.0.0:*' 'LISTEN 0 511 *:10995 *:*'; }
  listens 10.0.0.5 10025 || fail "10.0.0.5:10025 to be listened on"
  listens fd00::5 10993 || fail "[fd00::5]:10993 to be listened on"
  listens 127.0.0.1 10443 || fail "127.0.0.1:10443 to be listened on (0.0.0.0)"
  listens 10.0.0.5 10995 || fail "10.0.0.5:10995 to be listened on (*)"
  ! listens 10.0.0.6 10025 || fail "10.0.0.6:10025 not to be listened on (another address)"
  ! listens 10.0.0.5 1002 || fail "10.0.0.5:1002 not to be listened on (another port)"
}

test_names=("$@")
if ((${#test_names[@]} == 0)); then mapfile -t test_names < <(declare -F | awk '$3 ~ /^test_/ { print $3 }'); fi
tests_passed=0 tests_failed=0
for test_name in "${test_names[@]}"; do
  if ! declare -F "$test_name" >/dev/null || [[ $test_name != test_* ]]; then echo "not ok $test_name: no such test"; tests_failed=$((tests_failed + 1)); continue; fi
  t=$(mktemp -d /tmp/maildsl-engine-test.XXXXXX)
  # Not a condition (if, ||): bash would ignore set -e in all the test runs.
  (
    set -euo pipefail
    cd "$t"
    # shellcheck source=../../../src/MailDsl.Core/Install/install-certificates.sh
    . "$engine_dir/install-certificates.sh"
    # shellcheck source=../../../src/MailDsl.Core/Install/install-secrets.sh
    . "$engine_dir/install-secrets.sh"
    # shellcheck source=../../../src/MailDsl.Core/Install/install-engine.sh
    . "$engine_dir/install-engine.sh"
    "$test_name"
  ) >"$t.out" 2>&1 </dev/null
  test_status=$?
  if ((test_status == 0)); then
    echo "ok $test_name"
    tests_passed=$((tests_passed + 1))
  else
    printf 'not ok %s (exit %s)\n%s\n' "$test_name" "$test_status" "$(<"$t.out")"
    tests_failed=$((tests_failed + 1))
  fi
  rm -rf -- "$t" "$t.out"
done
echo "$tests_passed passed, $tests_failed failed"
((tests_failed == 0))
