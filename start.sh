#!/usr/bin/env bash
# Builds the host and the BambooHR plugin, installs the plugin into ./plugins and starts the host with
# its embedded defaults (http://127.0.0.1:8080/, ./plugins, ./data with an H2 database).
# Any argument is passed to the host, e.g. ./start.sh --port 9090
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests -pl host-app,bamboohr-plugin -am install
mkdir -p plugins
cp bamboohr-plugin/target/bamboohr-plugin-*[0-9T].jar plugins/bamboohr-plugin.jar
exec java -jar host-app/target/integration-host.jar "$@"
