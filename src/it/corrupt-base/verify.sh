. "$IT_LIB/common.sh"
layer=$(cat target/damaged-layer)
grep -q "blob $layer is corrupt" build.log || fail "build.log does not name the damaged blob $layer"
echo "ok: the error names $layer"
[ ! -e target/kimigayo/image ] || fail "target/kimigayo/image was left behind by a failed build"
[ ! -e target/kimigayo/image.tar ] || fail "target/kimigayo/image.tar was left behind by a failed build"
[ ! -e target/kimigayo/image.digest ] || fail "target/kimigayo/image.digest was left behind by a failed build"
[ -z "$(find target/kimigayo -name '.staging-*' 2>/dev/null)" ] || fail "a staging directory was left behind"
echo "ok: nothing half-written"
