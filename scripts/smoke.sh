#!/usr/bin/env bash
# End-to-end check of a built jar against a real PostgreSQL. It creates a vault in a temporary
# folder, starts the server, unlocks, and stores and pages a thread's messages. Then it restarts
# the server, checks the data survived, and scans the server's log for the words and secrets.
#
#   scripts/smoke.sh [JDBC_OR_LIBPQ_ADMIN_URL]
#
# Needs: target/hush.jar (mvn -B -DskipTests package), curl, python3, psql, createdb, dropdb.
# It creates and drops its own database on 127.0.0.1:5432 as user postgres and uses ports
# 18000/18001, so it leaves the operator's databases and services alone.
set -euo pipefail

cd "$(dirname "$0")/.."
readonly JAR="$PWD/target/hush.jar"
readonly APP_PORT=18000
readonly TASK_PORT=18001
readonly API="http://127.0.0.1:$APP_PORT"
readonly DB="hush_smoke_$$"
work=$(mktemp -d)
server_pid=""

log() { printf '[smoke] %s\n' "$*"; }
fail() { log "FAILED: $*"; exit 1; }

cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

start_server() {
    if curl -fs "$API/health" >/dev/null 2>&1; then
        fail "port $APP_PORT is already in use by another server"
    fi
    (cd "$work" && BACKEND_HOST=127.0.0.1 BACKEND_PORT=$APP_PORT ADMIN_PORT=$TASK_PORT \
        exec java -jar "$JAR" server config.yml >>"$work/server.log" 2>&1) &
    server_pid=$!
    for _ in $(seq 1 60); do
        if curl -fs "$API/health" >/dev/null 2>&1; then return 0; fi
        kill -0 "$server_pid" 2>/dev/null || fail "server exited during start-up (see log above)"
        sleep 1
    done
    fail "server did not answer /health within 60 s"
}

stop_server() {
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

[[ -f "$JAR" ]] || fail "build the jar first: mvn -B -DskipTests package"
createdb -h 127.0.0.1 -U postgres "$DB"
cp config.yml "$work/"
(cd "$work" && java -jar "$JAR" new-vault --database-url "postgresql://postgres@127.0.0.1:5432/$DB" >words.out)
words=$(sed -n 's/^    //p' "$work/words.out" | head -n 1)
[[ $(wc -w <<<"$words") -eq 12 ]] || fail "new-vault did not print 12 words"
[[ $(stat -c %a "$work/.env") == 600 ]] || fail ".env is not mode 0600"
log "vault created"

start_server
log "server up"

token=$(curl -fs -X POST "$API/api/auth" -H 'Content-Type: application/json' \
    -d "{\"words\":\"${words^^}\"}" | json '["token"]')
auth="Authorization: Bearer $token"
thread=$(python3 -c 'import uuid; print(uuid.uuid4())')
curl -fs -X POST "$API/api/threads" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$thread\",\"ciphertext\":\"aGVhZGVy\",\"iv\":\"AAECAwQFBgcICQoL\"}" >/dev/null
for text in b25l dHdvAA== dGhyZWUBAg==; do
    curl -fs -X POST "$API/api/messages" -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"thread_id\":\"$thread\",\"ciphertext\":\"$text\",\"iv\":\"AAECAwQFBgcICQoL\"}" >/dev/null
done
listed=$(curl -fs "$API/api/messages/$thread" -H "$auth" | json '' | tr -d ' ')
[[ $(curl -fs "$API/api/messages/$thread" -H "$auth" | json '[2]["ciphertext"]') == dGhyZWUBAg== ]] \
    || fail "messages did not come back in order, byte for byte: $listed"
first=$(curl -fs "$API/api/messages/$thread?limit=1&after=1970-01-01T00:00:00Z" -H "$auth" | json '[0]["created_at"]')
[[ $(curl -fs "$API/api/messages/$thread?after=$first" -H "$auth" | json '.__len__()') == 2 ]] \
    || fail "paging with after did not return the two later messages"
[[ $(curl -fs "$API/api/messages/$thread/count" -H "$auth" | json '["count"]') == 3 ]] || fail "count is not 3"
log "unlock, thread, three messages, paging and count work"

status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$API/api/auth" -H 'Content-Type: application/json' \
    -d '{"words":"not the words of this vault at all"}')
[[ $status == 401 ]] || fail "wrong words gave $status"
status=$(curl -s -o /dev/null -w '%{http_code}' "$API/api/threads/$thread")
[[ $status == 401 ]] || fail "a request without a token gave $status"
log "wrong words and a missing token give 401"

stop_server
start_server
token=$(curl -fs -X POST "$API/api/auth" -H 'Content-Type: application/json' \
    -d "{\"words\":\"$words\"}" | json '["token"]')
[[ $(curl -fs "$API/api/messages/$thread/count" -H "Authorization: Bearer $token" | json '["count"]') == 3 ]] \
    || fail "messages did not survive a restart"
log "data survived a restart"
stop_server

secret=$(sed -n 's/^JWT_SECRET=//p' "$work/.env")
auth_hash=$(sed -n 's/^AUTH_HASH=//p' "$work/.env")
for needle in "$words" "${words^^}" "$token" "$secret" "$auth_hash" "$(cut -d' ' -f1-3 <<<"$words")"; do
    if grep -qiF -- "$needle" "$work/server.log"; then fail "the server log contains a secret"; fi
done
log "the server log holds no words, token, JWT_SECRET or AUTH_HASH"
log "1 passed, 0 failed"
