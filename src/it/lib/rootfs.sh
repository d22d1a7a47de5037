# Judges of a Kimigayo OS rootfs packed as an image. Source after common.sh.

# Unpacks the image with umoci into $2 (strict: digests, sizes, diff_ids).
unpack_image() { # layout:tag bundle
  umoci_unpack --image "$1" "$2"
  echo "ok: umoci unpacked $1"
}

# Runs a shell script using several applets inside the rootfs and checks the output.
check_applets() { # rootfs
  local out
  out=$(run_chroot "$1" /bin/sh -c '
    cd /tmp && echo "b a c" | tr " " "\n" | sort | tr "\n" " " && echo
    printf "%s\n" one two three | grep -c o
    echo kimigayo > f.txt && sed s/kimi/KIMI/ f.txt && rm f.txt
    echo $((6 * 7)) | wc -c
    ls -d /etc /usr/bin | head -n 1
    . /etc/os-release && echo "$NAME"
  ')
  assert_eq "a b c 
2
KIMIgayo
3
/etc
Kimigayo OS" "$out" "a shell script of applets under chroot"
  assert_eq "uid=65532(nonroot) gid=65532(nonroot) groups=65532(nonroot)" "$(run_chroot "$1" /bin/sh -c 'id nonroot')" "id nonroot"
  assert_eq "65532" "$(run_chroot --userspec=65532:65532 "$1" /bin/sh -c 'id -u')" "running as nonroot"
}

check_no_package_manager() { # rootfs
  local dir name
  for dir in bin sbin usr/bin usr/sbin usr/local/bin usr/local/sbin; do
    for name in apk apt apt-get dpkg dpkg-deb rpm yum dnf microdnf zypper pacman opkg; do
      [ ! -e "$1/$dir/$name" ] && [ ! -L "$1/$dir/$name" ] || fail "package manager $dir/$name in the rootfs"
    done
  done
  echo "ok: no package manager on the PATH"
}

# checksec, an independent judge, agrees with our audit in rootfs.json on every ELF file of the rootfs.
check_checksec_agrees() { # rootfs rootfs.json
  local root=$1 json=$2 count=0 path ours theirs
  while IFS= read -r path; do
    ours=$(jq -r --arg p "$path" '.audit[] | select(.path == $p) |
      "relro=\(if .relro == "none" then "no" else .relro end) canary=\(if .stackProtector then "yes" else "no" end) nx=\(if .nxStack then "yes" else "no" end) pie=\(if .kind == "shared_library" then "dso" elif .kind == "relocatable" then "rel" elif .pie then "yes" else "no" end)"' "$json")
    theirs=$(checksec --file="$root$path" --output=json | jq -r 'to_entries[0].value |
      "relro=\(.relro) canary=\(.canary) nx=\(.nx) pie=\(.pie)"')
    assert_eq "$theirs" "$ours" "checksec vs our audit of $path"
    count=$((count + 1))
  done < <(find "$root" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "${1#'"$root"'}"' _ {} \;)
  [ "$count" -ge 2 ] || fail "expected at least 2 ELF files, found $count"
  assert_eq "$count" "$(jq '.audit | length' "$json")" "ELF files audited"
}

check_gzip_size() { # rootfs.json max-bytes variant
  local gz
  gz=$(jq .sizes.gzip "$1")
  echo "size: $3 is $(jq .sizes.tar "$1") bytes uncompressed, $gz bytes gzip (limit $2)"
  [ "$gz" -le "$2" ] || fail "$3 is $gz bytes gzip, over the limit of $2"
}

# The CA bundle of a rootfs: in place (0644, root, /etc/ssl/cert.pem linking to it, the same bytes in the chroot),
# the certificates Debian's own certdata2pem.py takes from the pinned certdata.txt (the mirror's archive, whose
# SHA-256 rootfs.json records) less those with a server distrust-after date, every one read by openssl;
# openssl verify accepts a root of the bundle and refuses a chain of a CA made here. Prints size and count.
# With a 4th argument, a PEM file of the certificates added through files (/usr/local/share/ca-certificates): they
# must be the bundle's last ones, and are counted apart from Mozilla's.
check_ca_bundle() { # rootfs rootfs.json work-directory [added.pem]
  local root=$1 json=$2 work=$3/ca mirror=${SOURCE_MIRRORS%%,*} added=${4:-} added_count=0
  local crt="$root/etc/ssl/certs/ca-certificates.crt" file sha f label count debian_count
  rm -rf "$work" && mkdir -p "$work/debian" "$work/bundle" "$work/test-ca"
  [ -f "$crt" ] && [ ! -L "$crt" ] || fail "the rootfs lacks the CA bundle /etc/ssl/certs/ca-certificates.crt"
  assert_eq "644 0 0" "$(stat -c '%a %u %g' "$crt")" "the CA bundle's mode, owner and group"
  assert_eq "certs/ca-certificates.crt" "$(readlink "$root/etc/ssl/cert.pem")" "the link /etc/ssl/cert.pem"
  assert_eq "$(sha256sum < "$crt" | cut -d' ' -f1)" \
    "$(run_chroot "$root" /bin/sh -c 'cat /etc/ssl/cert.pem | sha256sum' | cut -d' ' -f1)" \
    "the CA bundle read through /etc/ssl/cert.pem in the chroot"
  count=$(run_chroot "$root" /bin/sh -c 'grep -c "BEGIN CERTIFICATE" /etc/ssl/certs/ca-certificates.crt')

  # The source, as rootfs.json records it, is the pinned archive in the mirror.
  file=$(jq -r '.components[] | select(.name == "ca-certificates") | .file' "$json")
  sha=$(jq -r '.components[] | select(.name == "ca-certificates") | .sha256' "$json")
  assert_eq "MPL-2.0" "$(jq -r '.components[] | select(.name == "ca-certificates") | .license' "$json")" "the CA certificates' licence in rootfs.json"
  assert_eq "$sha" "$(sha256sum "$mirror/$file" | cut -d' ' -f1)" "rootfs.json's ca-certificates SHA-256 vs $file in the mirror"

  # Debian's converter on the same certdata.txt; certificates with a server distrust-after date are left out by us.
  tar -xJf "$mirror/$file" -C "$work/debian" --strip-components=2 ca-certificates/mozilla
  (cd "$work/debian" && python3 certdata2pem.py > certdata2pem.log)
  debian_count=$(ls "$work"/debian/*.crt | wc -l)
  awk '/^CKA_CLASS /{cls=$3} /^CKA_LABEL UTF8 /{sub(/^CKA_LABEL UTF8 "/, ""); sub(/"$/, ""); label=$0}
       /^CKA_NSS_SERVER_DISTRUST_AFTER MULTILINE_OCTAL/ && cls == "CKO_CERTIFICATE" {print label}' \
    "$work/debian/certdata.txt" > "$work/distrust-after.txt"
  while IFS= read -r label; do
    f=$(printf '%s' "$label" | sed 's|[/ ,]|_|g; s|[()]|=|g')
    rm "$work/debian/$f.crt" || fail "Debian's certdata2pem.py wrote no $f.crt"
  done < "$work/distrust-after.txt"
  for f in "$work"/debian/*.crt; do openssl x509 -in "$f" -noout -fingerprint -sha256 | cut -d= -f2; done | sort > "$work/expected.txt"
  awk -v dir="$work/bundle" '/BEGIN CERTIFICATE/{n++} {print > (dir "/" n ".pem")}' "$crt"
  if [ -n "$added" ]; then
    added_count=$(grep -c "BEGIN CERTIFICATE" "$added")
    for ((f = count - added_count + 1; f <= count; f++)); do
      openssl x509 -in "$work/bundle/$f.pem" -noout -fingerprint -sha256 | cut -d= -f2
      rm "$work/bundle/$f.pem"
    done > "$work/added-in-bundle.txt"
    awk -v dir="$work/added" 'BEGIN{system("mkdir -p " dir)} /BEGIN CERTIFICATE/{n++} {print > (dir "/" n ".pem")}' "$added"
    for f in "$work"/added/*.pem; do openssl x509 -in "$f" -noout -fingerprint -sha256 | cut -d= -f2; done > "$work/added-expected.txt"
    diff "$work/added-expected.txt" "$work/added-in-bundle.txt" || fail "the bundle does not end with the $added_count certificate(s) of $added"
    echo "ok: the bundle ends with the $added_count certificate(s) added through files ($added)"
  fi
  for f in "$work"/bundle/*.pem; do echo "$(openssl x509 -in "$f" -noout -fingerprint -sha256 | cut -d= -f2) $f"; done | sort > "$work/ours.txt"
  cut -d' ' -f1 "$work/ours.txt" | diff "$work/expected.txt" - || fail "the bundle's certificates are not those of Debian's certdata2pem.py less the distrusted-after ones ($(paste -sd, "$work/distrust-after.txt"))"
  echo "ok: the bundle's $(wc -l < "$work/ours.txt") SHA-256 fingerprints are Debian's certdata2pem.py's $debian_count less $(wc -l < "$work/distrust-after.txt") left out for a distrust-after date ($(paste -sd, "$work/distrust-after.txt"))"
  assert_eq "$count" "$(openssl crl2pkcs7 -nocrl -certfile "$crt" | openssl pkcs7 -print_certs -noout | grep -c '^subject=')" "certificates openssl reads from the bundle"
  grep -q '^96:BC:EC:06:26:49:76:F3:74:60:77:9A:CF:28:C5:A7:CF:E8:A3:C0:AA:E1:1A:8F:FC:EE:05:C0:BD:DF:08:C6 ' "$work/ours.txt" || fail "ISRG Root X1 is not in the bundle"

  # openssl verify against the rootfs's bundle: a real root of it verifies; a chain of a CA made here does not.
  f=$(grep '^96:BC:EC:06' "$work/ours.txt" | cut -d' ' -f2)
  assert_eq "$f: OK" "$(openssl verify -CAfile "$root/etc/ssl/cert.pem" "$f" 2>&1)" "openssl verify of ISRG Root X1 with the bundle"
  (cd "$work/test-ca" &&
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=Kimigayo IT test CA" 2>/dev/null &&
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj "/CN=server.test" 2>/dev/null &&
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 2>/dev/null) || fail "openssl could not make the test CA"
  assert_eq "$work/test-ca/server.pem: OK" "$(openssl verify -CAfile "$work/test-ca/ca.pem" "$work/test-ca/server.pem" 2>&1)" "the test chain with its own CA"
  if openssl verify -CAfile "$root/etc/ssl/cert.pem" "$work/test-ca/server.pem" > "$work/test-ca/verify.log" 2>&1; then
    fail "the bundle verifies a certificate of a CA made by this test"
  fi
  grep -q "unable to get local issuer certificate" "$work/test-ca/verify.log" || fail "unexpected: $(cat "$work/test-ca/verify.log")"
  echo "ok: the bundle refuses the test CA's chain (unable to get local issuer certificate)"
  echo "ca bundle: $count certificates ($added_count of them added through files), $(stat -c %s "$crt") bytes, sha256 $(sha256sum < "$crt" | cut -d' ' -f1)"
}

# The time-zone database of a rootfs: /usr/share/zoneinfo with TZif files and the tables, links as relative
# symlinks, no /etc/localtime (UTC); BusyBox date in the chroot gives Tokyo's and New York's local times as the
# host's date with its own zoneinfo does (winter and summer). Prints the zone count and the bytes.
check_zoneinfo() { # rootfs rootfs.json
  local root=$1 json=$2 zi=$1/usr/share/zoneinfo zones links t tz expected actual
  [ -d "$zi" ] || fail "the rootfs lacks /usr/share/zoneinfo"
  [ ! -e "$root/etc/localtime" ] && [ ! -L "$root/etc/localtime" ] || fail "the rootfs has /etc/localtime (UTC is the default)"
  assert_eq "LicenseRef-Public-Domain" "$(jq -r '.components[] | select(.name == "tzdata") | .license' "$json")" "tzdata's licence in rootfs.json"
  local file sha mirror=${SOURCE_MIRRORS%%,*}
  file=$(jq -r '.components[] | select(.name == "tzdata") | .file' "$json")
  sha=$(jq -r '.components[] | select(.name == "tzdata") | .sha256' "$json")
  assert_eq "$sha" "$(sha256sum "$mirror/$file" | cut -d' ' -f1)" "rootfs.json's tzdata SHA-256 vs $file in the mirror"
  zones=$(find "$zi" -type f -exec sh -c 'head -c 4 "$1" | grep -q TZif && echo "$1"' _ {} \; | wc -l)
  links=$(find "$zi" -type l | wc -l)
  [ "$zones" -ge 300 ] || fail "only $zones TZif files in /usr/share/zoneinfo"
  [ "$(find "$zi" -type f | wc -l)" = $((zones + 3)) ] || fail "/usr/share/zoneinfo holds files other than TZif and the 3 tables: $(find "$zi" -type f | wc -l) files"
  for t in zone1970.tab zone.tab iso3166.tab; do [ -s "$zi/$t" ] || fail "/usr/share/zoneinfo lacks $t"; done
  assert_eq "../America/New_York" "$(readlink "$zi/US/Eastern")" "the link US/Eastern"
  assert_eq "America/New_York" "$(readlink "$zi/posixrules")" "the link posixrules"
  assert_eq "Etc/UTC" "$(readlink "$zi/UTC")" "the link UTC"
  assert_eq "Thu Jan  1 09:00:00 JST 1970" "$(run_chroot "$root" /bin/sh -c 'TZ=Asia/Tokyo date -d @0')" "TZ=Asia/Tokyo date -d @0 in the chroot"
  for tz in Asia/Tokyo America/New_York US/Eastern Europe/Paris Australia/Sydney UTC; do
    for t in 0 1720000000 1735689600; do
      expected=$(TZ=$tz date -d "@$t" '+%F %T %Z %z')
      actual=$(run_chroot "$root" /bin/sh -c "TZ=$tz date -d @$t '+%F %T %Z %z'")
      assert_eq "$expected" "$actual" "TZ=$tz date -d @$t in the chroot (vs the host's date)"
    done
  done
  assert_eq "1969-12-31 19:00:00 EST -0500" "$(run_chroot "$root" /bin/sh -c "TZ=America/New_York date -d @0 '+%F %T %Z %z'")" "New York at the epoch"
  assert_eq "2024-07-03 05:46:40 EDT -0400" "$(run_chroot "$root" /bin/sh -c "TZ=America/New_York date -d @1720000000 '+%F %T %Z %z'")" "New York in summer"
  echo "ok: TZ=Asia/Tokyo date -d @0 is 09:00 JST; Tokyo, New York, Paris, Sydney, UTC agree with the host's date"
  echo "zoneinfo: $zones zones, $links links, $(find "$zi" -type f -printf '%s\n' | awk '{s+=$1} END {print s}') bytes in files, $(du -sb "$zi" | cut -f1) bytes on disk"
}

# Runs a command chrooted into the rootfs with the host's /dev bound and a /proc of its own, inside private mount
# and PID namespaces: the mounts end with the command, and nothing is left mounted in the rootfs.
run_chroot_dev_proc() { # rootfs command...
  local root=$1 ns=(unshare --mount --pid --fork)
  shift
  [ "$(id -u)" = 0 ] || ns=(unshare --map-root-user --mount --pid --fork)
  mkdir -p "$root/dev" "$root/proc"
  "${ns[@]}" /bin/sh -c 'mount --rbind /dev "$1/dev" && mount -t proc proc "$1/proc" && r=$1 && shift &&
    exec chroot "$r" "$@"' _ "$root" "$@"
}

# The idioms that common shell scripts use, run by the rootfs's own shell under chroot: any refusal (an applet or
# option this BusyBox lacks) stops the script, and the output must be exactly the expected one.
check_script_idioms() { # rootfs variant
  local out
  out=$(run_chroot_dev_proc "$1" /bin/sh -c '
    set -eu
    d=$(mktemp -d) && cd "$d"
    printf "one\ntwo\n" | head -1
    printf "one\ntwo\nthree\n" | tail -n +2 | tr "\n" " " && echo
    echo hello > f && sed -i s/hello/bye/ f && sed -i.bak "s/bye/bye!/" f && cat f f.bak
    echo "a=12 b=345" | grep -o "[0-9]*" | tr "\n" " " && echo
    printf "ab\nxy\n" | grep -E "a|z" && printf "a.b\naxb\n" | grep -F . && printf "a\nb\n" | grep -c -v b
    touch p q && find . -name "[pq]" -exec sh -c "echo \$#" _ {} +
    find . -maxdepth 1 -name p -print0 | xargs -0 echo found
    printf "v1.10\nv1.9\nv1.2\n" | sort -V | tr "\n" " " && echo
    TZ=UTC0 date -d @0 "+%Y-%m-%d %H:%M" && TZ=UTC0 date -d "2001-02-03 04:05" +%s
    ps -o pid,comm | head -1 | tr -s " "
    echo root:x:0 | cut -d: -f1 && ln -s f link && readlink -f link | grep -c "/f$"
    env -i A=1 env
    [[ abc == a* ]] && test 2 -lt 10 && [ -n x ] && printf "%05d|%s|%x\n" 42 str 255
    printf "a\nb\nc\n" | wc -l && echo Hello | tr "[:lower:]" "[:upper:]" && basename /x/y.sh .sh
    printf AB | od -An -tx1 | tr -s " " && echo 1 | tee -a t >/dev/null && echo 2 | tee -a t >/dev/null && cat t
    [ "$(nproc)" -ge 1 ] && timeout 5 true && { ! timeout 1 sleep 3; } 2>/dev/null
    install -m 750 -d inst && stat -c %a inst
    echo "x 1 y" | awk "{ print \$3, \$2 + 41 }" && cmp f f && diff f f && echo same
    tar -czf a.tgz f t && mkdir out && tar -xzf a.tgz -C out && cat out/t && gzip -9 -c f | gunzip -c
  ' 2>&1) || fail "a script idiom was refused in $2 (output: $out)"
  assert_eq "one
two three 
bye!
bye
12 345 
ab
a.b
1
2
found ./p
v1.2 v1.9 v1.10 
1970-01-01 00:00
981173100
PID COMMAND
root
1
A=1
00042|str|ff
3
HELLO
y
 41 42
1
2
750
y 42
same
1
2
bye!" "$out" "the script idioms in $2"
  echo "ok: the script idioms (head -1, sed -i, grep -o/-E/-F, find -exec {} +, xargs -0, sort -V, date -d, ps -o,"\
    "[[ ]], awk, tar -z...) run in $2"
}

# BusyBox's own test suite (testsuite/ of the pinned source archive that rootfs.json names) against the rootfs's
# BusyBox, in the chroot, as root. The suite reads the .config of the very build (the cache entry rootfs.json
# names, whose binary is the rootfs's) to know which applets and features exist. Prints pass, fail and skip counts;
# fails on any failure that busybox-testsuite-known-failures.txt does not list for the variant with its reason.
check_busybox_testsuite() { # rootfs rootfs.json variant work-directory
  local root=$1 json=$2 variant=$3 work=$4/busybox-testsuite mirror=${SOURCE_MIRRORS%%,*}
  local cache=${KIMIGAYO_CACHE:-$HOME/.cache/kimigayo} key file sha entry log pass failed skip name reason start
  local known="$IT_LIB/busybox-testsuite-known-failures.txt" unexpected="" listed=0
  rm -rf "$work" && mkdir -p "$work"
  key=$(jq -r '.components[] | select(.name == "busybox") | .buildKey' "$json")
  file=$(jq -r '.components[] | select(.name == "busybox") | .file' "$json")
  sha=$(jq -r '.components[] | select(.name == "busybox") | .sha256' "$json")
  entry="$cache/builds/$key"
  [ -f "$entry/busybox.config" ] || fail "the BusyBox build $key has no busybox.config in $cache/builds"
  assert_eq "$(sha256sum < "$entry/busybox" | cut -d' ' -f1)" "$(sha256sum < "$root/bin/busybox" | cut -d' ' -f1)" \
    "the rootfs's /bin/busybox against the build $key"
  assert_eq "$sha" "$(sha256sum < "$mirror/$file" | cut -d' ' -f1)" "the BusyBox source $mirror/$file"
  tar -xjf "$mirror/$file" -C "$work" --wildcards '*/testsuite'
  rm -rf "$root/tmp/bbtest" && mkdir -p "$root/tmp/bbtest"
  cp -a "$work"/busybox-*/testsuite "$root/tmp/bbtest/testsuite"
  cp "$entry/busybox.config" "$root/tmp/bbtest/.config"
  ln -s /bin/busybox "$root/tmp/bbtest/busybox"
  log="$work/$variant.log"
  start=$(date +%s)
  run_chroot_dev_proc "$root" /bin/sh -c 'cd /tmp/bbtest/testsuite && ./runtest' > "$log" 2>&1 || true
  pass=$(grep -c '^PASS: ' "$log" || true)
  failed=$(grep -c '^FAIL: ' "$log" || true)
  skip=$(grep -cE '^(SKIPPED|UNTESTED): ' "$log" || true)
  echo "busybox testsuite ($variant): $pass passed, $failed failed, $skip skipped ($(( $(date +%s) - start )) s;" \
    "log $log)"
  [ "$pass" -ge 100 ] || { tail -30 "$log"; fail "the BusyBox test suite passed only $pass tests in $variant"; }
  while IFS= read -r name; do
    reason=$(awk -F'|' -v v="$variant" -v n="$name" '$1 == v && $2 == n { print $3; exit }' "$known")
    if [ -n "$reason" ]; then
      echo "known failure ($variant): $name: $reason"
      listed=$((listed + 1))
    else
      unexpected="$unexpected
  $name"
    fi
  done < <(sed -n 's/^FAIL: //p' "$log")
  if [ -n "$unexpected" ]; then
    run_chroot_dev_proc "$root" /bin/sh -c 'cd /tmp/bbtest/testsuite && ./runtest -v' \
      > "$work/$variant-verbose.log" 2>&1 || true
    fail "BusyBox's test suite failed in $variant, and busybox-testsuite-known-failures.txt does not explain:$unexpected
(details: $work/$variant-verbose.log)"
  fi
  rm -rf "$root/tmp/bbtest"
  echo "ok: every failure of BusyBox's test suite in $variant is a known one ($listed)"
}

check_openrc() { # rootfs rootfs.json
  # OpenRC: its programs run in a chroot, BusyBox init hands over to it, its runlevels hold the VM services.
  local root=$1 json=$2 f s help
  for f in usr/sbin/openrc usr/sbin/openrc-run usr/sbin/rc-service usr/sbin/start-stop-daemon usr/bin/rc-status \
    usr/lib/librc.so.1 usr/lib/libeinfo.so.1 usr/lib/rc/sh/openrc-run.sh etc/rc.conf etc/init.d/local; do
    [ -e "$root/$f" ] || fail "OpenRC's /$f is missing"
  done
  [ ! -e "$root/sbin/start-stop-daemon" ] || fail "BusyBox's start-stop-daemon shadows OpenRC's"
  for s in sysinit/devfs sysinit/sysfs boot/hostname boot/loopback boot/sysctl default/local; do
    [ "$(readlink "$root/etc/runlevels/$s")" = "/etc/init.d/${s#*/}" ] || fail "/etc/runlevels/$s is not linked"
  done
  assert_eq "openrc (OpenRC) 0.63.3 (Kimigayo OS)" "$(run_chroot "$root" /usr/sbin/openrc --version)" "openrc --version"
  # (the output is read whole first: with pipefail, `| grep -q` fails when grep exits before the writer is done)
  help=$(run_chroot "$root" /usr/bin/rc-status --help) || fail "rc-status --help failed"
  grep -q "^Usage: rc-status" <<<"$help" || fail "rc-status --help did not print its usage"
  assert_eq "BSD-2-Clause tar:1ba33bb21b1bf9d04ab3515743396498fa52be28d8af07424772daaa792118fe" \
    "$(jq -r '.components[] | select(.name == "openrc") | .license + " " + .sha256' "$json")" "rootfs.json's openrc"
  grep -qx "::wait:/usr/sbin/openrc default" "$root/etc/inittab" || fail "the inittab does not run openrc default"
  # No shell without a password: getty + login on the console, every account locked in /etc/shadow.
  grep -qx "ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100" "$root/etc/inittab" || fail "no getty on ttyS0"
  ! grep -qE "^[^#]*:(respawn|askfirst|once|wait|sysinit):-?/bin/(sh|ash)" "$root/etc/inittab" \
    || fail "the inittab hands out a shell: $(cat "$root/etc/inittab")"
  assert_eq "root:*:0:0:99999:7:::" "$(grep '^root:' "$root/etc/shadow")" "root's /etc/shadow line"
  assert_eq "600 0" "$(stat -c '%a %u' "$root/etc/shadow")" "/etc/shadow's mode and owner"
  # BusyBox's login itself refuses root: an empty password, then "root"; a shell would answer id with uid=0.
  require script timeout
  printf '\nroot\nroot\nid\n' | timeout 12 script -qec "chroot $root /bin/login root" /dev/null \
    > "$root/../login.out" 2>&1 || true
  grep -q "Login incorrect" "$root/../login.out" || fail "login did not refuse root: $(cat "$root/../login.out")"
  ! grep -q "uid=0" "$root/../login.out" || fail "login gave root a shell"
  echo "ok: OpenRC 0.63.3 runs in a chroot; its runlevels are linked; getty + login, root locked (login refused it)"
}
