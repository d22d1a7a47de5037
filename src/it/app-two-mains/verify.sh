# No main class configured and two candidates: the build fails, listing both and saying how to choose.
. "$IT_LIB/common.sh"
grep -q "several classes in .*/target/classes have public static void main(String\[\]): it.two.Migrate, it.two.Server; name the one to run with <mainClass> or -Dkimigayo.mainClass=" build.log \
  || { grep -n "ERROR" build.log | head; fail "the failure does not list both classes and the fix"; }
[ ! -e target/kimigayo/image ] || fail "an image was written"
echo "ok: the failure lists both candidates and the fix"
