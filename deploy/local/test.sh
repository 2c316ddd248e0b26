#!/usr/bin/env bash
# Runs every test of the project: starts whatever infrastructure is missing (PostgreSQL, Kafka,
# Keycloak, GreenMail), then builds every module and runs unit tests, the *IT tests against the
# real infrastructure, the contract, deploy and end-to-end tests. Extra arguments go to Maven.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LIB_DIR/infra-up.sh"

# Tests own their data: the test and e2e databases start empty, so that nothing a previous run
# (or a branch with migrations main does not have) left there decides this run. Each role owns
# its databases, so it empties them itself; Flyway then migrates from scratch.
# GRANTFLOW_KEEP_TEST_DATA=1 keeps them (e.g. to look at what a failed run left).
if [[ ${GRANTFLOW_KEEP_TEST_DATA:-0} != 1 ]]; then
  for svc in $SERVICES platform; do
    for db in $([[ $svc == platform ]] && echo platform_test || echo "${svc}_test ${svc}_e2e"); do
      # the schema public is the database owner's again after it (a test that dropped and made it
      # anew made it the role's, and DROP OWNED would leave the database without one)
      PGPASSWORD=$svc PGCONNECT_TIMEOUT=5 psql -w -q -h "$HOST" -p "$PG_PORT" -U "$svc" -d "$db" \
        -v ON_ERROR_STOP=1 -c "DROP OWNED BY \"$svc\"" -c "CREATE SCHEMA IF NOT EXISTS public" \
        -c "ALTER SCHEMA public OWNER TO pg_database_owner" </dev/null ||
        die "postgres: could not empty $db as $svc"
    done
  done
  log "postgres: test and e2e databases emptied"
fi

cd "$ROOT"
exec ./mvnw -B -Dstyle.color=never verify "$@"
