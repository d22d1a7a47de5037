# A key pair made by our own goal, as a user would make it.
. "$IT_LIB/common.sh"
rm -rf keys
KIMIGAYO_PASSWORD=it-Secret-kimigayo "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
  kimigayo:generate-key-pair -Dkimigayo.keyDirectory="$PWD/keys"
[ -f keys/kimigayo.key ] && [ -f keys/kimigayo.pub ] || fail "generate-key-pair wrote no key pair"
assert_eq "600" "$(stat -c %a keys/kimigayo.key)" "private key file mode"
head -1 keys/kimigayo.key | grep -q "BEGIN ENCRYPTED SIGSTORE PRIVATE KEY" || fail "kimigayo.key is not in cosign's encrypted format"
# A second run must not replace the key.
if KIMIGAYO_PASSWORD=x "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" kimigayo:generate-key-pair \
   -Dkimigayo.keyDirectory="$PWD/keys" > keys/second-run.log 2>&1; then
  fail "generate-key-pair replaced an existing key"
fi
grep -q "refusing to overwrite" keys/second-run.log || fail "the refusal does not say why"
echo "ok: generate-key-pair refuses to replace a key"
