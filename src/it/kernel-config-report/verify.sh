# The build failed after configuration: the hardening option SECCOMP_FILTER lost its dependency NET, and NET itself
# (asked by the hardening fragment) was overridden; the user's USB_STORAGE is reported too. Nothing was compiled
# or written.
. "$IT_LIB/common.sh"
grep -q "hardening options did not stick (Kimigayo's hardening baseline is not met)" build.log || fail "build.log does not say why the build failed"
grep -qF "CONFIG_SECCOMP_FILTER=y (hardening:" build.log || fail "CONFIG_SECCOMP_FILTER is not named"
grep -q "CONFIG_SECCOMP_FILTER=y (hardening:[0-9]*) did not stick: it is not set; unmet dependency: NET \[=n\] (depends on HAVE_ARCH_SECCOMP_FILTER \[=y\] && SECCOMP \[=y\] && NET \[=n\])" build.log \
  || { grep -n SECCOMP_FILTER build.log; fail "CONFIG_SECCOMP_FILTER's unmet dependency NET is not reported"; }
echo "ok: CONFIG_SECCOMP_FILTER reported with its unmet dependency NET [=n]"
grep -q "CONFIG_NET=y (hardening:[0-9]*) did not stick: it is not set; overridden by # CONFIG_NET is not set (src/kernel/no-network.config:2)" build.log \
  || { grep -n "CONFIG_NET=" build.log; fail "the override of CONFIG_NET is not reported"; }
echo "ok: CONFIG_NET reported as overridden by the user's fragment"
grep -q "WARNING.*CONFIG_USB_STORAGE=y (src/kernel/no-network.config:3) did not stick: it is not set; unmet dependency: USB_SUPPORT \[=n\] && USB \[=n\] && SCSI \[=n\]" build.log \
  || { grep -n USB_STORAGE build.log; fail "CONFIG_USB_STORAGE's unmet dependencies are not reported as a warning"; }
echo "ok: CONFIG_USB_STORAGE reported (a warning: it is the user's option)"
! grep -qE "objects compiled|make -j[0-9]+ bzImage" build.log || fail "the kernel was compiled although the configuration failed"
[ ! -e target/kimigayo/kernel ] || fail "kernel outputs were written by a failed build"
echo "ok: nothing compiled, nothing written"
