# A real registry (Debian's docker-registry) for an integration test, on 127.0.0.1 and a port the kernel picks,
# with its own config and storage under a directory of the test. Source after common.sh.
#
# start_registry DIR [USER PASSWORD]   starts it (htpasswd basic auth when a user is given), writes DIR/host
#                                      (127.0.0.1:PORT) and DIR/pid. It is stopped by stop_registry, and in any
#                                      case when the Maven build that runs the test ends (a watchdog follows
#                                      MAVEN_PID), and at the latest after 30 minutes.
# stop_registry DIR                    stops it; safe to call twice (use it in a trap).

start_registry() {
  local dir=$1 user=${2:-} password=${3:-}
  require docker-registry
  rm -rf "$dir" && mkdir -p "$dir/storage"
  {
    echo "version: 0.1"
    echo "log:"
    echo "  level: info"
    echo "storage:"
    echo "  filesystem:"
    echo "    rootdirectory: $PWD/$dir/storage"
    echo "http:"
    echo "  addr: 127.0.0.1:0"
    if [ -n "$user" ]; then
      command -v htpasswd >/dev/null 2>&1 || fail "htpasswd is not installed; run dev/install-tools (apt-get install apache2-utils)"
      htpasswd -nbB "$user" "$password" > "$dir/htpasswd"
      echo "auth:"
      echo "  htpasswd:"
      echo "    realm: kimigayo-it"
      echo "    path: $PWD/$dir/htpasswd"
    fi
  } > "$dir/config.yml"
  # Detached from the hook's output (which the hook reads to its end) so the script can return.
  setsid timeout 1800 docker-registry serve "$dir/config.yml" < /dev/null > "$dir/registry.log" 2>&1 &
  echo $! > "$dir/pid"
  local owner=${MAVEN_PID:-$$} pid
  pid=$(cat "$dir/pid")
  setsid sh -c "while kill -0 $owner 2>/dev/null && kill -0 $pid 2>/dev/null; do sleep 1; done; kill $pid 2>/dev/null" \
    < /dev/null > /dev/null 2>&1 &
  local i
  for i in $(seq 100); do
    if grep -q 'listening on 127.0.0.1:' "$dir/registry.log" 2>/dev/null; then
      sed -n 's/.*listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p' "$dir/registry.log" | head -1 > "$dir/host"
      echo "registry up on $(cat "$dir/host") (pid $pid)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$dir/registry.log" >&2; fail "docker-registry exited at start"; }
    sleep 0.1
  done
  stop_registry "$dir"
  fail "docker-registry did not start within 10 s; see $dir/registry.log"
}

stop_registry() {
  local dir=$1 pid
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/pid"
  echo "registry stopped"
}

# How many requests of the registry's access log are part of a blob upload.
count_uploads() { # dir
  grep -c '"[A-Z]* /v2/[^ ]*/blobs/uploads/' "$1/registry.log" || true
}
