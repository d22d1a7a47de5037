. "$IT_LIB/common.sh"
. "$IT_LIB/rootfs.sh"
require umoci jq checksec readelf gcc qemu-aarch64-static
json=target/kimigayo/rootfs/rootfs.json
work=target/judge && rm -rf "$work" && mkdir -p "$work"
assert_eq "aarch64" "$(jq -r .arch "$json")" "rootfs.json's arch"
unpack_image target/kimigayo/image:minimal-arm64 "$work/bundle"
root="$work/bundle/rootfs"
config=$(jq -r '.manifests[0].digest' target/kimigayo/image/index.json | cut -d: -f2)
config=$(jq -r .config.digest "target/kimigayo/image/blobs/sha256/$config" | cut -d: -f2)
assert_eq "linux/arm64/v8" "$(jq -r '"\(.os)/\(.architecture)/\(.variant)"' "target/kimigayo/image/blobs/sha256/$config")" \
  "the image config's platform"

# Every ELF file is an aarch64 one (readelf, the judge), and the executables ask for musl's aarch64 loader.
elves=0
while IFS= read -r f; do
  machine=$(readelf -h "$f" | sed -n 's/^ *Machine: *//p')
  assert_eq "AArch64" "$machine" "readelf's machine of ${f#"$root"}"
  if grep -q 'Requesting program interpreter' <<<"$(readelf -l "$f")"; then
    assert_eq "/lib/ld-musl-aarch64.so.1" "$(readelf -l "$f" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')" \
      "the loader of ${f#"$root"}"
  fi
  elves=$((elves + 1))
done < <(find "$root" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \;)
[ "$elves" -ge 2 ] || fail "expected at least 2 ELF files, found $elves"
[ -L "$root/lib/ld-musl-aarch64.so.1" ] || fail "the rootfs has no /lib/ld-musl-aarch64.so.1"
[ ! -e "$root/lib/ld-musl-x86_64.so.1" ] || fail "the rootfs has the x86_64 loader"

# checksec (it reads foreign ELF) agrees with our audit, and finds busybox hardened: PIE, NX, full RELRO, canary.
check_no_package_manager "$root"
check_checksec_agrees "$root" "$json"
assert_eq "0" "$(jq '[.audit[] | select(.problems | length > 0)] | length' "$json")" "executables failing the audit"
assert_eq "relro=full canary=yes nx=yes pie=yes" "$(checksec --file="$root/bin/busybox" --output=json | jq -r 'to_entries[0].value |
  "relro=\(.relro) canary=\(.canary) nx=\(.nx) pie=\(.pie)"')" "checksec's verdict on /bin/busybox"
assert_eq "relro=full nx=yes" "$(checksec --file="$root/usr/lib/libc.so" --output=json | jq -r 'to_entries[0].value |
  "relro=\(.relro) nx=\(.nx)"')" "checksec's verdict on musl's libc.so"
check_gzip_size "$json" 1048576 minimal-aarch64

# The same applet script as on x86_64, under chroot, every applet run by qemu-aarch64-static. Without binfmt_misc the
# kernel cannot exec an aarch64 file, so a copy of the unpacked rootfs (for this test only; the judged tree above is
# left as unpacked) gets the static qemu and, at /bin/busybox, a static host stub that runs the real aarch64 busybox
# (moved to /bin/busybox.aarch64) under qemu with the applet's name as argv[0]. Every applet symlink leads there.
emu="$work/emulated"
cp -a "$root" "$emu"
install -m 0755 "$(command -v qemu-aarch64-static)" "$emu/qemu-aarch64-static"
mv "$emu/bin/busybox" "$emu/bin/busybox.aarch64"
cat > "$work/stub.c" <<'C'
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv) {
    char *args[argc + 4];
    int n = 0;
    args[n++] = "/qemu-aarch64-static";
    args[n++] = "-0";
    args[n++] = argv[0];
    args[n++] = "/bin/busybox.aarch64";
    for (int i = 1; i < argc; i++) args[n++] = argv[i];
    args[n] = NULL;
    execv(args[0], args);
    perror("execv /qemu-aarch64-static");
    return 127;
}
C
gcc -static -O2 -o "$emu/bin/busybox" "$work/stub.c"
assert_eq "aarch64" "$(run_chroot "$emu" /bin/uname -m)" "uname -m under qemu"
check_applets "$emu"
# The time zones (asked for: an optional component of minimal) are the machine-independent tree zic compiled once,
# read by the aarch64 musl under qemu.
assert_eq "musl busybox tzdata" "$(jq -r '[.components[].name] | join(" ")' "$json")" "the components"
check_zoneinfo "$emu" "$json"

# The applet links the cross build took from BusyBox's configuration are the ones the aarch64 binary lists itself.
links=$(cd "$root" && find . -type l -lname /bin/busybox | sed 's|^\./||' | sort)
listed=$(run_chroot "$emu" /bin/busybox --list-full | sort)
assert_eq "$listed" "$links" "applet links vs busybox --list-full"

# A second build with nothing changed compiles nothing, also when the same machine is named arm64.
start=$(date +%s)
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
  -Dkimigayo.arch=arm64 package > "$work/rebuild.log" 2>&1 || { tail -40 "$work/rebuild.log"; fail "rebuild failed"; }
seconds=$(( $(date +%s) - start ))
grep -q "musl 1.2.5: up to date" "$work/rebuild.log" || fail "musl was not taken from the cache"
grep -q "busybox 1.37.0 (minimal): up to date" "$work/rebuild.log" || fail "busybox was not taken from the cache"
! grep -qE "objects compiled|: make -j|: configure" "$work/rebuild.log" || fail "the rebuild compiled something"
assert_eq "aarch64" "$(jq -r .arch "$json")" "rootfs.json's arch after a build with arch=arm64"
echo "ok: the unchanged rebuild (arch=arm64) compiled nothing and took $seconds s"
