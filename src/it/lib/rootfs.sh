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
