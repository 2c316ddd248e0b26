#!/usr/bin/env bash
# Creates every topic of $TOPICS_FILE (contracts/topics.txt: "name partitions [compact]" lines,
# '#' comments) that does not exist yet. Run by the topics container of docker-compose.yml with the
# apache/kafka image; existing topics are left alone, so running it again is harmless.
set -euo pipefail
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
TOPICS_FILE=${TOPICS_FILE:-/etc/grantflow/topics.txt}
: "${KAFKA_BOOTSTRAP_SERVERS:?}"
REPLICATION_FACTOR=${REPLICATION_FACTOR:-1}
TOPIC_PREFIX=${TOPIC_PREFIX:-}
while read -r name partitions policy _ || [[ -n ${name:-} ]]; do
  [[ -z $name || $name == \#* ]] && continue
  config=()
  [[ ${policy:-} == compact ]] && config=(--config cleanup.policy=compact)
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$TOPIC_PREFIX$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" "${config[@]}"
  echo "topic $TOPIC_PREFIX$name: $partitions partitions"
done <"$TOPICS_FILE"
