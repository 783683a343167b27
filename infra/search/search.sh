#!/usr/bin/env bash
# Mosaic local search engine: one embedded Elasticsearch 8.x node, built from Maven Central jars.
# See docs/adr/0001-search-engine.md for why and how.
#
#   infra/search/search.sh up      build/resolve if needed, start, wait until the cluster is yellow/green
#   infra/search/search.sh down    SIGTERM, then SIGKILL after SEARCH_STOP_TIMEOUT seconds
#   infra/search/search.sh status  running/stopped, pid, engine + version; exit 0 running, 3 stopped
#   infra/search/search.sh build   (re)build the launcher and copy the jars into the cache
#
# Everything generated lives under <repo>/.infra (git-ignored):
#   .infra/cache/search/{lib,target,home,tmp}  jars, launcher build, node home, JVM tmp
#   .infra/data/search                         index data
#   .infra/logs/search.log                     node log (previous run: search.log.1)
#   .infra/run/search.pid                      pid of the node's JVM
#
# Environment: SEARCH_PORT (9200), SEARCH_START_TIMEOUT (120 s), SEARCH_STOP_TIMEOUT (30 s),
#   SEARCH_JAVA_OPTS (extra JVM flags), JAVA_HOME (JDK 17+; default: java on PATH), MAVEN_ARGS (extra mvn flags).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

SERVICE="search (Elasticsearch)"
HOST="127.0.0.1"
PORT="${SEARCH_PORT:-9200}"
URL="http://$HOST:$PORT"
START_TIMEOUT="${SEARCH_START_TIMEOUT:-120}"
STOP_TIMEOUT="${SEARCH_STOP_TIMEOUT:-30}"

CACHE="$ROOT/.infra/cache/search"
LIB="$CACHE/lib"
JAR="$CACHE/target/mosaic-search-node.jar"
STAMP="$CACHE/build.sha256"
NODE_HOME="$CACHE/home"
DATA="$ROOT/.infra/data/search"
LOG_DIR="$ROOT/.infra/logs"
LOG="$LOG_DIR/search.log"
RUN_DIR="$ROOT/.infra/run"
PIDFILE="$RUN_DIR/search.pid"
MAIN_CLASS="dev.mosaic.search.SearchNodeLauncher"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

say() { echo "search: $*"; }
die() { echo "search: ERROR: $*" >&2; exit 1; }

# Hash of everything that goes into the build: a changed pom or launcher source triggers a rebuild.
source_hash() {
  (cd "$SCRIPT_DIR" && find pom.xml src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

build() {
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to resolve the Elasticsearch jars from Maven Central"
  say "resolving Elasticsearch jars from Maven Central and building the launcher (first run only) ..."
  local t0=$SECONDS
  rm -rf "$LIB" "$CACHE/target"
  # shellcheck disable=SC2086
  if ! mvn -B -q ${MAVEN_ARGS:-} -f "$SCRIPT_DIR/pom.xml" package >"$CACHE/build.log" 2>&1; then
    tail -n 40 "$CACHE/build.log" >&2
    die "$SERVICE: Maven build failed (full log: $CACHE/build.log)"
  fi
  source_hash >"$STAMP"
  say "built in $((SECONDS - t0))s: $(find "$LIB" -name '*.jar' | wc -l) jars in ${LIB#"$ROOT"/}"
}

build_if_needed() {
  mkdir -p "$CACHE"
  if [[ -f "$JAR" && -d "$LIB" && -f "$STAMP" && "$(cat "$STAMP")" == "$(source_hash)" ]]; then
    return 0
  fi
  build
}

# Prints the pid if our node is running (pid file + live process that is our launcher), else nothing.
running_pid() {
  [[ -f "$PIDFILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
    echo "$pid"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

health() { curl -fsS -m 3 "$URL/_cluster/health?filter_path=status" 2>/dev/null | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'; }

engine_version() {
  local body
  body="$(curl -fsS -m 3 "$URL/" 2>/dev/null)" || return 0
  local number
  number="$(printf '%s' "$body" | tr -d '\n' | sed -n 's/.*"number" *: *"\([^"]*\)".*/\1/p')"
  [[ -n "$number" ]] && echo "Elasticsearch $number"
}

rss_mb() { awk '/^VmRSS:/ {printf "%d", $2/1024}' "/proc/$1/status" 2>/dev/null || true; }

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "$SERVICE needs a Java 17+ runtime (set JAVA_HOME or put java on PATH)"
  local major
  major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
  [[ -n "$major" && "$major" -ge 17 ]] || die "$SERVICE needs Java 17+, found '$major' at $JAVA"
}

fail_start() {
  local reason="$1" pid="${2:-}"
  echo "search: ERROR: $SERVICE failed to start: $reason" >&2
  echo "----- last 40 lines of ${LOG#"$ROOT"/} -----" >&2
  tail -n 40 "$LOG" >&2 || true
  echo "-----" >&2
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    sleep 2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  exit 1
}

cmd_up() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    say "already running (pid $pid) on $URL"
    return 0
  fi
  rm -f "$PIDFILE"
  if port_in_use; then
    die "$SERVICE cannot start: $HOST:$PORT is already in use by another process (not ours: no live pid in ${PIDFILE#"$ROOT"/})"
  fi
  command -v curl >/dev/null 2>&1 || die "curl is needed to check $SERVICE readiness"
  check_java
  build_if_needed

  mkdir -p "$DATA" "$LOG_DIR" "$RUN_DIR" "$NODE_HOME" "$CACHE/tmp"
  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"

  local -a jvm=(
    -Xms1g -Xmx1g
    -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError
    -Djava.io.tmpdir="$CACHE/tmp"
    -Djava.awt.headless=true -Dfile.encoding=UTF-8
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0
  )
  # shellcheck disable=SC2206
  [[ -n "${SEARCH_JAVA_OPTS:-}" ]] && jvm+=(${SEARCH_JAVA_OPTS})

  say "starting $SERVICE on $URL (heap 1g, log ${LOG#"$ROOT"/}) ..."
  local t0
  t0="$(date +%s%N)"
  # setsid: the node survives the caller's terminal/Ctrl-C; stop it with `search.sh down`.
  setsid "$JAVA" "${jvm[@]}" -cp "$LIB/*:$JAR" "$MAIN_CLASS" \
    --config "$SCRIPT_DIR/config" \
    -Epath.home="$NODE_HOME" -Epath.data="$DATA" -Epath.logs="$LOG_DIR" \
    -Ehttp.host="$HOST" -Ehttp.port="$PORT" \
    </dev/null >>"$LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PIDFILE"

  local deadline=$((SECONDS + START_TIMEOUT)) next_note=$((SECONDS + 5)) status=""
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      fail_start "the JVM (pid $pid) exited during startup" ""
    fi
    status="$(health || true)"
    if [[ "$status" == "green" || "$status" == "yellow" ]]; then break; fi
    if ((SECONDS >= deadline)); then
      fail_start "not ready within ${START_TIMEOUT}s (cluster health: '${status:-no answer}'; raise SEARCH_START_TIMEOUT if the machine is slow)" "$pid"
    fi
    if ((SECONDS >= next_note)); then
      say "waiting for $SERVICE ... $((SECONDS - deadline + START_TIMEOUT))s (health: ${status:-no answer yet})"
      next_note=$((SECONDS + 5))
    fi
    sleep 0.5
  done
  local ms=$((($(date +%s%N) - t0) / 1000000))
  say "up: $(engine_version) on $URL, cluster health $status, pid $pid, ready in $((ms / 1000)).$(printf '%03d' $((ms % 1000)) | cut -c1)s, RSS $(rss_mb "$pid") MB"
}

cmd_down() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PIDFILE"
    say "not running"
    return 0
  fi
  say "stopping $SERVICE (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "still alive after ${STOP_TIMEOUT}s: sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$PIDFILE"
  say "stopped"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    if port_in_use; then
      say "stopped (no node of ours; but $HOST:$PORT is held by another process: $(engine_version || true))"
    else
      say "stopped"
    fi
    return 3
  fi
  local engine status
  engine="$(engine_version || true)"
  status="$(health || true)"
  say "running (pid $pid) on $URL: ${engine:-engine not answering on HTTP yet}, cluster health ${status:-unknown}, RSS $(rss_mb "$pid") MB"
  return 0
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  build) mkdir -p "$CACHE" && build ;;
  *)
    echo "usage: $0 up|down|status|build" >&2
    exit 64
    ;;
esac
