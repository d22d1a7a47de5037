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
      "relro=\(.relro) canary=\(if .stackProtector then "yes" else "no" end) nx=\(if .nxStack then "yes" else "no" end) pie=\(if .kind == "shared_library" then "dso" elif .pie then "yes" else "no" end)"' "$json")
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
check_ca_bundle() { # rootfs rootfs.json work-directory
  local root=$1 json=$2 work=$3/ca mirror=${SOURCE_MIRRORS%%,*}
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
  echo "ca bundle: $count certificates, $(stat -c %s "$crt") bytes, sha256 $(sha256sum < "$crt" | cut -d' ' -f1)"
}

check_openrc() { # rootfs rootfs.json
  # OpenRC: its programs run in a chroot, BusyBox init hands over to it, its runlevels hold the VM services.
  local root=$1 json=$2 f s
  for f in usr/sbin/openrc usr/sbin/openrc-run usr/sbin/rc-service usr/sbin/start-stop-daemon usr/bin/rc-status \
    usr/lib/librc.so.1 usr/lib/libeinfo.so.1 usr/lib/rc/sh/openrc-run.sh etc/rc.conf etc/init.d/local; do
    [ -e "$root/$f" ] || fail "OpenRC's /$f is missing"
  done
  [ ! -e "$root/sbin/start-stop-daemon" ] || fail "BusyBox's start-stop-daemon shadows OpenRC's"
  for s in sysinit/devfs sysinit/sysfs boot/hostname boot/loopback boot/sysctl default/local; do
    [ "$(readlink "$root/etc/runlevels/$s")" = "/etc/init.d/${s#*/}" ] || fail "/etc/runlevels/$s is not linked"
  done
  assert_eq "openrc (OpenRC) 0.63.3 (Kimigayo OS)" "$(run_chroot "$root" /usr/sbin/openrc --version)" "openrc --version"
  run_chroot "$root" /usr/bin/rc-status --help | grep -q "^Usage: rc-status" || fail "rc-status --help did not run"
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
