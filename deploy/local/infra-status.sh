#!/usr/bin/env bash
# Prints the state of the local infrastructure (the same table infra-up.sh ends with):
#
#   deploy/local/infra-status.sh [postgres|kafka|keycloak|greenmail ...]
#
# Exit status 0 when every listed component is up, 1 otherwise (usable as a CI guard).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case ${1:-} in -h | --help)
  sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
esac
components=$(parse_components "$@")
# shellcheck disable=SC2086 # one component per word
print_summary $components
for c in $components; do
  "${c}_is_up" || exit 1
done
