#!/usr/bin/env bash
# Builds the host and the BambooHR plugin, installs the plugin into the host's plugins folder and starts the host
# with its embedded defaults (http://127.0.0.1:8080/, ./plugins, ./data with an H2 database).
# Any argument is passed to the host, e.g. ./start.sh --port 9090; the plugin goes into the folder the host will
# use: --plugins-dir DIR (or --plugins-dir=DIR), else HOST_PLUGINS_DIR, else ./plugins.
set -euo pipefail
cd "$(dirname "$0")"
plugins_dir=${HOST_PLUGINS_DIR:-plugins}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --plugins-dir=*) plugins_dir=${args[i]#--plugins-dir=} ;;
    --plugins-dir) if [ $((i + 1)) -lt ${#args[@]} ]; then plugins_dir=${args[i + 1]}; fi ;;
  esac
done
mvn -q -B -DskipTests -pl host-app,bamboohr-plugin -am install
mkdir -p "$plugins_dir"
cp bamboohr-plugin/target/bamboohr-plugin-*[0-9T].jar "$plugins_dir/bamboohr-plugin.jar"
exec java -jar host-app/target/integration-host.jar "$@"
