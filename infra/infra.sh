#!/usr/bin/env bash
# npm run infra:up | infra:down | infra:status
# Real services for Mosaic's infra mode, without Docker: the machine's
# PostgreSQL, Apache Kafka (KRaft) and the search engine from Maven Central jars.
# When a Docker engine answers, docker-compose.yml is used instead.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
action="${1:-}"

use_docker() {
  [ "${MOSAIC_INFRA_NO_DOCKER:-}" != "1" ] && command -v docker >/dev/null 2>&1 &&
    docker info >/dev/null 2>&1
}

if use_docker; then
  echo "[infra] Docker engine found: using docker-compose.yml"
  case "$action" in
    up) exec docker compose -f "$root/docker-compose.yml" up -d --wait ;;
    down) exec docker compose -f "$root/docker-compose.yml" down ;;
    status) exec docker compose -f "$root/docker-compose.yml" ps ;;
  esac
fi

services=(postgres kafka search)
script_of() {
  case "$1" in
    postgres) echo "$here/postgres.sh" ;;
    kafka) echo "$here/kafka/kafka.sh" ;;
    search) echo "$here/search/search.sh" ;;
  esac
}

case "$action" in
  up)
    for s in "${services[@]}"; do
      echo "[infra] starting $s"
      if ! bash "$(script_of "$s")" up; then
        echo "[infra] FAILED to start $s (see the lines above); stopping what was started" >&2
        "$0" down || true
        exit 1
      fi
    done
    echo "[infra] all services ready. Infra mode environment:"
    echo "  DATABASE_URL=postgres://postgres@127.0.0.1:5432"
    echo "  KAFKA_BROKERS=127.0.0.1:9092"
    echo "  SEARCH_URL=http://127.0.0.1:9200"
    echo "  and two different secrets of at least 32 characters: MOSAIC_AUTH_SECRET (user tokens)"
    echo "  and MOSAIC_GATEWAY_SECRET (the gateway's credential to the subgraphs)"
    ;;
  down)
    status=0
    for ((i = ${#services[@]} - 1; i >= 0; i--)); do
      bash "$(script_of "${services[$i]}")" down || status=1
    done
    exit "$status"
    ;;
  status)
    status=0
    for s in "${services[@]}"; do
      bash "$(script_of "$s")" status || status=3
    done
    exit "$status"
    ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
