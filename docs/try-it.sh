#!/usr/bin/env bash
# Walks through the host as a new user would, with curl, against a local BambooHR stub (WireMock with
# the mappings in docs/bamboohr-stub): pre-authorize with a wrong key, then the right one, run actions
# (BambooHR's code in a worker process of its own); switch to user authorization, let two end users
# authorize through their links; crash the host (kill -9), see the worker end with it, start the host
# again and find everything still there. Finally checks that neither the API keys nor the admin token
# appear in any response, log or database file.
#
# Needs: java 17, mvn, curl, jq, and a built tree (mvn package, or ./start.sh once). Run from anywhere:
#   bash docs/try-it.sh            # the host on a free port
#   PORT=9090 bash docs/try-it.sh  # the host on 127.0.0.1:9090
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/docs/script-helpers.sh"
for tool in java mvn curl jq; do
  command -v "$tool" >/dev/null || { echo "try-it: '$tool' is required" >&2; exit 2; }
done
host_jar="$repo/host-app/target/integration-host.jar"
plugin_jar=$(ls "$repo"/bamboohr-plugin/target/bamboohr-plugin-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
[ -f "$host_jar" ] && [ -n "$plugin_jar" ] || { echo "try-it: build first (mvn -DskipTests package)" >&2; exit 2; }

host_port=${PORT:-$(free_port)}
if port_taken "$host_port"; then echo "try-it: something already listens on 127.0.0.1:$host_port" >&2; exit 1; fi
stub_port=$(free_port)
while [ "$stub_port" = "$host_port" ]; do stub_port=$(free_port); done
work=$(mktemp -d /tmp/try-it.XXXXXX)
responses="$work/responses"; mkdir -p "$responses" "$work/plugins"
cp "$plugin_jar" "$work/plugins/bamboohr-plugin.jar"
admin_token=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)
right_key=0123456789abcdef0123456789abcdef01234567     # accepted by the stub (the administrator's)
user_key=fedcba9876543210fedcba9876543210fedcba98      # accepted by the stub (end user u1's)
wrong_key=1111111111111111111111111111111111111111     # refused by the stub with 401
base="http://127.0.0.1:$host_port"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; echo "--- host log (tail)" >&2; tail -n 40 "$work/host.log" >&2 || true; exit 1; }
n=0
# call STATUS METHOD PATH [JSON]: sends an admin request, keeps the answer in $last, fails unless STATUS
call() {
  n=$((n + 1)); last="$responses/$n.json"
  local status
  status=$(curl -sS -o "$last" -w '%{http_code}' -X "$2" "$base$3" -H "Authorization: Bearer $admin_token" \
    -H 'Content-Type: application/json' ${4:+--data "$4"})
  [ "$status" = "$1" ] || fail "$2 $3: expected HTTP $1, got $status: $(cat "$last")"
}
# check JQ_FILTER: the last answer must satisfy it
check() { jq -e "$1" "$last" >/dev/null || fail "the answer does not satisfy $1: $(cat "$last")"; }
show() { jq -c "$1" "$last" | cut -c1-200; }
wait_up() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; fail "$1 did not come up"; }

step "Start the BambooHR stub on 127.0.0.1:$stub_port"
mvn -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.1 -DoutputDirectory="$work" >/dev/null
java -jar "$work"/wiremock-standalone-3.13.1.jar --bind-address 127.0.0.1 --port "$stub_port" \
  --root-dir "$repo/docs/bamboohr-stub" --disable-banner >"$work/stub.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$stub_port/__admin/mappings"

start_host() {
  HOST_ADMIN_TOKEN="$admin_token" BAMBOOHR_BASE_URL="http://127.0.0.1:$stub_port" \
    java -jar "$host_jar" --port "$host_port" --plugins-dir "$work/plugins" --data-dir "$work/data" >>"$work/host.log" 2>&1 &
  host_pid=$!; pids+=($host_pid)
  wait_up "$base/health"
}
step "Start the host on $base"
start_host
call 200 GET /api/integrations
check 'map(select(.id == "bamboohr" and .authorization.type == "BASIC")) | length == 1'

step "Pre-authorize with a wrong API key: a clear error, nothing stored"
call 422 PUT /api/integrations/bamboohr/authorization \
  "{\"mode\":\"PRE_AUTHORIZED\",\"values\":{\"subdomain\":\"https://acme.bamboohr.com/home\",\"apiKey\":\"$wrong_key\"}}"
show '.error | {kind, message}'
check '.error.kind == "CONNECTION_TEST_FAILED" and (.error.message | contains("API key not provided or invalid"))'
call 200 GET /api/integrations/bamboohr
check '.configured == false and .status == "AVAILABLE"'

step "Pre-authorize with the right key, then enable"
call 200 PUT /api/integrations/bamboohr/authorization \
  "{\"mode\":\"PRE_AUTHORIZED\",\"values\":{\"subdomain\":\"acme\",\"apiKey\":\"$right_key\"}}"
show .connectionTest
call 200 POST /api/integrations/bamboohr/enable
check '.status == "ENABLED" and .configuration.values.apiKey == "••••••••"'

step "Run actions"
call 200 POST /api/integrations/bamboohr/actions/list-employees '{"input":{}}'
show .result
call 200 POST /api/integrations/bamboohr/actions/get-employee '{"input":{"id":"4","fields":["firstName","lastName","jobTitle"]}}'
show .result
call 400 POST /api/integrations/bamboohr/actions/get-employee '{"input":{"id":"four"}}'
show '.error | {kind, violations}'
# BambooHR's code ran in a worker process of its own, not in the host's: the host logs each worker it starts.
worker_pid=$(sed -n 's/.*Worker of plugin bamboohr .* started (pid \([0-9]*\)).*/\1/p' "$work/host.log" | tail -n 1)
[ -n "$worker_pid" ] || fail "the host started no worker for BambooHR"
kill -0 "$worker_pid" 2>/dev/null || fail "BambooHR's worker (pid $worker_pid) is not running"
echo "BambooHR runs in its worker, pid $worker_pid"

step "Create an authorization profile and let users authorize"
call 201 POST /api/authorization-profiles \
  '{"name":"BambooHR users","type":"bamboohr-api-key","description":"Each employee uses their own key","presets":{"subdomain":"acme"}}'
profile_id=$(jq -r .id "$last")
call 200 PUT /api/integrations/bamboohr/authorization "{\"mode\":\"USER_AUTHORIZED\",\"profileId\":\"$profile_id\"}"
show '.integration | {status, mode: .configuration.mode}'

step "End user u1 calls: no authorization yet, so a one-time link"
call 403 POST /api/integrations/bamboohr/actions/list-time-off-types '{"input":{},"userId":"u1"}'
check '.error.kind == "AUTHORIZATION_REQUIRED"'
link_u1=$(jq -r .error.authorizationUrl "$last")
echo "link: ${link_u1%/*}/… (expires $(jq -r .error.expiresAt "$last"))"
page=$(curl -sS "$link_u1")
grep -q 'name="apiKey"' <<<"$page" || fail "the end-user page has no API key field"
! grep -q 'name="subdomain"' <<<"$page" || fail "the preset subdomain should not be asked for"

step "u1 completes the link with their own key, then calls successfully"
code=$(curl -sS -o "$responses/page-u1.html" -w '%{http_code}' --data-urlencode "apiKey=$user_key" "$link_u1")
[ "$code" = 200 ] || fail "completing u1's link answered $code"
call 200 POST /api/integrations/bamboohr/actions/list-time-off-types '{"input":{},"userId":"u1"}'
show .result

step "End user u2 gets a link of their own"
call 403 POST /api/integrations/bamboohr/actions/list-time-off-types '{"input":{},"userId":"u2"}'
link_u2=$(jq -r .error.authorizationUrl "$last")
[ "$link_u2" != "$link_u1" ] || fail "u2 got u1's link"

step "u1's link cannot be used again"
code=$(curl -sS -o "$responses/page-reuse.html" -w '%{http_code}' --data-urlencode "apiKey=$user_key" "$link_u1")
[ "$code" = 410 ] || fail "reusing u1's link answered $code"
grep -q 'already used' "$responses/page-reuse.html" || fail "the reuse page does not say the link was used"

step "Crash the host (kill -9) and start it again: everything is still there"
kill -9 "$host_pid"; wait "$host_pid" 2>/dev/null || true
# A worker does not outlive its host: it ends when its channel to the host closes.
for _ in $(seq 1 20); do kill -0 "$worker_pid" 2>/dev/null || break; sleep 0.5; done
! kill -0 "$worker_pid" 2>/dev/null || fail "BambooHR's worker (pid $worker_pid) outlived the host"
start_host
call 200 GET /api/integrations/bamboohr
check '.status == "ENABLED" and .configuration.mode == "USER_AUTHORIZED"'
call 200 GET /api/authorization-profiles
check 'length == 1 and .[0].usedBy == ["bamboohr"]'
call 200 GET /api/integrations/bamboohr/users
check 'map(.userId) == ["u1"]'
call 200 POST /api/integrations/bamboohr/actions/list-time-off-types '{"input":{},"userId":"u1"}'
code=$(curl -sS -o /dev/null -w '%{http_code}' "$link_u1")
[ "$code" = 410 ] || fail "u1's used link answered $code after the restart"
call 200 GET '/api/audit?integrationId=bamboohr&limit=200'
jq -r '.[].action' "$last" | sort | uniq -c

step "No secret in any response, log or database file"
for secret in "$right_key" "$user_key" "$wrong_key" "$admin_token"; do
  if grep -rqF -- "$secret" "$responses" "$work/host.log" "$work/data"; then
    fail "a secret was found in: $(grep -rlF -- "$secret" "$responses" "$work/host.log" "$work/data" | tr '\n' ' ')"
  fi
done
# An end user's link is a credential until it is used: its answer hands it out, but the host keeps only its hash.
for link in "$link_u1" "$link_u2"; do
  if grep -rqF -- "${link##*/}" "$work/host.log" "$work/data"; then
    fail "an authorization link's token was found in: $(grep -rlF -- "${link##*/}" "$work/host.log" "$work/data" | tr '\n' ' ')"
  fi
done
echo "none found in $(ls "$responses" | wc -l) responses, the host log and $(find "$work/data" -type f | wc -l) data files;"
echo "no link token in the host log or the data files"

printf '\ntry-it: all steps passed\n'
rm -rf "$work"
