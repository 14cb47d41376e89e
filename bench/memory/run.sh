#!/usr/bin/env bash
# Resident memory of a real `xuanren serve` under concurrent city-wide readers
# (docs/benchmarks.md "Server memory and the city-wide reader").
#   bench/memory/run.sh BUILD_DIR DB_URL [ROUNDS]
# DB_URL is a database filled by `xuanren demo --cadres 1000000`; the keys it was written with
# come from XUANREN_MASTER_KEY_FILE / XUANREN_AUDIT_KEY_FILE. Adds two accounts on first use
# (bench_mem_city: 干部工作人员, the whole city; bench_mem_district: the 东城区 officer), starts the
# server on a free port, and runs four clients at once (three city-wide, one district), each
# ROUNDS times (default 14) four compound queries: the issue's query, full text 党建, a page of
# 500 of everyone by age at offset 24,500, and a `not` condition by 姓氏笔画 in pages of 500.
# Prints VmRSS / VmHWM of the server when idle and after the clients, and the HTTP statuses.
set -euo pipefail

BUILD_DIR=${1:?usage: bench/memory/run.sh BUILD_DIR DB_URL [ROUNDS]}
DB=${2:?usage: bench/memory/run.sh BUILD_DIR DB_URL [ROUNDS]}
ROUNDS=${3:-14}
XR=$(cd "$BUILD_DIR" && pwd)/xuanren
PASS=BenchMemory2026!
INITIAL=BenchMemoryInitial2026!  # what `user add` sets; changed to PASS at the first sign-in
TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

for account in bench_mem_city:cadre_officer bench_mem_district:district_officer; do
  printf '%s' "$INITIAL" | "$XR" user add --db "$DB" --username "${account%%:*}" \
    --roles "${account##*:}" --password-stdin >/dev/null 2>"$TMP/user.log" ||
    grep -q "已存在" "$TMP/user.log" || { cat "$TMP/user.log" >&2; exit 1; }
done

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
"$XR" serve --db "$DB" --listen "127.0.0.1:$PORT" >/dev/null 2>"$TMP/server.log" &
SERVER_PID=$!
for _ in $(seq 300); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "memory: server exited" >&2; tail "$TMP/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$BASE/healthz" >/dev/null || { echo "memory: server not healthy" >&2; exit 1; }

sign_in() {
  curl -sS -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$BASE/api/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("token", ""))'
}
# A token of USER with PASS; an account still on its initial password changes it first.
token() {
  local t
  t=$(sign_in "$1" "$PASS")
  if [[ -z $t ]]; then
    t=$(sign_in "$1" "$INITIAL")
    [[ -n $t ]] || { echo "memory: cannot sign in as $1" >&2; exit 1; }
    curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $t" \
      -H 'Content-Type: application/json' \
      -d "{\"old_password\":\"$INITIAL\",\"new_password\":\"$PASS\"}" "$BASE/api/me/password"
  fi
  echo "$t"
}
memory() { grep -E 'VmRSS|VmHWM' "/proc/$SERVER_PID/status" | tr -s ' \t' ' ' | tr '\n' ' '; }
query() {
  curl -sS -o /dev/null -w "%{http_code}\n" -X POST -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' -d "$2" "$BASE/api/cadres/query"
}
client() {
  for _ in $(seq "$ROUNDS"); do
    query "$1" '{"condition":{"all":[{"field":"gender","op":"eq","value":"女"},{"field":"age","op":"between","value":[35,45]},{"field":"assessment_excellent_count","op":"at_least","value":1,"params":{"years":3}}]},"page":1,"page_size":20}'
    query "$1" '{"condition":{"field":"fulltext","op":"contains","value":"党建"},"page":1,"page_size":20}'
    query "$1" '{"condition":{"all":[]},"page":50,"page_size":500,"sort":"age"}'
    query "$1" '{"condition":{"not":{"field":"party","op":"eq","value":"中共党员"}},"page":1,"page_size":500,"sort":"stroke"}'
  done
}

CITY=$(token bench_mem_city)
DISTRICT=$(token bench_mem_district)
[[ -n $CITY && -n $DISTRICT ]] || { echo "memory: sign-in failed" >&2; exit 1; }
echo "idle: $(memory)"
start=$(date +%s)
pids=()
for c in 1 2 3 4; do
  t=$CITY
  [[ $c == 3 ]] && t=$DISTRICT
  client "$t" >"$TMP/client$c.log" &
  pids+=($!)
done
wait "${pids[@]}"
echo "after $((4 * 4 * ROUNDS)) requests in $(($(date +%s) - start)) s: $(memory)"
echo "HTTP statuses: $(cat "$TMP"/client*.log | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
