# Sourced by the scripts in docs/: what they share.

# free_port: prints a loopback TCP port that is free at this moment, as the JDK finds one (every script here needs
# Java anyway; Python, or a bash built with /dev/tcp, may be missing).
free_port() {
  local dir status
  dir=$(mktemp -d)
  cat >"$dir/FreePort.java" <<'JAVA'
class FreePort {
    public static void main(String[] args) throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }
}
JAVA
  java "$dir/FreePort.java" && status=0 || status=$?
  rm -rf "$dir"
  return "$status"
}

# port_taken PORT: whether something already listens on 127.0.0.1:PORT (for an if: curl's 7 is "refused").
port_taken() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; [ $? -ne 7 ]; }

# await_host URL PID SECONDS: waits until URL answers; fails (status 1) after SECONDS, or at once (status 2) when
# the process PID has ended.
await_host() {
  local _
  for _ in $(seq 1 "$3"); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 2
    sleep 1
  done
  return 1
}
