# A key pair made by our own goal, and another one that must be refused.
. "$IT_LIB/common.sh"
rm -rf keys && mkdir -p keys/other
KIMIGAYO_PASSWORD=it-Secret-kimigayo "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
  kimigayo:generate-key-pair -Dkimigayo.keyDirectory="$PWD/keys"
KIMIGAYO_PASSWORD= "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
  kimigayo:generate-key-pair -Dkimigayo.keyDirectory="$PWD/keys/other"
[ -f keys/kimigayo.key ] && [ -f keys/other/kimigayo.pub ] || fail "generate-key-pair wrote no key pair"
