#!/usr/bin/env bash
# Stops what infra-up.sh started, waiting for each process to exit:
#
#   deploy/local/infra-down.sh                 # everything it started
#   deploy/local/infra-down.sh keycloak        # only these
#
# PostgreSQL is stopped only when infra-up.sh itself started the cluster; a server that was
# already running and merely reused is never touched. Idempotent.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

postgres_down() {
  local marker_file="$PID_DIR/postgres.started" ver cluster
  if [[ ! -f $marker_file ]]; then
    postgres_is_up && log "postgres: not started by infra-up.sh, leaving it running"
    return 0
  fi
  read -r ver cluster <"$marker_file"
  log "postgres: stopping cluster $ver/$cluster (infra-up.sh started it)"
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" stop >&2 || true
  rm -f "$marker_file"
}

main() {
  case ${1:-} in -h | --help)
    sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  esac
  local components c
  components=$(parse_components "$@")
  # Reverse start order: clients of Kafka/Keycloak are gone before those stop.
  for c in greenmail keycloak kafka postgres; do
    grep -qx "$c" <<<"$components" || continue
    case $c in
      postgres) postgres_down ;;
      # Kafka's controlled shutdown and Keycloak's take a few seconds; KILL only after 60 s.
      *) stop_pid "$c" 60 ;;
    esac
  done
  # shellcheck disable=SC2086 # one component per word
  print_summary $components
}

main "$@"
