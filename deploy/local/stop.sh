#!/usr/bin/env bash
# Stops the five services started by start.sh; with --all, the infrastructure as well.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for svc in $SERVICES; do
  stop_pid "$svc" 30
done
if [[ ${1:-} == --all ]]; then
  "$LIB_DIR/infra-down.sh"
fi
