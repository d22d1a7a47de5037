#!/usr/bin/env bash
# Benchmark: the same app built by Jib (jib:buildTar on scratch) and by Kimigayo (kimigayo:build), alternately,
# N times per scenario; prints the median wall time of each whole `mvn` invocation, the ratio kimigayo/Jib and the
# compressed image sizes. Exits non-zero when any build fails. As a reference it also times plain `mvn package` of
# the same app (plain/), the floor both image builds share.
#
# Scenarios: cold (empty target/ and empty tool caches, warm Maven repository), nochange (rebuild with nothing
# changed), oneclass (a string constant in one class edited, so it recompiles).
#
#   ./mvnw install -DskipTests && bench/vs-jib/run.sh [BENCH_DIR]
#
# BENCH_DIR (default bench/vs-jib) holds the app (app/src/main, with one class declaring a constant
# `static final String EDITION`, which the oneclass scenario edits), the parent pom both builds inherit, and the
# jib/, kimigayo/ and plain/ projects; bench/spring-boot is the same for a Spring Boot application.
#
# Environment:
#   N                      runs per tool and scenario (default 5)
#   SCENARIOS              any of: cold nochange oneclass (default all three, in that order)
#   BENCH_MAVEN_REPO       the local Maven repository for every build (default ~/.m2/repository); the plugin must be
#                          installed there (./mvnw install -DskipTests -Dmaven.repo.local=...)
#   KIMIGAYO_SOURCE_MIRROR where the cold build finds musl/BusyBox sources (default ~/.cache/kimigayo/mirror,
#                          filled by dev/fetch-sources)
#   MVN                    the Maven command (default: this checkout's mvnw)
#   BENCH_WORK             the tools' private caches and the logs (default bench/vs-jib/target)
#   KIMIGAYO_FROM_SOURCE   1: Kimigayo compiles its OS (-Dkimigayo.fromSource=true); by default a cold build takes the
#                          prebuilt Kimigayo OS (io.kimigayo:kimigayo-os, installed by ./mvnw install) from the
#                          Maven repository, as a project on a released plugin does
set -euo pipefail

N=${N:-5}
SCENARIOS=${SCENARIOS:-cold nochange oneclass}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$(cd "${1:-$ROOT/bench/vs-jib}" && pwd)
MVN=${MVN:-$ROOT/mvnw}
REPO=${BENCH_MAVEN_REPO:-$HOME/.m2/repository}
MIRROR=${KIMIGAYO_SOURCE_MIRROR:-$HOME/.cache/kimigayo/mirror}
WORK=${BENCH_WORK:-$BENCH/target}
JIB_CACHE=$WORK/cache/jib
KIMIGAYO_CACHE=$WORK/cache/kimigayo
LOGS=$WORK/logs
EDITED=$(grep -rl 'static final String EDITION = ' "$BENCH/app/src/main/java" | head -1)
[ -n "$EDITED" ] || { echo "no class in $BENCH/app declares static final String EDITION" >&2; exit 2; }
# where its class file lands in target/classes
EDITED_CLASS=${EDITED#"$BENCH/app/src/main/java/"}
EDITED_CLASS=${EDITED_CLASS%.java}.class

# The version of the plugin this checkout builds: the first <version> of the root pom (the project's own).
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)
if [ ! -d "$REPO/io/kimigayo/kimigayo-maven-plugin/$VERSION" ]; then
    echo "kimigayo-maven-plugin $VERSION is not in $REPO." >&2
    echo "Run ./mvnw install -DskipTests first (with -Dmaven.repo.local=$REPO if you set BENCH_MAVEN_REPO)." >&2
    exit 2
fi
case "$N" in ''|*[!0-9]*|0) echo "N must be a positive integer, not '$N'" >&2; exit 2 ;; esac

# Same Maven flags for both tools; each adds only where its own cache lives.
COMMON=(-B -Dmaven.repo.local="$REPO")
JIB_GOALS=(package jib:buildTar -Djib.baseImageCache="$JIB_CACHE")
KIMIGAYO_GOALS=(package kimigayo:build -Dkimigayo.plugin.version="$VERSION" -Dkimigayo.cacheDirectory="$KIMIGAYO_CACHE"
    -Dkimigayo.sourceMirrors="$MIRROR")
if [ "${KIMIGAYO_FROM_SOURCE:-}" = 1 ]; then
    KIMIGAYO_GOALS+=(-Dkimigayo.fromSource=true)
    echo "Kimigayo compiles its OS (KIMIGAYO_FROM_SOURCE=1)"
elif [ -d "$REPO/io/kimigayo/kimigayo-os/$VERSION" ]; then
    echo "Kimigayo takes the prebuilt OS from $REPO/io/kimigayo/kimigayo-os/$VERSION"
else
    echo "kimigayo-os $VERSION is not in $REPO: a cold Kimigayo build compiles its OS" >&2
fi

mkdir -p "$LOGS"
rm -f "$LOGS"/*.log "$WORK"/times.txt
ORIGINAL=$(cat "$EDITED")
trap '[ "$(cat "$EDITED")" = "$ORIGINAL" ] || printf "%s\n" "$ORIGINAL" > "$EDITED"' EXIT

goals() { # tool -> the tool's goals
    case $1 in
        jib) printf '%s\n' "${JIB_GOALS[@]}" ;;
        kimigayo) printf '%s\n' "${KIMIGAYO_GOALS[@]}" ;;
        plain) echo package ;;
    esac
}

# mvn TOOL LOG [extra flags...]: one whole Maven invocation in the tool's project; on failure, the log's tail.
mvn_run() {
    local tool=$1 log=$2
    shift 2
    local args
    mapfile -t args < <(goals "$tool")
    if ! (cd "$BENCH/$tool" && "$MVN" "${COMMON[@]}" "$@" "${args[@]}") > "$log" 2>&1; then
        echo "FAILED: $tool build; last lines of $log:" >&2
        tail -40 "$log" >&2
        exit 1
    fi
}

now() { date +%s.%N; }

# Edits one class so that the next build must recompile it: a new string constant.
edit_class() {
    sed -i "s/static final String EDITION = \"[^\"]*\";/static final String EDITION = \"$1\";/" "$EDITED"
    grep -q "\"$1\"" "$EDITED" || { echo "could not edit $EDITED" >&2; exit 1; }
}

clean_tool() {
    rm -rf "${BENCH:?}/$1/target"
    case $1 in
        jib) rm -rf "$JIB_CACHE" ;;
        kimigayo) rm -rf "$KIMIGAYO_CACHE" ;;
    esac
}

# timed SCENARIO TOOL RUN: prepares the scenario's state, then times one offline, quiet Maven invocation.
timed() {
    local scenario=$1 tool=$2 run=$3 edition="" start end
    case $scenario in
        cold) clean_tool "$tool" ;;
        oneclass) edition="$tool-$run-$$"; edit_class "$edition" ;;
    esac
    start=$(now)
    mvn_run "$tool" "$LOGS/$scenario-$tool-$run.log" -o -q
    end=$(now)
    if [ -n "$edition" ] && ! grep -q "$edition" \
            "$BENCH/$tool/target/classes/$EDITED_CLASS"; then
        echo "FAILED: $tool did not recompile the edited class (run $run)" >&2
        exit 1
    fi
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}

median() { # numbers on stdin -> their median
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2];
                                          else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "$(basename "$BENCH"): $N runs per tool and scenario, alternating; $(nproc) CPUs; Maven repo $REPO"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# Warm the Maven repository (online if needed; both tools skip their work) so that every timed build is offline.
echo "warming the Maven repository..."
mvn_run jib "$LOGS/warmup-jib.log" -Djib.skip=true
mvn_run kimigayo "$LOGS/warmup-kimigayo.log" -Dkimigayo.skip=true
mvn_run plain "$LOGS/warmup-plain.log"

declare -A RESULTS
for scenario in $SCENARIOS; do
    case $scenario in
        cold|nochange|oneclass) ;;
        *) echo "unknown scenario '$scenario' (cold, nochange, oneclass)" >&2; exit 2 ;;
    esac
    if [ "$scenario" != cold ]; then
        # A rebuild needs a build to start from: one untimed build per tool (warm caches, up-to-date target/).
        printf '%s\n' "$ORIGINAL" > "$EDITED"
        for tool in jib kimigayo plain; do mvn_run "$tool" "$LOGS/$scenario-$tool-prime.log" -o -q; done
    fi
    for run in $(seq 1 "$N"); do
        # Alternate which tool goes first, so neither always runs right after the other's disk and CPU work.
        case $((run % 3)) in
            1) order="jib kimigayo plain" ;;
            2) order="kimigayo plain jib" ;;
            0) order="plain jib kimigayo" ;;
        esac
        for tool in $order; do
            t=$(timed "$scenario" "$tool" "$run")
            RESULTS[$scenario-$tool]+="$t "
            echo "$scenario $tool $run $t" >> "$WORK/times.txt"
            printf '  %-8s run %d/%d  %-8s %7.2f s   (load %s)\n' "$scenario" "$run" "$N" "$tool" "$t" \
                "$(cut -d' ' -f1 /proc/loadavg)"
        done
    done
done

echo
echo "median wall time of 'mvn -o -q -B package <goal>' over $N runs (all runs in $WORK/times.txt):"
printf '  %-10s %11s %11s %13s   %s\n' scenario "jib" "kimigayo" "kimigayo/jib" \
    "reference: plain 'mvn package' (median minus it: a rough share of the image goal)"
for scenario in $SCENARIOS; do
    j=$(tr ' ' '\n' <<< "${RESULTS[$scenario-jib]}" | grep . | median)
    k=$(tr ' ' '\n' <<< "${RESULTS[$scenario-kimigayo]}" | grep . | median)
    p=$(tr ' ' '\n' <<< "${RESULTS[$scenario-plain]}" | grep . | median)
    r=$(awk -v k="$k" -v j="$j" 'BEGIN { printf "%.2fx", k / j }')
    share=$(awk -v k="$k" -v j="$j" -v p="$p" 'BEGIN { printf "jib ~%.1f s, kimigayo ~%.1f s", j - p, k - p }')
    printf '  %-10s %9s s %9s s %13s   %s s (%s)\n' "$scenario" "$j" "$k" "$r" "$p" "$share"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# Compressed sizes: the gzip layer blobs each image is made of (what a registry stores and a pull downloads).
echo
echo "compressed image size (sum of the gzip layer blobs):"
JIB_TAR=$BENCH/jib/target/jib-image.tar
KIMIGAYO_BLOBS=$BENCH/kimigayo/target/kimigayo/image/blobs/sha256
if [ -f "$JIB_TAR" ]; then
    # jib:buildTar stores each layer as a <digest>.tar.gz entry; GNU tar -tv prints the size in column 3.
    tar -tvf "$JIB_TAR" | awk '/\.tar\.gz$/ { n++; s += $3 } END {
        printf "  jib       %10d bytes (%.1f MiB) in %d layers: the app only, no OS, no Java runtime\n", s, s / 1048576, n }'
fi
if [ -d "$KIMIGAYO_BLOBS" ]; then
    total=0 layers=0
    for blob in "$KIMIGAYO_BLOBS"/*; do
        if [ "$(head -c2 "$blob" | od -An -tx1 | tr -d ' \n')" = 1f8b ]; then
            total=$((total + $(stat -c %s "$blob"))) layers=$((layers + 1))
        fi
    done
    awk -v s="$total" -v n="$layers" 'BEGIN {
        printf "  kimigayo  %10d bytes (%.1f MiB) in %d layers: Kimigayo OS + jlinked runtime + the app\n", s, s / 1048576, n }'
fi
