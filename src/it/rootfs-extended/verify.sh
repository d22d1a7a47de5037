. "$IT_LIB/common.sh"
. "$IT_LIB/rootfs.sh"
require umoci skopeo jq checksec openssl python3 readelf
json=target/kimigayo/rootfs/rootfs.json
mirror=${SOURCE_MIRRORS%%,*}
work=target/judge && rm -rf "$work" && mkdir -p "$work"
unpack_image target/kimigayo/image:extended "$work/bundle"
root="$work/bundle/rootfs"
check_applets "$root"
check_no_package_manager "$root"
check_checksec_agrees "$root" "$json"
check_ca_bundle "$root" "$json" "$work"
check_zoneinfo "$root" "$json"
check_openrc "$root" "$json"
assert_eq "0" "$(jq '[.audit[] | select(.problems | length > 0)] | length' "$json")" "executables failing the audit"
for exe in /usr/bin/tcc /usr/bin/make /usr/bin/strace /bin/busybox; do
  assert_eq "executable pie=true relro=full nx=true ssp=true" "$(jq -r --arg p "$exe" '.audit[] | select(.path == $p) |
    "\(.kind) pie=\(.pie) relro=\(.relro) nx=\(.nxStack) ssp=\(.stackProtector)"' "$json")" "the audit of $exe"
done
# Static archives are not ELF files (not audited); crt files are objects, not executables.
assert_eq "relocatable" "$(jq -r '.audit[] | select(.path == "/usr/lib/crt1.o") | .kind' "$json")" \
  "the audit's kind of crt1.o"
! jq -e '.audit[] | select(.path | endswith(".a"))' "$json" >/dev/null \
  || fail "a static archive was audited as an ELF file"

# Size: at most 50 MB uncompressed (the seed's limit), and the gzip size and the parts.
tar_size=$(jq .sizes.tar "$json")
echo "size: extended is $tar_size bytes uncompressed, $(jq .sizes.gzip "$json") bytes gzip" \
  "(limit 52428800 uncompressed)"
[ "$tar_size" -le 52428800 ] || fail "extended is $tar_size bytes uncompressed, over the limit of 50 MB"
for part in bin/busybox usr/bin/tcc usr/lib/tcc usr/bin/make usr/bin/strace usr/include usr/lib/libc.a usr/lib/libc.so \
    usr/lib/crt1.o etc/ssl/certs/ca-certificates.crt; do
  echo "size: /$part $(du -sb "$root/$part" | cut -f1) bytes"
done

# The tools are the pinned ones; the sources recorded in rootfs.json are the mirror's files, with their licences.
assert_eq "tcc version 0.9.27 (x86_64 Linux)" "$(run_chroot "$root" /usr/bin/tcc -v)" "tcc -v"
assert_eq "GNU Make 4.4.1" "$(run_chroot "$root" /usr/bin/make --version | head -n 1)" "make --version"
assert_eq "strace -- version 6.1" "$(run_chroot "$root" /usr/bin/strace -V | head -n 1)" "strace -V"
assert_eq "tcc" "$(readlink "$root/usr/bin/cc")" "cc links to"
for c in make:GPL-3.0-or-later strace:LGPL-2.1-or-later tcc:LGPL-2.1-or-later; do
  name=${c%%:*}
  file=$(jq -r --arg n "$name" '.components[] | select(.name == $n) | .file' "$json")
  assert_eq "${c#*:}" "$(jq -r --arg n "$name" '.components[] | select(.name == $n) | .license' "$json")" \
    "$name's licence"
  assert_eq "$(jq -r --arg n "$name" '.components[] | select(.name == $n) | .sha256' "$json")" \
    "$(sha256sum "$mirror/$file" | cut -d' ' -f1)" "rootfs.json's $name SHA-256 vs $file in the mirror"
done
for f in crt1.o crti.o crtn.o Scrt1.o rcrt1.o libc.a; do
  [ -f "$root/usr/lib/$f" ] || fail "/usr/lib/$f is missing"
done
[ -f "$root/usr/include/stdio.h" ] && [ -f "$root/usr/lib/tcc/libtcc1.a" ] \
  || fail "musl's headers or libtcc1.a are missing"
applets=$(run_chroot "$root" /bin/busybox --list | wc -l)
echo "ok: BusyBox has $applets applets"
[ "$applets" -ge 350 ] || fail "extended's BusyBox has $applets applets; allyesconfig gives about 400"

# The judge: a C program compiled and run inside the image, a Makefile built by make, strace of the program.
mkdir -p "$root/tmp/dev"
cat > "$root/tmp/dev/hello.c" <<'C'
#include <stdio.h>
#include <string.h>
int main(void) { printf("hello from Kimigayo, %zu\n", strlen("extended")); return 0; }
C
cat > "$root/tmp/dev/util.c" <<'C'
int twice(int x) { return 2 * x; }
C
cat > "$root/tmp/dev/main.c" <<'C'
#include <stdio.h>
int twice(int x);
int main(void) { printf("twice 21 is %d\n", twice(21)); return 0; }
C
printf 'prog: main.o util.o\n\t$(CC) -o $@ main.o util.o\n%%.o: %%.c\n\t$(CC) -c $<\n' > "$root/tmp/dev/Makefile"
out=$(run_chroot "$root" /bin/sh -c 'cd /tmp/dev && cc hello.c && ./a.out')
assert_eq "hello from Kimigayo, 8" "$out" "cc hello.c && ./a.out in the chroot"
interp=$(readelf -l "$root/tmp/dev/a.out" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
assert_eq "/lib/ld-musl-x86_64.so.1" "$interp" "the interpreter of what tcc links"
out=$(run_chroot "$root" /bin/sh -c 'cd /tmp/dev && cc -static -o hello-static hello.c && ./hello-static')
assert_eq "hello from Kimigayo, 8" "$out" "cc -static (musl's libc.a) in the chroot"
! grep -q "INTERP" <<<"$(readelf -l "$root/tmp/dev/hello-static")" || fail "cc -static made a dynamically linked program"
out=$(run_chroot "$root" /bin/sh -c 'cd /tmp/dev && make CC=cc && ./prog')
assert_eq "cc -c main.c
cc -c util.c
cc -o prog main.o util.o
twice 21 is 42" "$out" "make builds a Makefile in the chroot"
# strace -f follows a forked child and shows its write(2) (printf goes out through writev).
cat > "$root/tmp/dev/fork.c" <<'C'
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  pid_t child = fork();
  if (child == 0) { write(1, "child writes\n", 13); _exit(0); }
  waitpid(child, 0, 0);
  return 0;
}
C
out=$(run_chroot "$root" /bin/sh -c 'cd /tmp/dev && cc -o fork fork.c && strace -f -o trace ./fork')
assert_eq "child writes" "$out" "the forked program's output under strace"
trace="$root/tmp/dev/trace"
parent=$(head -n 1 "$trace" | cut -d' ' -f1)
# (the call may be logged whole, or "<unfinished ...>" and resumed when another process's line came between;
# strace pads a PID of fewer than 5 digits with spaces)
writer=$(grep -E '^[0-9]+ +write\(1, "child writes\\n", 13( <unfinished \.\.\.>$|\) += 13$)' "$trace" \
  | cut -d' ' -f1 || true)
[ -n "$writer" ] || { cat "$trace"; fail "strace -f did not show the child's write(2) call"; }
[ "$writer" != "$parent" ] || fail "strace shows the write(2) in the parent ($parent), not in the child"
echo "ok: strace -f shows $(wc -l < "$trace") system calls; the child $writer (of $parent) called write(2)"

# A second build with nothing changed compiles nothing.
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" package \
  > "$work/rebuild.log" 2>&1 || { tail -40 "$work/rebuild.log"; fail "rebuild failed"; }
for label in "musl 1.2.5" "musl 1.2.5 (libc.a)" "busybox 1.37.0 (extended)" "make 4.4.1" "strace 6.1" \
    "tcc 0.9.27+git20200814.62c30a4a"; do
  grep -qF "$label: up to date" "$work/rebuild.log" || fail "$label was not taken from the cache"
done
! grep -qE "objects compiled|: make -j|: configure" "$work/rebuild.log" || fail "the rebuild compiled something"
echo "ok: the unchanged rebuild compiled nothing"
