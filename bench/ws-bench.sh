#!/usr/bin/env bash
# Benchmarks the /ws live channel on this machine: starts the built jar on a fresh database,
# keeps IDLE_SOCKETS idle authenticated sockets and reports the server's memory per socket,
# then measures fan-out latency from send to receipt at SUBSCRIBERS subscribers. Needs a local
# PostgreSQL at 127.0.0.1:5432 (user postgres, no password) and a JDK 17. The whole run is
# bounded by BENCH_TIMEOUT_SECONDS; the server and the database are removed on exit.
set -euo pipefail

cd "$(dirname "$0")/.."

readonly IDLE_SOCKETS=${IDLE_SOCKETS:-5000}
readonly SUBSCRIBERS=${SUBSCRIBERS:-100}
readonly MESSAGES=${MESSAGES:-200}
readonly SEND_INTERVAL_MS=${SEND_INTERVAL_MS:-50}
readonly PORT=${BENCH_PORT:-18080}
readonly ADMIN_PORT=${BENCH_ADMIN_PORT:-18081}
readonly SERVER_HEAP=${BENCH_SERVER_HEAP:-512m}
readonly BENCH_TIMEOUT_SECONDS=${BENCH_TIMEOUT_SECONDS:-600}
readonly DATABASE="hush_bench_$$"
# The words and hash of the test vault in src/test/resources/test-config.yml.
readonly WORDS="abandon ability able about above absent absorb abstract absurd abuse access accident"
readonly AUTH_HASH="aMarProiDacMD8ASul8bYQeotaJKSntzVJhNbnqiE3s="
readonly LOG="target/ws-bench-server.log"

server_pid=""

cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DATABASE" || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Client and server each hold one descriptor per socket.
ulimit -n "$(ulimit -Hn)"
echo "open file limit: $(ulimit -n)"

if [[ "${BENCH_SKIP_BUILD:-false}" != true ]]; then
    mvn -B -q package -DskipTests
fi
createdb -h 127.0.0.1 -U postgres "$DATABASE"

env DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DATABASE?user=postgres" \
    AUTH_HASH="$AUTH_HASH" KDF_SALT="c2FsdHNhbHRzYWx0c2FsdA==" \
    JWT_SECRET="bench-secret-$(head -c 24 /dev/urandom | base64)" \
    BACKEND_HOST=127.0.0.1 BACKEND_PORT="$PORT" ADMIN_HOST=127.0.0.1 ADMIN_PORT="$ADMIN_PORT" \
    RATE_LIMIT_AUTH_PER_MINUTE=1000 RATE_LIMIT_AUTH_BURST=1000 \
    RATE_LIMIT_API_PER_MINUTE=1000000 RATE_LIMIT_API_BURST=1000000 \
    java -Xmx"$SERVER_HEAP" -jar target/hush.jar server config.yml >"$LOG" 2>&1 &
server_pid=$!

for _ in $(seq 1 60); do
    if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null; then
        break
    fi
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { echo "server did not start; see $LOG"; exit 1; }

echo "server pid $server_pid, heap -Xmx$SERVER_HEAP; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-44s | %20s |\n' "measure" "value"
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..22})"
timeout "$BENCH_TIMEOUT_SECONDS" java -Xmx1g bench/WsBench.java \
    "http://127.0.0.1:$PORT" "http://127.0.0.1:$ADMIN_PORT" "$server_pid" \
    "$IDLE_SOCKETS" "$SUBSCRIBERS" "$MESSAGES" "$SEND_INTERVAL_MS" "$WORDS"
