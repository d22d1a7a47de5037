# The up-to-date check of kimigayo:build. (1) A file-access trace of a real build (strace) lists every file the build
# opens for reading, and each must be one the up-to-date key was made of, or of a kind listed below with the reason
# it cannot change the image. (2) A build with nothing changed stops and reports the same image (skopeo is the
# judge); a touched but unchanged file changes nothing. (3) Each kind of input, changed on its own, makes the next
# build build. (4) A failed build leaves no record, and damaged outputs are rebuilt.
. "$IT_LIB/common.sh"
require strace python3 skopeo jq
out=target/kimigayo
tag=1.0
work=$(mktemp -d /tmp/kimigayo-up-to-date.XXXXXX)
trap 'rm -rf "$work"' EXIT
n=0

build() { # [maven args...]: one `mvn package kimigayo:build`; the log is $log
  n=$((n + 1))
  log=$work/build-$n.log
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
    package kimigayo:build "$@" > "$log" 2>&1 || { tail -40 "$log"; fail "build $n ($*) failed"; }
}
digest() { skopeo inspect "oci:$out/image:$tag" | jq -r .Digest; }
expect_skip() { # what
  grep -q "kimigayo: up to date (" "$log" || { grep "kimigayo: building" "$log" || true; fail "$1: the build did not stop as up to date"; }
  local reported
  reported=$(sed -n 's/.*\[INFO\] Digest: //p' "$log")
  assert_eq "$first" "$reported" "$1: the digest the up-to-date build reports"
  assert_eq "$first" "$(digest)" "$1: the image's digest (skopeo)"
}
expect_build() { # what pattern-of-the-reason
  local line
  line=$(grep "kimigayo: building (" "$log" || true)
  [ -n "$line" ] || fail "$1: the build stopped as up to date, though $1 changed"
  grep -qE "$2" <<< "$line" || fail "$1: the build's reason does not name the change: $line"
  echo "ok: $1 -> ${line#*\[INFO\] }"
}

grep -q "kimigayo: building (no record of a previous build" build.log || fail "the first build did not say it builds"
first=$(cat "$out/image.digest")
assert_eq "$first" "$(digest)" "the first build's image.digest against skopeo"

# ---- (2) nothing changed: the build stops, the image is the same ----
build
if ! grep -q "kimigayo: up to date (" "$log"; then
  # the Invoker may run Maven with other settings than this script does: then the first build here builds
  grep "kimigayo: building" "$log"
  first=$(cat "$out/image.digest")
  build
fi
expect_skip "no change"
grep -q "Wrote " "$log" && fail "an up-to-date build wrote outputs"
# touched, rewritten with the same bytes: still up to date (the key is made of contents)
touch src/main/java/it/app/Version.java src/main/resources/app.properties src/image/app.conf
touch "$LOCAL_REPO/com/google/code/gson/gson/2.13.2/gson-2.13.2.jar"
cp target/classes/it/app/Main.class "$work/Main.class" && rm target/classes/it/app/Main.class \
  && cp "$work/Main.class" target/classes/it/app/Main.class
build
expect_skip "touched but unchanged files"

# ---- (1) every file a build reads is an input of the key ----
# A forced build does all the work (with the caches warm, as a no-change build would without the check) and records
# the key; strace sees every file it opens and every program it runs.
"$MAVEN_HOME/bin/mvn" -B -v > "$work/maven-version.txt"
maven_home=$(sed -n 's/^Maven home: //p' "$work/maven-version.txt")
java_home=$(sed -n 's/^Java version: .*, runtime: //p' "$work/maven-version.txt")
cache_dir=$HOME/.cache/kimigayo   # the plugin's default cacheDirectory, which this project keeps
strace -f --seccomp-bpf -qq -s 4096 -e trace=openat,open,execve,stat,newfstatat,readlink -o "$work/trace" \
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
  kimigayo:build -Dkimigayo.force=true > "$work/traced.log" 2>&1 \
  || { tail -40 "$work/traced.log"; fail "the traced build failed"; }
grep -q "kimigayo: building (a rebuild was asked for)" "$work/traced.log" || fail "the traced build did not build"
python3 - "$work/trace" "$out/up-to-date.txt" "$PWD" "$maven_home" "$java_home" "$LOCAL_REPO" "$cache_dir" <<'PY'
import os, re, sys
trace, record, project, maven_home, java_home, repo, cache = sys.argv[1:8]
real = os.path.realpath
# what the key was made of: every file digested, every file read in part, every host library copied
inputs = set()
for line in open(record, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] == "input":
        inputs.add(real(f[3]))
    elif f[0] == "read":
        inputs.add(real(f[1]))
    elif f[0] == "library":
        inputs.add(real(f[2]))
opened, executed, pending, started_java = set(), [], {}, False
call = re.compile(r'^(\d+)\s+(openat|open|execve)\((?:AT_FDCWD, |(\d+), )?"((?:[^"\\]|\\.)*)"(.*)$')
resumed = re.compile(r"^(\d+)\s+<\.\.\. (openat|open|execve) resumed>.*\)\s+= (-?\d+)")
result = re.compile(r"\)\s+= (-?\d+)(?: [A-Z].*)?$")
for line in open(trace, encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    m = call.match(line)
    if m:
        pid, name, dirfd, path, rest = m.groups()
        if dirfd is not None and not path.startswith("/"):
            sys.exit("FAIL: a file opened relative to a directory descriptor: " + line)
        if rest.endswith("<unfinished ...>"):
            pending[pid] = (name, path, rest)
            continue
        r = result.search(rest)
        if not r:
            sys.exit("FAIL: a trace line not understood: " + line)
        rc = r.group(1)
    else:
        m = resumed.match(line)
        if not m or m.group(1) not in pending:
            continue
        name, path, rest = pending.pop(m.group(1))
        rc = m.group(3)
    if int(rc) < 0:
        continue
    path = path if path.startswith("/") else os.path.join(project, path)
    if name == "execve":
        if path.endswith("/bin/java"):
            started_java = True
        executed.append((path, started_java))
        continue
    if any(w in rest for w in ("O_WRONLY", "O_RDWR", "O_CREAT", "O_DIRECTORY")):
        continue
    opened.add(path)
# What may be read without being an input of the key, and why (each is printed with its count).
covered = {
    "the kernel's interfaces (/proc, /sys, /dev)":
        lambda p: p.startswith(("/proc/", "/sys/", "/dev/")),
    "the JDK that runs Maven (java.home: in the key by its version and mapped libraries; here it is also the JDK "
    "that makes the runtime, in the key with its whole tree)":
        lambda p: real(p).startswith(real(java_home) + "/"),
    "Maven's own installation (it runs the goal; what it hands the goal, the configuration, is in the key)":
        lambda p: real(p).startswith(real(maven_home) + "/"),
    "the prebuilt Kimigayo OS in the local repository (used only with the SHA-256 the plugin records, which is in "
    "the key)":
        lambda p: real(p).startswith(real(repo) + "/io/kimigayo/kimigayo-os/"),
    "the local repository's metadata (poms, resolver files: the jars they resolve to are in the key)":
        lambda p: real(p).startswith(real(repo) + "/")
                  and (p.endswith((".pom", ".xml", ".properties", ".sha1", ".md5", ".lastUpdated"))
                       or os.path.basename(p) == "_remote.repositories"),
    "the project's pom and .mvn (Maven's configuration: the effective configuration is in the key)":
        lambda p: real(p) in (real(project + "/pom.xml"),) or real(p).startswith(real(project + "/.mvn") + "/"),
    "the build cache (every entry is keyed by its own inputs)":
        lambda p: real(p).startswith(real(cache) + "/"),
    "the outputs themselves (checked by digest against the record)":
        lambda p: real(p).startswith(real(project + "/target/kimigayo") + "/"),
    "the dynamic loader's cache and the C library's configuration and message catalogs (the libraries loaded are in "
    "the key by content; a locale changes only the language of the tools' messages)":
        lambda p: p in ("/etc/ld.so.cache", "/etc/ld.so.preload", "/etc/nsswitch.conf", "/etc/host.conf",
                        "/etc/resolv.conf", "/etc/hosts", "/etc/gai.conf") or p.startswith(("/usr/lib/locale/", "/usr/share/locale/"))
                  or p.startswith("/usr/lib/x86_64-linux-gnu/gconv/") or p.startswith("/usr/lib/aarch64-linux-gnu/gconv/"),
    "account and time zone databases (outputs hold numeric ids and the build timestamp only)":
        lambda p: p in ("/etc/passwd", "/etc/group", "/etc/localtime", "/etc/timezone")
                  or p.startswith("/usr/share/zoneinfo/"),
    "the JVM's temporary files (its perf data, Maven's console library unpacked anew each run)":
        lambda p: p.startswith(("/tmp/hsperfdata_", "/tmp/jansi-")),
    "Maven's launcher configuration (mavenrc, the Maven settings it reads before the project)":
        lambda p: p in ("/etc/mavenrc", os.path.expanduser("~/.mavenrc"), os.path.expanduser("~/.m2/settings.xml"),
                        os.path.expanduser("~/.m2/settings-security.xml"))
                  or real(p).startswith(real(os.path.expanduser("~/.m2/wrapper")) + "/"),
}
counts = {k: 0 for k in covered}
in_key, missing = 0, []
for p in sorted(opened):
    if not os.path.isfile(p):
        continue   # gone since (a staging file), or not a file
    if real(p) in inputs:
        in_key += 1
        continue
    for why, test in covered.items():
        if test(p):
            counts[why] += 1
            break
    else:
        missing.append(p)
launcher, goal_programs = 0, []
for path, after_java in executed:
    if not after_java:
        launcher += 1   # the mvn shell script before it starts java (uname, dirname, ...)
    elif real(path) in inputs or covered["the JDK that runs Maven (java.home: in the key by its version and mapped libraries; here it is also the JDK that makes the runtime, in the key with its whole tree)"](path):
        in_key += 1
    else:
        goal_programs.append(path)
print(f"ok: {len(opened)} files opened for reading, {len(executed)} programs run; {in_key} are inputs of the key")
for why, c in counts.items():
    print(f"    {c:5d} {why}")
print(f"    {launcher:5d} programs run by the mvn launcher script before java starts")
for must in (project + "/target/classes/it/app/Main.class", project + "/src/image/app.conf",
             repo + "/com/google/code/gson/gson/2.13.2/gson-2.13.2.jar",
             repo + "/io/kimigayo/it/up-to-date-lib/1.0/up-to-date-lib-1.0.jar"):
    if must not in opened or real(must) not in inputs:
        sys.exit(f"FAIL: {must} should be read by the build and be an input of the key")
if missing or goal_programs:
    print("FAIL: read by the build but not an input of the up-to-date key:", file=sys.stderr)
    for p in missing + goal_programs:
        print("    " + p, file=sys.stderr)
    sys.exit(1)
print("ok: every file the build read and every program it ran is covered by the up-to-date key")
PY

# ---- (3) each input changed on its own: the next build builds, and the one after stops again ----
change() { # what reason-pattern [maven args...]
  local what=$1 pattern=$2
  shift 2
  build "$@"
  expect_build "$what" "$pattern"
  build "$@"
  grep -q "kimigayo: up to date (" "$log" || fail "$what: the build after the rebuild did not stop"
}
change_param() { # what reason-pattern [maven args...]: the parameter changed, then back as the pom has it
  change "$@"
  build
  expect_build "$1 back as the pom has it" '.'
}
layers() { skopeo inspect "oci:$out/image:$tag" | jq -r '.Layers[]'; }
mapfile -t before < <(layers)
sed -i 's/"one"/"two"/' src/main/java/it/app/Version.java
change "a class" 'target/classes'
mapfile -t after < <(layers)
changed=0
for i in "${!before[@]}"; do [ "${before[$i]}" = "${after[$i]}" ] || changed=$((changed + 1)); done
# the classes layer and the SBOM layer that describes it
assert_eq "2" "$changed" "layers changed by a one-class edit"
sed -i 's/from a resource/from the resource/' src/main/resources/app.properties
change "a resource" 'app.properties'
echo "setting=2" > src/image/app.conf
change "a file added through <files>" 'app.conf'
lib=$LOCAL_REPO/io/kimigayo/it/up-to-date-lib/1.0/up-to-date-lib-1.0.jar
lw=$work/lib && mkdir -p "$lw/it/lib"
printf 'package it.lib;\npublic final class Lib {\n    public static final String NAME = "lib two";\n}\n' > "$lw/Lib.java"
javac --release 17 -d "$lw" "$lw/Lib.java"
jar --create --file "$lib" --date 2026-01-01T00:00:00Z -C "$lw" it
change "a dependency jar's bytes, at the same path" 'up-to-date-lib-1.0.jar'
change_param "a parameter (jvmFlags)" 'jvmFlags' -Dkimigayo.jvmFlags=-Xss1m
change_param "a parameter (user)" 'user' -Dkimigayo.user=1000:1000
change_param "a parameter (variant)" 'variant' -Dkimigayo.variant=minimal
change_param "the build timestamp" 'timestamp' -Dproject.build.outputTimestamp=2026-01-02T00:00:00Z
build -Dkimigayo.force=true
expect_build "-Dkimigayo.force=true" 'a rebuild was asked for'

# ---- (4) damaged outputs and failed builds ----
build
grep -q "kimigayo: up to date (" "$log" || fail "the build after the forced one did not stop"
rm "$out/image.tar"
change "a deleted output" 'missing image.tar'
printf 'sha256:%064d\n' 0 > "$out/image.digest"
change "a damaged output" 'output changed: image.digest'
n=$((n + 1)); log=$work/build-$n.log
if "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
    package kimigayo:build -Dkimigayo.extraModules=no.such.module > "$log" 2>&1; then
  fail "a build with a module that does not exist succeeded"
fi
[ ! -e "$out/up-to-date.txt" ] || fail "a failed build left an up-to-date record"
build
expect_build "the build after a failed one" 'no record of a previous build'
echo "ok: a failed build leaves no record; the next build builds"
