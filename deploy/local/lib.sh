# shellcheck shell=bash disable=SC2034 # variables here are used by the scripts that source it
# Shared helpers for the local infrastructure scripts (infra-up/down/status).
# Sourced, never executed. Everything binds 127.0.0.1: no Docker here, so these are plain
# processes started detached, each recorded by pid and checked by port or health endpoint.

# --- Locations ---------------------------------------------------------------------------------
# The repo root is derived from this file's location so the scripts work from any cwd and in a
# clone that is not (yet) a git work tree.
LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LIB_DIR/../.." && pwd)"
RUN_DIR="$ROOT/.run"                  # per clone, git-ignored: config, data, logs, pids
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
# Unpacked downloads are shared by every clone on the machine: they are large and immutable.
CACHE_DIR="${GRANTFLOW_CACHE:-$HOME/.cache/grantflow}"

readonly HOST=127.0.0.1
readonly SERVICES="applications eligibility budget disbursement notifications"

# Versions and ports, in one place so status, up and down agree.
readonly KAFKA_VERSION=4.3.1
readonly KEYCLOAK_VERSION=26.7.3
readonly GREENMAIL_VERSION=2.1.3
readonly PG_PORT=5432
readonly KAFKA_PORT=9092
readonly KAFKA_CONTROLLER_PORT=9093
readonly KEYCLOAK_PORT=8180
readonly KEYCLOAK_MGMT_PORT=9000
readonly SMTP_PORT=3025
readonly IMAP_PORT=3143
readonly GREENMAIL_API_PORT=8025

KAFKA_HOME="$CACHE_DIR/kafka-$KAFKA_VERSION"
KAFKA_LIB="$KAFKA_HOME/lib"
KEYCLOAK_HOME="$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"
GREENMAIL_JAR="$CACHE_DIR/greenmail-$GREENMAIL_VERSION/greenmail-standalone-$GREENMAIL_VERSION.jar"
REALM_FILE="$ROOT/deploy/keycloak/grantflow-realm.json"
TOPICS_FILE="$ROOT/contracts/topics.txt"

# --- Logging -----------------------------------------------------------------------------------
# Progress goes to stderr so that stdout stays clean for tables and tool output.
log() { printf '%s [infra] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '%s [infra] WARN: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '%s [infra] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }
pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

ensure_run_dirs() { mkdir -p "$LOG_DIR" "$PID_DIR"; }

# Print the end of a component's log, so a failed wait explains itself.
show_log_tail() {
  local name=$1 lines=${2:-40} file
  file=$(log_file "$name")
  if [[ -s $file ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf -- '-----\n' >&2
  fi
}

# --- Probes ------------------------------------------------------------------------------------
# bash's /dev/tcp needs no netcat; the timeout guards against a black-holed connect.
port_open() {
  local host=$1 port=$2
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

# HTTP status code of a GET, or 000 when nothing answers.
http_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
}

# --- Processes ---------------------------------------------------------------------------------
# Every JVM we start carries -Dgrantflow.infra=<name> so that a pid read from a file is only
# trusted (and signalled) when it still is our process, not a recycled pid.
marker() { printf -- '-Dgrantflow.infra=%s' "$1"; }

pid_is_ours() {
  local name=$1 pid=$2
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(marker "$name")"
}

# The recorded pid when it is alive and ours; nothing (and status 1) otherwise.
running_pid() {
  local name=$1 file pid
  file=$(pid_file "$name")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  if pid_is_ours "$name" "$pid"; then
    printf '%s\n' "$pid"
  else
    return 1
  fi
}

# start_detached NAME CMD...: runs CMD in its own session (setsid), immune to the caller's
# hangup (nohup), stdin closed, stdout+stderr appended to .run/logs/NAME.log. The pid is written
# by the process itself just before exec, so it is right even if setsid had to fork.
start_detached() {
  local name=$1
  shift
  ensure_run_dirs
  local log pidf
  log=$(log_file "$name")
  pidf=$(pid_file "$name")
  rm -f "$pidf"
  printf '\n===== %s starting %s =====\n' "$(date '+%F %T')" "$name" >>"$log"
  # shellcheck disable=SC2016 # $$ and "$@" are expanded by the inner bash on purpose
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" "$@" >>"$log" 2>&1 </dev/null &
  local _
  for _ in $(seq 1 50); do
    [[ -s $pidf ]] && break
    sleep 0.1
  done
  [[ -s $pidf ]] || die "$name: did not record its pid in $pidf"
  log "$name: started, pid $(<"$pidf"), log $log"
}

# stop_pid NAME [TIMEOUT]: TERM the recorded process (and its session, which holds any child it
# spawned), wait for it to exit, KILL after TIMEOUT seconds. Idempotent.
stop_pid() {
  local name=$1 timeout=${2:-60} file pid sid
  file=$(pid_file "$name")
  if ! pid=$(running_pid "$name"); then
    rm -f "$file"
    return 0
  fi
  sid=$(ps -o sid= -p "$pid" | tr -d ' ')
  log "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= timeout * 10)); then
      warn "$name: pid $pid still alive after ${timeout}s, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  # A wrapper (kc.sh) that started the JVM as a child leaves with it; signal whatever is left
  # of the session we created, identified by its id, never by a name pattern.
  if [[ -n $sid && $sid != "$$" ]] && pgrep -s "$sid" >/dev/null 2>&1; then
    kill -TERM -- "-$sid" 2>/dev/null || true
  fi
  rm -f "$file"
  log "$name: stopped"
}

# --- Waits -------------------------------------------------------------------------------------
# A wait that fails stops the process it waited for: a half-started server (GreenMail's SMTP up
# but its API not bound, say) would otherwise pass for "already running" on the next run.
fail_start() {
  local name=$1
  shift
  show_log_tail "$name"
  stop_pid "$name" 30
  die "$*"
}

# Refuse to start when a port is held by something else: it would only fail later, slowly.
require_free_ports() {
  local name=$1 port
  shift
  for port in "$@"; do
    if port_open "$HOST" "$port"; then
      die "$name: port $HOST:$port is already in use by another process (see: ss -ltnp 'sport = :$port')"
    fi
  done
}

# wait_for_port NAME HOST PORT TIMEOUT_S: fails early if the recorded process died.
wait_for_port() {
  local name=$1 host=$2 port=$3 timeout=$4 start=$SECONDS
  until port_open "$host" "$port"; do
    check_still_alive "$name"
    if ((SECONDS - start >= timeout)); then
      fail_start "$name" "$name: $host:$port not open after ${timeout}s"
    fi
    sleep 0.5
  done
}

# wait_for_http NAME URL TIMEOUT_S [EXPECTED_CODE]
wait_for_http() {
  local name=$1 url=$2 timeout=$3 expected=${4:-200} start=$SECONDS code
  while true; do
    code=$(http_code "$url")
    [[ $code == "$expected" ]] && return 0
    check_still_alive "$name"
    if ((SECONDS - start >= timeout)); then
      fail_start "$name" "$name: $url answered $code, not $expected, after ${timeout}s"
    fi
    sleep 1
  done
}

# A process that died while we wait for it will never become ready: say so at once.
check_still_alive() {
  local name=$1 file
  file=$(pid_file "$name")
  [[ -f $file ]] || return 0 # not started by us (reused): nothing to watch
  if ! running_pid "$name" >/dev/null; then
    show_log_tail "$name"
    die "$name: process $(<"$file") exited; see $(log_file "$name")"
  fi
}

# --- Cache -------------------------------------------------------------------------------------
# Maven's output (even with -q, it leaves terminal escape codes) is shown only when it fails.
mvn_quiet() {
  local out rc=0
  out=$(mktemp)
  # The project's wrapper: it uses Maven 3.8+ or installs Debian's package on a fresh machine.
  "$ROOT/mvnw" -q -B -Dstyle.color=never "$@" >"$out" 2>&1 || rc=$?
  ((rc == 0)) || cat "$out" >&2
  rm -f "$out"
  return "$rc"
}

# Unpack into a temporary sibling and rename, so an interrupted download never leaves a
# half-filled directory that later runs would trust.
mvn_copy_deps() {
  local pom=$1 dest=$2 tmp
  [[ -f $dest/.complete ]] && return 0
  log "resolving $(basename "$(dirname "$pom")") from Maven into $dest"
  mkdir -p "$(dirname "$dest")"
  tmp=$(mktemp -d "$dest.tmp.XXXXXX")
  mvn_quiet -f "$pom" dependency:copy-dependencies -DoutputDirectory="$tmp" ||
    { rm -rf "$tmp"; die "maven could not resolve $pom"; }
  touch "$tmp/.complete"
  rm -rf "$dest"
  mv "$tmp" "$dest"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# --- Components' status (shared by infra-up and infra-status) ----------------------------------
postgres_is_up() { pg_isready -q -h "$HOST" -p "$PG_PORT" 2>/dev/null; }
kafka_is_up() { port_open "$HOST" "$KAFKA_PORT"; }
keycloak_is_up() {
  [[ $(http_code "http://$HOST:$KEYCLOAK_PORT/realms/grantflow/.well-known/openid-configuration") == 200 ]]
}
greenmail_is_up() { port_open "$HOST" "$SMTP_PORT"; }

# One status word per component: "up (pid N)", "up (reused)", "down".
component_status() {
  local name=$1 pid
  if ! "${name}_is_up"; then
    if pid=$(running_pid "$name"); then
      printf 'starting (pid %s)' "$pid"
    else
      printf 'down'
    fi
    return 0
  fi
  if [[ $name == postgres ]]; then
    if [[ -f $PID_DIR/postgres.started ]]; then
      printf 'up (started here: cluster %s)' "$(<"$PID_DIR/postgres.started")"
    else
      printf 'up (reused machine server)'
    fi
  elif pid=$(running_pid "$name"); then
    printf 'up (pid %s, rss %s MB)' "$pid" "$(($(ps -o rss= -p "$pid" | tr -d ' ') / 1024))"
  else
    printf 'up (not started by these scripts)'
  fi
}

component_address() {
  case $1 in
    postgres) printf 'postgresql://%s:%s' "$HOST" "$PG_PORT" ;;
    kafka) printf '%s:%s (controller %s)' "$HOST" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" ;;
    keycloak) printf 'http://%s:%s (mgmt :%s)' "$HOST" "$KEYCLOAK_PORT" "$KEYCLOAK_MGMT_PORT" ;;
    greenmail) printf 'smtp :%s imap :%s api http://%s:%s' "$SMTP_PORT" "$IMAP_PORT" "$HOST" "$GREENMAIL_API_PORT" ;;
  esac
}

print_summary() {
  local c
  printf '%-10s %-48s %s\n' COMPONENT ADDRESS STATUS
  for c in "$@"; do
    printf '%-10s %-48s %s\n' "$c" "$(component_address "$c")" "$(component_status "$c")"
  done
}

readonly ALL_COMPONENTS="postgres kafka keycloak greenmail"

# Validate component names given on the command line; none means all.
parse_components() {
  local c
  if (($# == 0)); then
    # shellcheck disable=SC2086 # deliberate word splitting of the fixed list
    printf '%s\n' $ALL_COMPONENTS
    return 0
  fi
  for c in "$@"; do
    case " $ALL_COMPONENTS " in
      *" $c "*) printf '%s\n' "$c" ;;
      *) die "unknown component '$c' (known: $ALL_COMPONENTS)" ;;
    esac
  done
}
