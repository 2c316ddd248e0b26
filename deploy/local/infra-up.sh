#!/usr/bin/env bash
# Starts the local infrastructure of grantflow as plain processes on 127.0.0.1 (no Docker here)
# and waits until each part really serves: PostgreSQL (roles and databases per service), Kafka
# (KRaft, topics from contracts/topics.txt), Keycloak (realm grantflow), GreenMail (SMTP/IMAP).
#
#   deploy/local/infra-up.sh                   # everything
#   deploy/local/infra-up.sh postgres kafka    # only these
#
# Idempotent: what already answers on its port is left alone, so a second run is fast.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KEYCLOAK_TIMEOUT=${GRANTFLOW_KEYCLOAK_TIMEOUT:-300} # first start builds and creates the schema
KAFKA_TIMEOUT=${GRANTFLOW_KAFKA_TIMEOUT:-90}
GREENMAIL_TIMEOUT=${GRANTFLOW_GREENMAIL_TIMEOUT:-60}

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# ================================ PostgreSQL ====================================================
PG_SUPER=()

# The machine's own server is reused when it answers; otherwise Debian's cluster is installed
# and/or started, and that fact recorded so that infra-down stops only what we started.
postgres_server() {
  if postgres_is_up; then
    log "postgres: server on $HOST:$PG_PORT answers, reusing it"
    return 0
  fi
  local installed=no ver port
  if ! command -v pg_ctlcluster >/dev/null || [[ -z $(pg_lsclusters -h 2>/dev/null) ]]; then
    log "postgres: no server installed, installing Debian's postgresql (needs root)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    installed=yes
  fi
  read -r ver port < <(pg_lsclusters -h | awk '$2 == "main" { print $1, $3; exit }') || true
  [[ -n ${ver:-} ]] || die "postgres: no cluster 'main' found (pg_lsclusters)"
  [[ $port == "$PG_PORT" ]] || die "postgres: cluster $ver/main listens on port $port, expected $PG_PORT"
  if ! pg_ctlcluster "$ver" main status >/dev/null 2>&1; then
    log "postgres: starting cluster $ver/main"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2
    installed=yes
  fi
  # Recorded only when this script caused the server to run: infra-down may stop it then.
  if [[ $installed == yes ]]; then
    echo "$ver main" >"$PID_DIR/postgres.started"
  fi
  local start=$SECONDS
  until postgres_is_up; do
    ((SECONDS - start < 60)) || die "postgres: not ready on $HOST:$PG_PORT after 60s"
    sleep 0.5
  done
  log "postgres: cluster $ver/main ready"
}

# psql as a superuser: over TCP where trust auth allows it (this machine kind), else as the
# postgres OS user over the socket (peer auth on a fresh Debian install).
postgres_superuser() {
  if PGCONNECT_TIMEOUT=5 psql -w -h "$HOST" -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' \
    >/dev/null 2>&1 </dev/null; then
    PG_SUPER=(psql -w -h "$HOST" -p "$PG_PORT" -U postgres -d postgres)
  elif runuser -u postgres -- psql -w -p "$PG_PORT" -d postgres -Atqc 'select 1' >/dev/null 2>&1 </dev/null; then
    PG_SUPER=(runuser -u postgres -- psql -w -p "$PG_PORT" -d postgres)
  else
    die "postgres: cannot connect as superuser (neither -U postgres over $HOST nor runuser -u postgres)"
  fi
}

# The databases a role owns: a service's own, its tests' and the e2e's; the platform's tests (the
# outbox relay against a real database) have platform_test only.
databases_of() {
  if [[ $1 == platform ]]; then echo platform_test; else echo "$1 $1_test $1_e2e"; fi
}

# One LOGIN role per service and one for the platform's tests (password = its name: dev only)
# owning its databases. The \gexec pattern makes every statement conditional, so a rerun changes
# nothing.
postgres_objects() {
  local svc sql=""
  for svc in $SERVICES platform; do
    sql+="\\set svc $svc
\\set dbs '$(databases_of "$svc")'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'svc', :'svc')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'svc') \\gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'svc', :'svc')
 WHERE EXISTS (SELECT FROM pg_authid WHERE rolname = :'svc'
               AND (rolpassword IS NULL OR NOT rolcanlogin)) \\gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, :'svc')
  FROM unnest(string_to_array(:'dbs', ' ')) AS d
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d) \\gexec
"
  done
  "${PG_SUPER[@]}" -q -v ON_ERROR_STOP=1 >&2 <<<"$sql"
  # Prove what the services will do: password login over TCP to each of their databases.
  local db
  for svc in $SERVICES platform; do
    for db in $(databases_of "$svc"); do
      PGPASSWORD=$svc PGCONNECT_TIMEOUT=5 psql -w -h "$HOST" -p "$PG_PORT" -U "$svc" -d "$db" \
        -Atqc 'select 1' >/dev/null </dev/null ||
        die "postgres: role $svc cannot log in to $db with its password over $HOST (check pg_hba.conf)"
    done
  done
  log "postgres: roles and databases present for: $SERVICES platform"
}

postgres_up() {
  postgres_server
  postgres_superuser
  postgres_objects
}

# ================================ Kafka =========================================================
KAFKA_RUN="$RUN_DIR/kafka"

# Writes FILE from stdin only when the content differs: a rerun leaves mtimes alone.
write_if_changed() {
  local file=$1 tmp
  tmp=$(mktemp "$file.XXXXXX")
  cat >"$tmp"
  if [[ -f $file ]] && cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    mv "$tmp" "$file"
  fi
}

kafka_config() {
  mkdir -p "$KAFKA_RUN/data"
  write_if_changed "$KAFKA_RUN/server.properties" <<EOF
# Generated by deploy/local/infra-up.sh: single-node KRaft broker+controller, loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_RUN/data
# Topics come only from contracts/topics.txt; a typo in a service must fail, not create one.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumers in tests join at once instead of waiting 3 s for a rebalance.
group.initial.rebalance.delay.ms=0
log.retention.hours=168
EOF
  # Broker: INFO to stdout, which start_detached appends to .run/logs/kafka.log.
  write_if_changed "$KAFKA_RUN/log4j2.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.target = SYSTEM_OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF
  # Tools (storage format, topic creation): WARN to stderr so their stdout stays parseable.
  write_if_changed "$KAFKA_RUN/log4j2-tools.properties" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = ERR
# While the broker boots, every refused connection would print a WARN: CreateTopics retries.
logger.net.name = org.apache.kafka.clients.NetworkClient
logger.net.level = ERROR
EOF
}

kafka_tool() {
  java -Dlog4j2.configurationFile="$KAFKA_RUN/log4j2-tools.properties" -cp "$KAFKA_LIB/*" "$@"
}

# Storage is formatted once; formatting again would need a wipe of the data directory.
kafka_format() {
  [[ -f $KAFKA_RUN/data/meta.properties ]] && return 0
  local cluster_id
  cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid)
  log "kafka: formatting storage (cluster id $cluster_id)"
  kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_RUN/server.properties" \
    --standalone >>"$(log_file kafka)"
}

KAFKA_LAUNCHED=no
kafka_launch() {
  mvn_copy_deps "$ROOT/deploy/local/deps/kafka/pom.xml" "$KAFKA_LIB"
  # Tools' logging config is needed even when the broker runs already (topic creation).
  kafka_config
  if kafka_is_up; then
    if running_pid kafka >/dev/null; then
      log "kafka: already running (pid $(running_pid kafka))"
    else
      log "kafka: something already listens on $HOST:$KAFKA_PORT, using it as the broker"
    fi
    return 0
  fi
  require_free_ports kafka "$KAFKA_CONTROLLER_PORT"
  kafka_format
  start_detached kafka java -Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_RUN/log4j2.properties" "$(marker kafka)" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_RUN/server.properties"
  KAFKA_LAUNCHED=yes
}

kafka_ready() {
  if [[ $KAFKA_LAUNCHED == yes ]]; then
    wait_for_port kafka "$HOST" "$KAFKA_PORT" "$KAFKA_TIMEOUT"
    log "kafka: listening on $HOST:$KAFKA_PORT"
  fi
  kafka_topics
}

# Creating the topics goes through the broker, so it also proves the broker serves requests.
kafka_topics() {
  local out
  out=$(kafka_tool "$ROOT/deploy/local/CreateTopics.java" "$HOST:$KAFKA_PORT" "$TOPICS_FILE") ||
    { show_log_tail kafka; die "kafka: topic creation failed"; }
  local created
  created=$(grep -c '^created' <<<"$out" || true)
  log "kafka: topics ready ($(grep -c . <<<"$out") in contracts/topics.txt, $created created now)"
  grep '^created\|left alone' <<<"$out" | sed 's/^/  /' >&2 || true
}

# ================================ Keycloak ======================================================
KEYCLOAK_STAMP="$KEYCLOAK_HOME/data/grantflow-realm.sha256"

keycloak_fetch() {
  [[ -f $KEYCLOAK_HOME/.complete ]] && return 0
  log "keycloak: fetching keycloak-quarkus-dist $KEYCLOAK_VERSION into $KEYCLOAK_HOME"
  mkdir -p "$CACHE_DIR"
  local tmp
  tmp=$(mktemp -d "$CACHE_DIR/keycloak.tmp.XXXXXX")
  # Run outside the repo so that Maven does not read the project's own pom.
  (cd "$tmp" && mvn_quiet dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$tmp") ||
    { rm -rf "$tmp"; die "keycloak: maven could not fetch the distribution"; }
  if command -v unzip >/dev/null; then
    unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp"
  else
    # The JDK's jar tool unpacks too, but drops the execute bits of the scripts.
    (cd "$tmp" && jar xf "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")
    chmod +x "$tmp/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
  fi
  rm -f "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  touch "$tmp/keycloak-$KEYCLOAK_VERSION/.complete"
  rm -rf "$KEYCLOAK_HOME"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
  rm -rf "$tmp"
}

keycloak_realm_current() {
  [[ -f $KEYCLOAK_STAMP && $(<"$KEYCLOAK_STAMP") == "$(sha256_of "$REALM_FILE")" ]]
}

# The dist (and so its dev H2 database) is shared by all clones; --import-realm skips a realm
# that exists, so a changed realm file only takes effect after the database is dropped.
keycloak_sync_realm() {
  keycloak_realm_current && return 0
  log "keycloak: realm file changed (or first use): dropping the dev database to re-import it"
  rm -rf "$KEYCLOAK_HOME/data/h2"
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$REALM_FILE" "$KEYCLOAK_HOME/data/import/grantflow-realm.json"
  sha256_of "$REALM_FILE" >"$KEYCLOAK_STAMP"
}

# Launch only; keycloak_wait does the (long) wait so the other parts start meanwhile.
KEYCLOAK_LAUNCHED=no
keycloak_launch() {
  keycloak_fetch
  if keycloak_is_up && keycloak_realm_current; then
    log "keycloak: already running with the current realm"
    return 0
  fi
  if running_pid keycloak >/dev/null; then
    if keycloak_realm_current; then
      log "keycloak: still starting (pid $(running_pid keycloak))"
      KEYCLOAK_LAUNCHED=yes
      return 0
    fi
    log "keycloak: realm file changed, restarting it"
    stop_pid keycloak 60
  elif port_open "$HOST" "$KEYCLOAK_PORT"; then
    die "keycloak: $HOST:$KEYCLOAK_PORT is taken by a process these scripts did not start" \
      "(or serves an outdated realm); stop it first"
  fi
  require_free_ports keycloak "$KEYCLOAK_MGMT_PORT"
  keycloak_sync_realm
  # -D arguments reach the JVM's command line: the marker identifies it. The dev admin
  # account is only for the local admin console.
  start_detached keycloak env \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
    --http-host="$HOST" --http-port="$KEYCLOAK_PORT" \
    --http-management-host="$HOST" --http-management-port="$KEYCLOAK_MGMT_PORT" \
    --health-enabled=true --import-realm "$(marker keycloak)"
  KEYCLOAK_LAUNCHED=yes
}

# kc.sh runs Java as a child, or execs it after a rebuild (then the pid is already Java's):
# record the JVM so that stop and RSS refer to the real server.
keycloak_record_java_pid() {
  local pid child
  pid=$(running_pid keycloak) || return 0
  [[ $(ps -o comm= -p "$pid") == java ]] && return 0
  for child in $(pgrep -P "$pid" || true); do
    if [[ $(ps -o comm= -p "$child") == java ]] && pid_is_ours keycloak "$child"; then
      echo "$child" >"$(pid_file keycloak)"
      return 0
    fi
  done
}

keycloak_wait() {
  [[ $KEYCLOAK_LAUNCHED == yes ]] || return 0
  log "keycloak: waiting for realm grantflow (first start ~1-2 min, a restart ~15-20 s)"
  wait_for_http keycloak \
    "http://$HOST:$KEYCLOAK_PORT/realms/grantflow/.well-known/openid-configuration" "$KEYCLOAK_TIMEOUT"
  wait_for_http keycloak "http://$HOST:$KEYCLOAK_MGMT_PORT/health/ready" 60
  keycloak_record_java_pid
  log "keycloak: ready (pid $(running_pid keycloak || echo '?'))"
}

# ================================ GreenMail =====================================================
GREENMAIL_LAUNCHED=no
greenmail_launch() {
  mvn_copy_deps "$ROOT/deploy/local/deps/greenmail/pom.xml" "$(dirname "$GREENMAIL_JAR")"
  if greenmail_is_up; then
    log "greenmail: already running"
    return 0
  fi
  require_free_ports greenmail "$IMAP_PORT" "$GREENMAIL_API_PORT"
  # test setups = SMTP 3025 / IMAP 3143 on 127.0.0.1; auth disabled: any recipient is accepted
  # and its mailbox is readable over IMAP by logging in as that address with any password.
  start_detached greenmail java -Xms16m -Xmx256m -XX:+UseSerialGC -Djava.awt.headless=true \
    -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap -Dgreenmail.hostname="$HOST" \
    -Dgreenmail.auth.disabled \
    -Dgreenmail.api.hostname="$HOST" -Dgreenmail.api.port="$GREENMAIL_API_PORT" \
    "$(marker greenmail)" -jar "$GREENMAIL_JAR"
  GREENMAIL_LAUNCHED=yes
}

greenmail_wait() {
  [[ $GREENMAIL_LAUNCHED == yes ]] || return 0
  wait_for_port greenmail "$HOST" "$SMTP_PORT" "$GREENMAIL_TIMEOUT"
  wait_for_port greenmail "$HOST" "$IMAP_PORT" "$GREENMAIL_TIMEOUT"
  wait_for_http greenmail "http://$HOST:$GREENMAIL_API_PORT/api/service/readiness" "$GREENMAIL_TIMEOUT"
  log "greenmail: ready"
}

# ================================ Main ==========================================================
# The tools every part needs, checked before anything starts so a fresh machine fails clearly.
require_tools() {
  command -v java >/dev/null || die "java (17 or newer) is needed: apt-get install openjdk-17-jdk-headless"
  if ! command -v curl >/dev/null; then
    [[ $(id -u) -eq 0 ]] || die "curl is needed: apt-get install curl (as root)"
    log "installing curl (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
  fi
  # Not for the infrastructure but for the tests after it: deploy-tests' OpenApiLintIT runs Redocly
  # CLI through npx (Node.js 20.19 or newer). Installed as PostgreSQL is: Debian's packages, as root.
  if ! command -v npx >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then
      log "installing nodejs and npm (Debian packages) for the OpenAPI lint"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      warn "npx is missing: the OpenAPI lint (OpenApiLintIT) will fail; apt-get install nodejs npm (as root)"
    fi
  fi
  local node
  node=$(node --version 2>/dev/null || true)
  # sorted already when 20.19.0 comes first: this Node.js is new enough
  if [[ -n $node ]] && ! printf 'v20.19.0\n%s\n' "$node" | sort -V -C; then
    warn "Node.js $node is older than 20.19, which the OpenAPI lint needs (Debian 13's nodejs, or NodeSource's 20)"
  fi
}

main() {
  case ${1:-} in -h | --help) usage 0 ;; esac
  require_tools
  local components
  components=$(parse_components "$@")
  want() { grep -qx "$1" <<<"$components"; }
  ensure_run_dirs
  local started=$SECONDS

  # Launch the JVMs first (Keycloak, by far the slowest, before all), then wait for each: they
  # boot in parallel while PostgreSQL is set up.
  if want keycloak; then keycloak_launch; fi
  if want kafka; then kafka_launch; fi
  if want greenmail; then greenmail_launch; fi
  if want postgres; then postgres_up; fi
  if want kafka; then kafka_ready; fi
  if want greenmail; then greenmail_wait; fi
  if want keycloak; then keycloak_wait; fi

  log "infrastructure ready in $((SECONDS - started))s"
  # shellcheck disable=SC2086 # one component per word
  print_summary $components
}

main "$@"
