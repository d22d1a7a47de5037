. "$IT_LIB/common.sh"
grep -q "/usr/local/share/ca-certificates/not-a-cert.crt is not a PEM certificate file: no -----BEGIN CERTIFICATE----- block" build.log \
  || fail "build.log does not name the file that is not a PEM certificate"
echo "ok: the build names /usr/local/share/ca-certificates/not-a-cert.crt and what is wrong with it"
[ ! -e target/kimigayo/rootfs/rootfs.tar ] || fail "a rootfs.tar was written by a failed build"
echo "ok: nothing written"
