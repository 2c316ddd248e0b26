#!/usr/bin/env bash
# Runs every test of the project: starts whatever infrastructure is missing (PostgreSQL, Kafka,
# Keycloak, GreenMail), then builds every module and runs unit tests, the *IT tests against the
# real infrastructure, the contract, deploy and end-to-end tests. Extra arguments go to Maven.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LIB_DIR/infra-up.sh"
cd "$ROOT"
exec ./mvnw -B -Dstyle.color=never verify "$@"
