#!/usr/bin/env bash
# shellcheck disable=SC1003 # bs='\' is one backslash, as meant
# install.sh's secret steps (the directory's bind password, the database's): InstallScriptRenderer writes them into a
# host's install.sh after the host's data and before install-engine.sh, from the line after the mark below. Each secret
# is read on the host from its file or environment variable, refused when it is missing, empty, multi-line or holds a
# character a syntax it is written into cannot hold, all before anything is changed; then written over its placeholders
# in the staged copy of each file, encoded for that file's syntax. Pure bash: a secret is never an argument of another
# program (where ps would show it), never printed, never traced. Checked by shellcheck, and function by function by
# tests/MailDsl.Render.Tests/Install/install-engine-tests.sh.
#
# The host's secrets, assigned above in install.sh (empty here, where this file is sourced alone): each secret's id, where
# it is read (kind file or env, and the file or variable) and what it is; each placeholder's file, text, secret and
# encoder (maildsl_encode_<syntax>, below).
secret_id=() secret_kind=() secret_source=() secret_what=()
placeholder_file=() placeholder_text=() placeholder_secret=() placeholder_encoder=()
# The folder of the staged copies (install-engine.sh's).
stage=''
# --- install.sh holds this file from the next line on ---
# ---------------------------------------------------------------------------------------------------------------------
# What follows is the same on every host; everything above it is this host's.
# --- secrets --------------------------------------------------------------------------------------------------------
# Secrets: read on this host, never printed, checked against every syntax they are written in before anything
# changes, then written over their placeholders in the installed files (fill_secrets, below).
if ((${#secret_id[@]})); then set +x; fi
shopt -u patsub_replacement 2>/dev/null || true
declare -A maildsl_secret=()
maildsl_load_secret() {
  local id=$1 kind=$2 source=$3 what=$4 value
  if [[ $kind == file ]]; then
    [[ -f $source && -r $source ]] || { echo "install.sh: $what is read from the file $source, which is missing on this host: put it there (one line, mode 0600)" >&2; return 1; }
    [[ $(tr -d '\000' <"$source" | wc -c) -eq $(wc -c <"$source") ]] || { echo "install.sh: $what in $source holds a NUL byte: no configuration file can hold it" >&2; return 1; }
    value=$(<"$source")
  else
    [[ -n ${!source+set} ]] || { echo "install.sh: $what is read from the environment variable $source, which is not set: run install.sh with it" >&2; return 1; }
    value=${!source}
  fi
  [[ -n $value ]] || { echo "install.sh: $what ($kind $source) is empty" >&2; return 1; }
  [[ $value != *$'\n'* && $value != *$'\r'* ]] || { echo "install.sh: $what ($kind $source) holds a line break: a secret is one line" >&2; return 1; }
  [[ $(LC_ALL=C; [[ $value == *[[:cntrl:]]* ]] && echo x) != x ]] || { echo "install.sh: $what ($kind $source) holds a control character, which no configuration file here can hold" >&2; return 1; }
  maildsl_secret[$id]=$value
}
maildsl_encode_postfixtable() {
  # Postfix's table files strip a value's leading and trailing whitespace and have no quoting.
  [[ $1 != [[:space:]]* && $1 != *[[:space:]] ]] || { echo "install.sh: a secret for $2 starts or ends with whitespace, which Postfix's table files strip (they have no quoting): choose another" >&2; return 1; }
  printf '%s' "$1"
}
maildsl_encode_dovecot23() {
  local bs='\' q='"' v=$1
  v=${v//"$bs"/"$bs$bs"}
  v=${v//"$q"/"$bs$q"}
  printf '%s' "$v"
}
maildsl_encode_dovecot24() {
  local bs='\' q='"' v=$1
  v=${v//"$bs"/"$bs$bs"}
  v=${v//"$q"/"$bs$q"}
  # Dovecot 2.4 expands %{...} in every string setting; its lexer reads %%{ as a literal %{.
  v=${v//'%{'/'%%{'}
  printf '%s' "$v"
}
maildsl_encode_plist() {
  # sogo.conf is read in GNUstep's C-string encoding: only ASCII is sure to reach SOGo unchanged.
  [[ $(LC_ALL=C; [[ $1 == *[^[:print:]]* ]] && echo x) != x ]] || { echo "install.sh: a secret for $2 holds a non-ASCII character, which SOGo's property list may read differently: choose an ASCII one" >&2; return 1; }
  local bs='\' q='"' v=$1
  v=${v//"$bs"/"$bs$bs"}
  v=${v//"$q"/"$bs$q"}
  printf '%s' "$v"
}
maildsl_encode_urluserinfo() {
  local LC_ALL=C s=$1 out='' c i n
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9._~-]) out+=$c ;;
      *) printf -v n '%d' "'$c"; ((n < 0)) && ((n += 256)); printf -v c '%%%02X' "$n"; out+=$c ;;
    esac
  done
  printf '%s' "$out"
}
maildsl_encode_pgconninfoindovecot23() {
  local bs='\' q='"' sq="'" v=$1
  v=${v//"$bs"/"$bs$bs"}
  v=${v//"$sq"/"$bs$sq"}
  v=${v//"$bs"/"$bs$bs"}
  v=${v//"$q"/"$bs$q"}
  printf '%s' "$v"
}
maildsl_encode_mysqlindovecot23() {
  [[ $1 != *[[:space:]]* ]] || { echo "install.sh: a secret for $2 holds whitespace, which Dovecot 2.3's mysql connect string splits at (it has no quoting): choose another" >&2; return 1; }
  local bs='\' q='"' v=$1
  v=${v//"$bs"/"$bs$bs"}
  v=${v//"$q"/"$bs$q"}
  printf '%s' "$v"
}
# Writes each secret over its placeholders in an installed file, keeping the file's owner and mode.
fill_secrets() {
  local file=$1 text encoded placeholder id encoder
  shift
  text=$(cat -- "$file"; printf x)
  text=${text%x}
  while (($# >= 3)); do
    placeholder=$1 id=$2 encoder=$3
    shift 3
    encoded=$("$encoder" "${maildsl_secret[$id]}" "$file") || return 1
    text=${text//"$placeholder"/"$encoded"}
  done
  rm -f -- "$file.maildsl-secret"
  (umask 077 && : >"$file.maildsl-secret")
  chown --reference="$file" -- "$file.maildsl-secret"
  chmod --reference="$file" -- "$file.maildsl-secret"
  printf '%s' "$text" >"$file.maildsl-secret"
  mv -f -- "$file.maildsl-secret" "$file"
}

# Reads every secret, then tries each in every syntax it is written in, so that a refusal comes before any file changes.
load_secrets() {
  local i
  for i in "${!secret_id[@]}"; do
    maildsl_load_secret "${secret_id[$i]}" "${secret_kind[$i]}" "${secret_source[$i]}" "${secret_what[$i]}" || exit 1
  done
  for i in "${!placeholder_file[@]}"; do
    "${placeholder_encoder[$i]}" "${maildsl_secret[${placeholder_secret[$i]}]}" "${placeholder_file[$i]}" >/dev/null || exit 1
  done
}

# Writes the secrets over their placeholders in the staged copies, each file once.
fill_staged_secrets() {
  local i j file args
  local -A done_files=()
  for i in "${!placeholder_file[@]}"; do
    file=${placeholder_file[$i]}
    [[ -z ${done_files[$file]:-} ]] || continue
    done_files[$file]=1
    args=()
    for j in "${!placeholder_file[@]}"; do
      if [[ ${placeholder_file[$j]} == "$file" ]]; then args+=("${placeholder_text[$j]}" "${placeholder_secret[$j]}" "${placeholder_encoder[$j]}"); fi
    done
    fill_secrets "$stage$file" "${args[@]}" || exit 1
  done
}
