#!/usr/bin/env bash
# Benchmark: time from process start to the first HTTP 200 of the Spring Boot benchmark app (GET /greetings, which
# goes through Spring MVC, Spring Data JPA and H2), started from its Kimigayo image (chroot, namespaces, as the
# integration tests run images) and from the same jars on the host's full JDK. N rounds, the three taking turns to
# go first; prints each run, the medians and the ratios image/host. Also prints the image's layers and sizes.
#
#   ./mvnw install -DskipTests && bench/spring-boot/startup.sh        (as root: chroot and namespaces)
#
# The image is built twice from bench/spring-boot/kimigayo, with -Dkimigayo.classDataSharing=off and =on (the
# default, auto, is off on JDK 17 and on from JDK 19, see docs/user/java.md).
#
# Environment:
#   N                 rounds (default 5)
#   BENCH_JDK         the JDK the image's runtime is made from and the host runs (default: the JDK running Maven,
#                     `java` on the PATH); e.g. /usr/lib/jvm/temurin-25-jdk-amd64
#   BENCH_MAVEN_REPO  the local Maven repository (default ~/.m2/repository)
#   MVN               the Maven command (default: this checkout's mvnw)
set -euo pipefail

N=${N:-5}
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/../.." && pwd)
MVN=${MVN:-$ROOT/mvnw}
REPO=${BENCH_MAVEN_REPO:-$HOME/.m2/repository}
JDK=${BENCH_JDK:-$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')}
JAVA=$JDK/bin/java
WORK=$BENCH/target/startup
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)
[ "$(id -u)" = 0 ] || { echo "startup.sh runs images under chroot: run it as root" >&2; exit 2; }
case "$N" in ''|*[!0-9]*|0) echo "N must be a positive integer, not '$N'" >&2; exit 2 ;; esac
for tool in umoci jq curl unshare; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run dev/install-tools" >&2; exit 2; }
done

rm -rf "$WORK"
mkdir -p "$WORK"
build() { # name classDataSharing
  echo "building the image ($1: classDataSharing=$2)..."
  (cd "$BENCH/kimigayo" && "$MVN" -B -q -Dmaven.repo.local="$REPO" -Dkimigayo.plugin.version="$VERSION" \
      -Dkimigayo.jdk="$JDK" -Dkimigayo.classDataSharing="$2" -Dkimigayo.outputDirectory="$WORK/$1-out" \
      package kimigayo:build) \
      > "$WORK/$1-build.log" 2>&1 || { tail -40 "$WORK/$1-build.log"; exit 1; }
  umoci unpack --image "$WORK/$1-out/image:1.0.0" "$WORK/$1" > /dev/null
}
build image off
build image-cds on

# first200 ROOT-OR-EMPTY LOG: one start in fresh namespaces; prints ms from the start to the first 200.
first200() {
  unshare --mount --net --pid --fork --kill-child bash -c '
    set -euo pipefail
    bundle=$1 log=$2 java=$3
    ip link set lo up
    if [ -n "$bundle" ]; then
      root=$bundle/rootfs
      mount -t proc proc "$root/proc"
      for d in null zero full random urandom tty; do
        [ -e "$root/dev/$d" ] || : > "$root/dev/$d"; mount --bind "/dev/$d" "$root/dev/$d"
      done
      mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
      mapfile -t envs < <(jq -r ".process.env[]" "$bundle/config.json")
      mapfile -t cmd < <(jq -r ".process.args[]" "$bundle/config.json")
      user=$(jq -r "\"\(.process.user.uid):\(.process.user.gid)\"" "$bundle/config.json")
      start=$(date +%s%N)
      env -i "${envs[@]}" "$(command -v unshare)" --root="$root" --wd=/ --setgid="${user#*:}" --setuid="${user%%:*}" \
        -- "${cmd[@]}" > "$log" 2>&1 &
    else
      # the same jars and classes, from the unpacked image, on the host JDK
      cp=$(sed "s|/app/|$4/rootfs/app/|g" "$4/rootfs/app/classpath")
      main=$(jq -r ".process.args[-1]" "$4/config.json")
      start=$(date +%s%N)
      "$java" -cp "$cp" "$main" > "$log" 2>&1 &
    fi
    app=$!
    for _ in $(seq 1200); do
      if [ "$(curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:8080/greetings 2>/dev/null)" = 200 ]; then
        echo $(( ($(date +%s%N) - start) / 1000000 ))
        kill "$app"; exit 0
      fi
      kill -0 "$app" 2>/dev/null || { echo "the application ended; see $log" >&2; exit 1; }
      sleep 0.05
    done
    echo "no 200 within 60 s; see $log" >&2; exit 1
  ' bash "$1" "$2" "$JAVA" "$WORK/image"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "startup: $N rounds; $(nproc) CPUs; JDK $JDK ($("$JAVA" -version 2>&1 | head -1)); load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A T
for run in $(seq 1 "$N"); do
  case $((run % 3)) in
    1) order="image image-cds host" ;;
    2) order="image-cds host image" ;;
    0) order="host image image-cds" ;;
  esac
  for which in $order; do
    if [ "$which" = host ]; then ms=$(first200 "" "$WORK/host-$run.log"); else ms=$(first200 "$WORK/$which" "$WORK/$which-$run.log"); fi
    T[$which]+="$ms "
    printf '  run %d/%d  %-10s %6d ms\n' "$run" "$N" "$which" "$ms"
  done
done
host=$(tr ' ' '\n' <<<"${T[host]}" | grep . | median)
echo
echo "median time from process start to the first HTTP 200 (GET /greetings), over $N runs:"
for which in image image-cds host; do
  m=$(tr ' ' '\n' <<<"${T[$which]}" | grep . | median)
  printf '  %-44s %6s ms  %s\n' "$(case $which in image) echo "Kimigayo image, classDataSharing=off";;
    image-cds) echo "Kimigayo image, classDataSharing=on";; host) echo "the same jars on the host's full JDK (its CDS)";; esac)" \
    "$m" "$(awk -v m="$m" -v h="$host" 'BEGIN { printf "%.2fx the host", m / h }')"
done
echo
echo "image layers (classDataSharing=off):"
m=$(jq -r '.manifests[0].digest' "$WORK/image-out/image/index.json" | cut -d: -f2)
c=$(jq -r '.config.digest' "$WORK/image-out/image/blobs/sha256/$m" | cut -d: -f2)
paste <(jq -r '[.history[] | select(.empty_layer != true) | .created_by | .[0:70]] | .[]' "$WORK/image-out/image/blobs/sha256/$c") \
      <(jq -r '.layers[] | .size' "$WORK/image-out/image/blobs/sha256/$m") \
  | awk -F'\t' '{ printf "  %12d bytes gzip  %s\n", $2, $1; s += $2 } END { printf "  %12d bytes gzip  in all\n", s }'
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
