# Judges of a Kimigayo kernel and its boot check. Source after common.sh.

# The hardening the issue promises, named here on their own (not read from Kimigayo's fragment): each must be set in
# the final .config, and each "off" option must be absent or not set.
HARDENING_ON="RELOCATABLE RANDOMIZE_BASE STACKPROTECTOR STACKPROTECTOR_STRONG STRICT_KERNEL_RWX SECCOMP SECCOMP_FILTER
  NET SLUB HARDENED_USERCOPY FORTIFY_SOURCE INIT_ON_ALLOC_DEFAULT_ON"
HARDENING_OFF="KEXEC HIBERNATION USELIB LEGACY_PTYS MODIFY_LDT_SYSCALL DEVMEM"

check_hardening() { # .config kernel.json
  local config=$1 json=$2 o line
  for o in $HARDENING_ON; do
    grep -qx "CONFIG_$o=y" "$config" || fail "CONFIG_$o=y is not in the final .config"
  done
  for o in $HARDENING_OFF; do
    ! grep -q "^CONFIG_$o=" "$config" || fail "CONFIG_$o is set in the final .config: $(grep "^CONFIG_$o=" "$config")"
  done
  echo "ok: the promised hardening options are set in the final .config ($(echo $HARDENING_ON | wc -w) on, $(echo $HARDENING_OFF | wc -w) off)"
  # Every option of Kimigayo's hardening fragment, as kernel.json lists them, is in the .config with its value.
  local count=0
  while IFS= read -r line; do
    o=${line%%=*}
    case "$line" in
      *=n) ! grep -q "^$o=" "$config" || fail "$o is set, hardening asked it off" ;;
      *) grep -qx "$line" "$config" || fail "$line asked by the hardening fragment is not in the .config" ;;
    esac
    count=$((count + 1))
  done < <(jq -r '.options.asked[] | select(.kind == "hardening") | "\(.option)=\(.value)"' "$json")
  [ "$count" -ge 30 ] || fail "kernel.json lists only $count hardening options"
  assert_eq "0" "$(jq '.options.missing | length' "$json")" "options that did not stick"
  echo "ok: all $count options of the hardening fragment are in the final .config"
}

# boot.json says the marker came and every in-guest check passed.
check_boot() { # boot.json
  local json=$1
  [ "$(jq -r '.timeToMarkerMillis' "$json")" -gt 0 ] || fail "no time to marker in $json"
  assert_eq "0" "$(jq '[.checks[] | select(.passed | not)] | length' "$json")" "failed in-guest checks"
  assert_eq "2" "$(jq -r '.checks[] | select(.name | startswith("ASLR")) | .actual' "$json")" "randomize_va_space"
  grep -q "KIMIGAYO-BOOT-CHECK [0-9a-f]* up" "$(jq -r .console "$json")" || fail "the console log lacks the marker"
}

# Seconds with two decimals from milliseconds.
seconds() { printf '%d.%02d' $(( $1 / 1000 )) $(( $1 % 1000 / 10 )); }

# Boots a kernel with an initramfs through the plugin (no project needed) and prints the path of its boot.json.
boot_with() { # kernel initramfs output-directory [extra mvn args...]
  local kernel=$1 initramfs=$2 out=$3
  shift 3
  "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
    "io.kimigayo:kimigayo-maven-plugin:$PLUGIN_VERSION:boot-check" \
    -Dkimigayo.kernel="$kernel" -Dkimigayo.initramfs="$initramfs" -Dkimigayo.outputDirectory="$out" "$@" \
    > "$out.log" 2>&1 || { tail -40 "$out.log"; fail "boot-check of $kernel failed"; }
  echo "$out/boot/boot.json"
}

# Boots boot-check's initrd (the product's initramfs + the check overlay) again as boot.json describes the boot, under
# QEMU's -icount shift=3,sleep=off: the guest clock then advances 8 ns per guest instruction, whatever the host's load,
# so the guest's uptime at the check (the check script reports it) measures the boot's work, not the machine's
# business. Prints that uptime in milliseconds. The wall time of the same boot swings 2x with the load of a shared
# 2-core machine; this does not (repeated boots agree within 0.01 s).
icount_uptime_ms() { # boot.json console-log
  local json=$1 log=$2 dir qemu up
  dir=$(dirname "$(jq -r .console "$json")")
  case "$(jq -r .arch "$json")" in aarch64) qemu=qemu-system-aarch64 ;; *) qemu=qemu-system-x86_64 ;; esac
  timeout 300 "$qemu" -machine "$(jq -r .machine "$json")" -accel tcg -icount shift=3,sleep=off \
    -cpu "$(jq -r .cpu "$json")" -smp 1 -m "$(jq -r .memoryMiB "$json")" -nodefaults -no-user-config \
    -display none -serial stdio -no-reboot -kernel "$(jq -r .kernel "$json")" -initrd "$dir/boot-check-initrd.img" \
    -append "$(jq -r .commandLine "$json")" </dev/null > "$log" 2>&1 || fail "the -icount boot failed; see $log"
  up=$(sed -n 's/^.*KIMIGAYO-BOOT-CHECK [0-9a-f]* uptime=\([0-9]*\)\.\([0-9]*\).*$/\1\2/p' "$log" | head -1)
  [ -n "$up" ] || fail "the -icount boot reported no uptime; see $log"
  echo $(( 10#$up * 10 ))
}
