#!/usr/bin/env bash
# Runs ./start.sh as a user does, with the plugins folder chosen each way the host accepts (--plugins-dir DIR,
# --plugins-dir=DIR, HOST_PLUGINS_DIR), each time on a free port and over a temporary data folder, and checks that
# start.sh put BambooHR's jar into that folder (not ./plugins) and that the host lists BambooHR as started from it.
#
# Needs: java 17, mvn, curl, jq, setsid. Run from anywhere:
#   bash docs/start-check.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/docs/script-helpers.sh"
for tool in java mvn curl jq setsid; do
  command -v "$tool" >/dev/null || { echo "start-check: '$tool' is required" >&2; exit 2; }
done
token=start-check-admin-token-$RANDOM$RANDOM
had_plugins_folder=$([ -e "$repo/plugins" ] && echo yes || echo no)
work=$(mktemp -d /tmp/start-check.XXXXXX)
host_pid=""
stop() { [ -z "$host_pid" ] || { kill -TERM -- "-$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; }; host_pid=""; }
trap stop EXIT
fail() { echo "FAILED: $*" >&2; echo "--- start.sh (tail)" >&2; tail -n 30 "$work/$run.log" >&2 || true; exit 1; }

# check RUN PLUGINS_DIR ENVIRONMENT... -- ARGUMENTS...: starts ./start.sh with them and checks the folder
check() {
  run=$1 plugins=$2; shift 2
  local environment=() port
  while [ "$1" != -- ]; do environment+=("$1"); shift; done; shift
  port=$(free_port)
  printf '\n== ./start.sh %s%s\n' "${environment[*]:+${environment[*]} }" "$*"
  env HOST_ADMIN_TOKEN="$token" "${environment[@]}" setsid "$repo/start.sh" --port "$port" --data-dir "$work/$run-data" "$@" \
    >"$work/$run.log" 2>&1 &
  host_pid=$!
  await_host "http://127.0.0.1:$port/health" "$host_pid" 600 || fail "the host stopped, or did not answer within 10 minutes"
  [ -f "$plugins/bamboohr-plugin.jar" ] || fail "start.sh did not put bamboohr-plugin.jar into $plugins"
  curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/plugins" >"$work/$run.json" \
    || fail "GET /api/plugins failed"
  jq -e 'map(select(.pluginId == "bamboohr" and .state == "STARTED" and .fileName == "bamboohr-plugin.jar")) | length == 1' \
    "$work/$run.json" >/dev/null || fail "the host does not list BambooHR as started: $(cat "$work/$run.json")"
  stop
  echo "BambooHR's jar is in $plugins and the host started it from there"
}

check separate "$work/plugins a" -- --plugins-dir "$work/plugins a"
check joined "$work/plugins-b" -- --plugins-dir="$work/plugins-b"
check environment "$work/plugins-c" HOST_PLUGINS_DIR="$work/plugins-c" --
if [ "$had_plugins_folder" = no ] && [ -e "$repo/plugins" ]; then
  echo "FAILED: start.sh created $repo/plugins although another folder was chosen" >&2
  exit 1
fi
printf '\nstart-check: start.sh installs BambooHR into the plugins folder the host uses, chosen each way.\n'
rm -rf "$work"
