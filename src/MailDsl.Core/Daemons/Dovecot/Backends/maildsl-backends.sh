# The mailstore host's watcher: run by Dovecot's master as the service maildsl-backends (process_min_avail = 1), so it
# lives exactly while Dovecot runs (a restarted master starts it again). MailDsl writes the variables above (SELF, HOSTS, STATE_DIR, STALE_AFTER, MAIL_UID,
# MAIL_GID, PIDFILE); the rest is the same on every host. Every second it writes this host's line to STATE_DIR/SELF,
# which maildsl-backends.lua on every host reads:
#   <epoch> <state> <token> <view>
# state: "claiming" from the start (in service, but not yet serving its own users), "serving" once every other host in
# service lists this host's token in its view, "out" when Dovecot stops. token: when this claim began (epoch.pid).
# view: the hosts in service, as host@token, that this host's last two sweeps agreed on and found none of their users'
# sessions here. A sweep runs when the hosts in service change (and every minute): it asks Dovecot's own passdb
# (doveadm auth lookup, the same Lua) about every user with a session here, and kicks each one that now belongs to
# another host (doveadm kick). So a host that returns serves its users only after every other host has let go of them.
set -u
# Dovecot's master waits for a status report on fd 5 and kills a service process that sends none in 30 s; fd 6 is a pipe
# from the master that ends when the master does (src/lib-master/master-interface.h, the same in 2.3 and 2.4:
# struct master_status { pid_t pid; unsigned int uid; unsigned int available_count; }, uid from $GENERATION). This
# process reports itself busy (no connections to take) and stops when the pipe ends.
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }
# shellcheck disable=SC2059 # the format is the status's bytes, made above
printf "$(le32 $$)$(le32 "${GENERATION:-0}")$(le32 0)" >&5
token="$(date +%s).$$"
state=claiming
view=""
last_view=""
agreed=0
last_sweep=0

# One watcher: a Dovecot reload starts a new one, which replaces the one before it.
if [[ -r $PIDFILE ]]; then
  old=$(<"$PIDFILE")
  if [[ $old =~ ^[0-9]+$ && $old != "$$" ]] && grep -qs maildsl-backends "/proc/$old/cmdline"; then
    kill "$old" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do [[ -d /proc/$old ]] || break; sleep 0.2; done
  fi
fi
echo $$ >"$PIDFILE"

# To Dovecot's log, as an Info line of this service: a line on stderr that starts with \001, the log type plus one, and
# the pid is read as such (src/lib/failures.c); any other line would be logged as an error.
log() { printf '\001\002%s %s\n' "$$" "$*" >&2; }

# Writes this host's line as the mail user (NFS may squash root), atomically (rename).
publish() {
  local line tmp="$STATE_DIR/.$SELF.$$"
  line="$(date +%s) $1 $token $2"
  if ! printf '%s\n' "$line" | setpriv --reuid="$MAIL_UID" --regid="$MAIL_GID" --clear-groups tee "$tmp" >/dev/null \
    || ! setpriv --reuid="$MAIL_UID" --regid="$MAIL_GID" --clear-groups mv -f "$tmp" "$STATE_DIR/$SELF"; then
    log "cannot write $STATE_DIR/$SELF (is the mail storage mounted?)"
  fi
}

stop() {
  publish out ""
  log "$SELF is out of service"
  [[ $(cat "$PIDFILE" 2>/dev/null) == "$$" ]] && rm -f "$PIDFILE"
  exit 0
}
trap stop TERM INT

# Every host's line, fresh or not: "host epoch state token view".
lines() {
  local host line all=""
  for host in "${HOSTS[@]}"; do
    line=$(cat "$STATE_DIR/$host" 2>/dev/null) || continue
    all+="$host $line"$'\n'
  done
  printf '%s' "$all"
}

# The hosts in service, as host@token, sorted: fresh lines whose state is claiming or serving.
in_service() {
  local now host epoch st tok rest
  now=$(date +%s)
  while read -r host epoch st tok rest; do
    [[ $epoch =~ ^[0-9]+$ ]] || continue
    (( now - epoch <= STALE_AFTER )) || continue
    [[ $st == claiming || $st == serving ]] && echo "$host@$tok"
  done <<<"$(lines)" | sort | paste -sd, -
}

# The users with a session served here: 2.4 lists the connections its login processes proxy too, with the backend's
# address as dest_ip (doveadm-who.c); those are another host's to serve, not this one's.
local_users() {
  doveadm -f tab who -1 2>/dev/null \
    | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "dest_ip") d = i; next } !d || $d == "" { print $1 }' | sort -u
}

# Kicks every session here whose user now belongs to another host; succeeds when none is left.
sweep() {
  local user clean=0 lookup
  while read -r user; do
    [[ -n $user ]] || continue
    lookup=$(doveadm auth lookup "$user" 2>&1) || continue   # unknown or not decidable now: nothing to hand over
    if grep -Eq '^[[:space:]]*proxy[[:space:]]*:' <<<"$lookup"; then
      log "$user belongs to another host now: kicking its sessions here"
      doveadm kick "$user" >/dev/null 2>&1
      clean=1
    fi
  done < <(local_users)
  return $clean
}

# Whether every other host in service lists this host's current token in its view.
released() {
  local now host epoch st tok rest
  now=$(date +%s)
  while read -r host epoch st tok rest; do
    [[ $host == "$SELF" ]] && continue
    [[ $epoch =~ ^[0-9]+$ ]] || continue
    (( now - epoch <= STALE_AFTER )) || continue
    [[ $st == claiming || $st == serving ]] || continue
    [[ ",$rest," == *",$SELF@$token,"* ]] || return 1
  done <<<"$(lines)"
  return 0
}

log "$SELF claims its users (token $token)"
while :; do
  publish "$state" "$view"
  current=$(in_service)
  now=$(date +%s)
  if [[ $current != "$last_view" ]] || (( now - last_sweep >= 60 )); then
    agreed=0
    last_view=$current
  fi
  if (( agreed < 2 )); then
    last_sweep=$now
    if sweep; then agreed=$((agreed + 1)); else agreed=0; fi
    (( agreed >= 2 )) && view=$current
  fi
  if [[ $state == claiming ]] && [[ ",$current," == *",$SELF@$token,"* ]] && released; then
    state=serving
    log "$SELF serves its users: every other host in service has let go of them"
    publish "$state" "$view"
  fi
  # A second's wait on the master's pipe: it ends (read answers 1) when Dovecot's master goes, and this host with it.
  read -r -t 1 -u 6 _ 2>/dev/null
  (($? == 1)) && stop
done
