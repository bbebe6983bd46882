#!/usr/bin/env bash
# Runs the five commands of docs/PLUGIN_DEVELOPMENT.md's quickstart exactly as a new plugin developer types
# them: start the host, generate a plugin project, build it, drop the jar into the running host, see it listed.
# The commands are read from the guide itself (the sh block after the "quickstart" marker), so the guide cannot
# drift from what CI runs. They run in a copy of this working tree, so that ./plugins, ./data and
# ../weather-plugin land in a temporary folder and the tree stays as it was. They run as written but for the port:
# the host listens on PORT (HOST_PORT for ./start.sh), and the guide's 127.0.0.1:8080 becomes 127.0.0.1:PORT.
#
# Needs: java 17, mvn, curl, jq. Run from anywhere:
#   bash docs/plugin-quickstart.sh            # the host on a free port
#   PORT=8080 bash docs/plugin-quickstart.sh  # the host on the guide's own port
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
guide="$repo/docs/PLUGIN_DEVELOPMENT.md"
source "$repo/docs/script-helpers.sh"
for tool in java mvn curl jq setsid; do
  command -v "$tool" >/dev/null || { echo "plugin-quickstart: '$tool' is required" >&2; exit 2; }
done
port=${PORT:-$(free_port)}
base="http://127.0.0.1:$port"

mapfile -t commands < <(awk -v port="$port" '/<!-- quickstart/ { marked = 1; next }
  marked && /^```sh/ { inside = 1; next }
  inside && /^```/ { exit }
  inside && NF { gsub("127[.]0[.]0[.]1:8080", "127.0.0.1:" port); print }' "$guide")
[ "${#commands[@]}" -eq 5 ] || { echo "plugin-quickstart: expected 5 commands in the guide's quickstart, found ${#commands[@]}" >&2; exit 1; }
if port_taken "$port"; then
  echo "plugin-quickstart: something already listens on 127.0.0.1:$port, where the host is to start" >&2
  exit 1
fi

work=$(mktemp -d /tmp/plugin-quickstart.XXXXXX)
mkdir "$work/integration-host"
(cd "$repo" && tar --exclude=./.git --exclude=target --exclude=./plugins --exclude=./data -cf - .) \
  | tar -xf - -C "$work/integration-host"
host_pid=""
cleanup() { [ -z "$host_pid" ] || kill -TERM -- "-$host_pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; echo "--- host (tail)" >&2; tail -n 40 "$work/host.log" >&2 || true; exit 1; }
cd "$work/integration-host"

printf '\n$ %s\n' "${commands[0]}"
HOST_PORT=$port setsid bash -c "${commands[0]}" >"$work/host.log" 2>&1 &
host_pid=$!
# The first start builds the platform; give it time on a small machine.
await_host "$base/health" "$host_pid" 600 || fail "the host stopped, or did not answer within 10 minutes"
echo "(the host answers on $base/)"

for i in 1 2 3 4; do
  printf '\n$ %s\n' "${commands[$i]}"
  bash -c "${commands[$i]}" | tee "$work/out-$i" | cut -c1-300 || fail "command $((i + 1)) failed"
done

# Command 4 answered the installed plugin's status, command 5 the catalog.
jq -e '.pluginId == "weather" and .state == "STARTED"' "$work/out-3" >/dev/null \
  || fail "the plugin was not installed and started: $(cat "$work/out-3")"
jq -e 'map(select(.id == "weather" and .authorization.type == "API_KEY" and .plugin.state == "STARTED")) | length == 1' \
  "$work/out-4" >/dev/null || fail "the catalog does not list the new integration: $(cat "$work/out-4")"
printf '\nplugin-quickstart: the generated plugin was built, installed into the running host and listed.\n'
rm -rf "$work"
