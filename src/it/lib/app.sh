# Runs an application image as a container runtime would and asks it over HTTP. Source after common.sh.
#
# The image is unpacked by umoci (the strict judge of its blobs); its entrypoint and cmd (plus any extra arguments)
# run under chroot as the image's user, with its environment, /proc, the usual /dev nodes and a tmpfs /tmp, in new
# mount, PID and network namespaces: the application has its own loopback, so its ports clash with nothing, and curl
# asks it on 127.0.0.1 from inside the same network namespace.

# Unpacks target/kimigayo/image:<tag> into $APP_BUNDLE (a new temporary directory, removed on exit).
unpack_app() { # tag
  require umoci jq curl
  APP_BUNDLE=$(mktemp -d /tmp/kimigayo-app-it.XXXXXX)
  trap 'rm -rf "$APP_BUNDLE"' EXIT
  umoci_unpack --image "target/kimigayo/image:$1" "$APP_BUNDLE/bundle" >/dev/null
  APP_ROOT="$APP_BUNDLE/bundle/rootfs"
  APP_CONFIG="$APP_BUNDLE/bundle/config.json"
  echo "ok: umoci unpacked the image (tag $1)"
}

# Starts the unpacked image (with extra program arguments), waits until GET http://127.0.0.1:<port><path> answers
# 200, and prints the body; fails with the application's output when it does not answer within <seconds>.
# Then asks each path of $APP_MORE_PATHS (space-separated; :<port>/<path> for another port) once, printing each
# body on a line of its own.
# Also writes the time from start to the first 200 (in ms) to $APP_BUNDLE/startup-ms.
get_from_app() { # port path seconds [args...]
  local port=$1 path=$2 seconds=$3
  shift 3
  [ "$(id -u)" = 0 ] || fail "running an application image needs root (chroot, mount); run the tests as root"
  local user wd
  user=$(jq -r '"\(.process.user.uid):\(.process.user.gid)"' "$APP_CONFIG")
  wd=$(jq -r '.process.cwd // "/"' "$APP_CONFIG")
  local -a cmd envs
  mapfile -t cmd < <(jq -r '.process.args[]' "$APP_CONFIG")
  mapfile -t envs < <(jq -r '.process.env[]' "$APP_CONFIG")
  cmd+=("$@")
  printf '%s\n' "${envs[@]}" > "$APP_BUNDLE/env"
  printf '%s\n' "${cmd[@]}" > "$APP_BUNDLE/cmd"
  unshare --mount --net --pid --fork --kill-child bash -c '
    set -euo pipefail
    root=$1 user=$2 wd=$3 port=$4 path=$5 seconds=$6 bundle=$7 more_paths=$8
    ip link set lo up
    mount -t proc proc "$root/proc"
    for d in null zero full random urandom tty; do
      [ -e "$root/dev/$d" ] || : > "$root/dev/$d"
      mount --bind "/dev/$d" "$root/dev/$d"
    done
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    mapfile -t envs < "$bundle/env"
    mapfile -t cmd < "$bundle/cmd"
    start=$(date +%s%N)
    env -i "${envs[@]}" "$(command -v unshare)" --root="$root" --wd="$wd" --setgid="${user#*:}" --setuid="${user%%:*}" -- "${cmd[@]}" \
      > "$bundle/app.log" 2>&1 &
    app=$!
    for _ in $(seq $((seconds * 10))); do
      if code=$(curl -s -o "$bundle/body" -w "%{http_code}" "http://127.0.0.1:$port$path" 2>/dev/null) \
          && [ "$code" = 200 ]; then
        echo $(( ($(date +%s%N) - start) / 1000000 )) > "$bundle/startup-ms"
        cat "$bundle/body"
        for more in $more_paths; do
          echo
          case $more in :*) url="http://127.0.0.1$more" ;; *) url="http://127.0.0.1:$port$more" ;; esac
          curl -sf "$url" || { echo "GET $url failed" >&2; exit 1; }
        done
        kill "$app" 2>/dev/null || true
        exit 0
      fi
      kill -0 "$app" 2>/dev/null || { echo "the application ended:" >&2; tail -40 "$bundle/app.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "no 200 from http://127.0.0.1:$port$path within $seconds s; the application printed:" >&2
    tail -40 "$bundle/app.log" >&2
    exit 1
  ' bash "$APP_ROOT" "$user" "$wd" "$port" "$path" "$seconds" "$APP_BUNDLE" "${APP_MORE_PATHS:-}"
}

# The application's output of the last run.
app_log() {
  cat "$APP_BUNDLE/app.log"
}

# The layers of target/kimigayo/image:<tag> as "<created_by>\t<digest>" lines, base first.
image_layers() { # tag
  local layout=target/kimigayo/image m config
  m=$(jq -r --arg t "$1" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' \
    "$layout/index.json" | cut -d: -f2)
  config=$(jq -r '.config.digest' "$layout/blobs/sha256/$m" | cut -d: -f2)
  paste <(jq -r '[.history[] | select(.empty_layer != true) | .created_by] | .[]' "$layout/blobs/sha256/$config") \
        <(jq -r '.layers[] | "\(.digest)\t\(.size)"' "$layout/blobs/sha256/$m")
}
