#!/usr/bin/env bash
# Starts the whole suite on this machine: infrastructure (PostgreSQL, Kafka, Keycloak, GreenMail),
# the five services built from this clone, and demo data; then prints where everything is.
# Idempotent: what already runs is left alone. Stop with deploy/local/stop.sh.
#   deploy/local/start.sh            build when sources changed, start all, seed demo data
#   deploy/local/start.sh --rebuild  always rebuild the services first
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REBUILD=0
for arg in "$@"; do
  case $arg in
    --rebuild) REBUILD=1 ;;
    -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "unknown option $arg" ;;
  esac
done

declare -A PORT=([applications]=8081 [eligibility]=8082 [budget]=8083 [disbursement]=8084 [notifications]=8085)
# Health, metrics and the API documents: the management interface, loopback only.
declare -A MGMT=([applications]=9081 [eligibility]=9082 [budget]=9083 [disbursement]=9084 [notifications]=9085)
SERVICE_TIMEOUT=${GRANTFLOW_SERVICE_TIMEOUT:-120}
started=$SECONDS

"$LIB_DIR/infra-up.sh"

# Build only when a service jar is missing or any source is newer than it: a warm restart
# then costs seconds, not the minutes of five Quarkus builds.
needs_build() {
  ((REBUILD)) && return 0
  local svc jar
  for svc in $SERVICES; do
    jar="$ROOT/services/$svc/target/quarkus-app/quarkus-run.jar"
    [[ -f $jar ]] || return 0
    if [[ -n $(find "$ROOT/services/$svc/src/main" "$ROOT/platform/src/main" "$ROOT/contracts/src/main" \
      "$ROOT/contracts/schemas" "$ROOT/pom.xml" "$ROOT/services/$svc/pom.xml" -newer "$jar" -print -quit) ]]; then
      return 0
    fi
  done
  return 1
}
if needs_build; then
  log "build: packaging the services (mvnw package -DskipTests), log $(log_file build)"
  ensure_run_dirs
  if ! (cd "$ROOT" && ./mvnw -B -Dstyle.color=never package -DskipTests \
    -pl services/applications,services/eligibility,services/budget,services/disbursement,services/notifications -am \
    >"$(log_file build)" 2>&1); then
    tail -n 40 "$(log_file build)" >&2
    die "build failed; see $(log_file build)"
  fi
else
  log "build: service jars are up to date"
fi

service_ready() { [[ $(http_code "http://$HOST:${MGMT[$1]}/q/health/ready") == 200 ]]; }

# the local suite pays through the treasury simulator (the production profile has no default gateway)
export GRANTFLOW_TREASURY_GATEWAY=${GRANTFLOW_TREASURY_GATEWAY:-simulated}
# a partner agency's webhook receiver on this machine (plain http to the loopback host only);
# production names its hosts (WEBHOOK_ALLOWED_HOSTS) and allows https alone
export WEBHOOK_ALLOWED_HOSTS=${WEBHOOK_ALLOWED_HOSTS:-127.0.0.1,localhost}
export GRANTFLOW_WEBHOOKS_ALLOW_LOOPBACK_HTTP=${GRANTFLOW_WEBHOOKS_ALLOW_LOOPBACK_HTTP:-true}
for svc in $SERVICES; do
  if service_ready "$svc"; then
    log "$svc: already running on ${PORT[$svc]}"
    continue
  fi
  require_free_ports "$svc" "${PORT[$svc]}" "${MGMT[$svc]}"
  start_detached "$svc" java -Xmx192m -XX:+UseSerialGC "$(marker "$svc")" \
    -jar "$ROOT/services/$svc/target/quarkus-app/quarkus-run.jar"
done
for svc in $SERVICES; do
  wait_for_http "$svc" "http://$HOST:${MGMT[$svc]}/q/health/ready" "$SERVICE_TIMEOUT"
  log "$svc: ready"
done

"$LIB_DIR/seed-demo.sh"

cat <<EOF_URLS

grantflow is running ($((SECONDS - started)) s).

  Service         API                     Swagger UI (management)             Health
  applications    http://127.0.0.1:8081   http://127.0.0.1:9081/q/swagger-ui   http://127.0.0.1:9081/q/health
  eligibility     http://127.0.0.1:8082   http://127.0.0.1:9082/q/swagger-ui   http://127.0.0.1:9082/q/health
  budget          http://127.0.0.1:8083   http://127.0.0.1:9083/q/swagger-ui   http://127.0.0.1:9083/q/health
  disbursement    http://127.0.0.1:8084   http://127.0.0.1:9084/q/swagger-ui   http://127.0.0.1:9084/q/health
  notifications   http://127.0.0.1:8085   http://127.0.0.1:9085/q/swagger-ui   http://127.0.0.1:9085/q/health
  Metrics (Prometheus): http://127.0.0.1:908x/q/metrics

  Keycloak        http://127.0.0.1:8180/admin  (admin / admin), realm grantflow
  Kafka           127.0.0.1:9092               topics: contracts/topics.txt
  Mail (GreenMail) SMTP 127.0.0.1:3025, IMAP 127.0.0.1:3143 (log in with the full address, any password)

  Demo users (password "demo"; token: POST http://127.0.0.1:8180/realms/grantflow/protocol/openid-connect/token
  with grant_type=password, client_id=grantflow-cli):
    ent-alpha     enterprise 91320214AY4CL12T29 (alpha@enterprise.test)
    ent-beta      enterprise 913202117BYC46N175 (beta@enterprise.test)
    ent-gamma, ent-delta, ent-epsilon, ent-zeta  enterprises ({gamma,delta,epsilon,zeta}@enterprise.test)
    rev-industry  reviewer, department industry       rev-science  reviewer, department science
    rev-industry-2  reviewer, department industry (the second pair of eyes on large recommendations)
    rev-reform    reviewer, department reform (发展改革: the district block grants' plans)
    city-approver   city_approver (市政府审定: CITY_APPROVAL, CASE_BY_CASE and overrides)
    fin-officer   finance        fin-checker  finance (the second pair of eyes on block grants)
    ops           operator       admin-user   admin
  Partner agencies (client credentials, secret <client>-secret): agency-industry, agency-science,
  agency-data, agency-finance

  Logs: $LOG_DIR        Stop: deploy/local/stop.sh (add --all to stop the infrastructure too)
EOF_URLS
