# Helpers for the integration tests' shell scripts. Source it: . "$IT_LIB/common.sh"
set -euo pipefail

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The tools are installed by the test command (dev/test); a missing one fails loudly with the fix.
require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed; run dev/install-tools (apt-get install $tool)"
  done
}

# chroot as root, or inside a user namespace where root is mapped for an ordinary user.
run_chroot() {
  if [ "$(id -u)" = 0 ]; then chroot "$@"; else unshare --map-root-user chroot "$@"; fi
}

# umoci unpack, rootless when not root.
umoci_unpack() {
  if [ "$(id -u)" = 0 ]; then umoci unpack "$@"; else umoci unpack --rootless "$@"; fi
}

assert_eq() { # expected actual what
  [ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
  echo "ok: $3 = '$2'"
}

# skopeo (the judge) reads the image index a layout's tag names into FILE: an OCI index of linux/amd64 and
# linux/arm64/v8 in this order, whose digest image.digest holds and the build log prints. Sets index_digest.
check_two_platform_index() { # oci:layout:tag image.digest build.log FILE
  skopeo inspect --raw "$1" > "$4"
  assert_eq "application/vnd.oci.image.index.v1+json" "$(jq -r .mediaType "$4")" "the tag's media type"
  assert_eq "linux/amd64 linux/arm64/v8" \
    "$(jq -r '[.manifests[].platform | "\(.os)/\(.architecture)\(if .variant then "/" + .variant else "" end)"] | join(" ")' "$4")" \
    "the index's platforms"
  index_digest="sha256:$(sha256sum "$4" | cut -d' ' -f1)"
  assert_eq "$index_digest" "$(cat "$2")" "image.digest (the index's digest)"
  grep -q "Index digest: $index_digest" "$3" || fail "the build log does not print the index digest"
}

# The sample tree that the pack tests put into an image: things that trip naive tar writers.
# Made here, not kept in git, because git keeps neither modes, hard links nor empty directories.
LONG_DIR="opt/$(printf 'd%.0s' $(seq 60))/$(printf 'e%.0s' $(seq 60))"
LONG_PATH="$LONG_DIR/so-long-a-file-name.text" # 150 characters
NON_ASCII_PATH="etc/君が代.txt"

make_sample_tree() { # target-directory
  local root=$1
  rm -rf "$root"
  mkdir -p "$root/bin" "$root/usr/bin" "$root/var/empty" "$root/etc" "$root/$LONG_DIR"
  cp "$(command -v busybox)" "$root/bin/busybox"
  case "$(ldd "$root/bin/busybox" 2>&1 || true)" in
    *"not a dynamic"*) ;;
    *) fail "$(command -v busybox) is not a static binary; install busybox-static" ;;
  esac
  ln -s busybox "$root/bin/sh"
  ln "$root/bin/busybox" "$root/bin/ls"
  printf 'long\n' > "$root/$LONG_PATH"
  printf 'さざれ石\n' > "$root/$NON_ASCII_PATH"
  printf '#!/bin/sh\necho set-uid tool\n' > "$root/usr/bin/suid-tool"
  chmod 4755 "$root/usr/bin/suid-tool"
  [ ${#LONG_PATH} -eq 150 ] || fail "long path is ${#LONG_PATH} characters, expected 150"
}
