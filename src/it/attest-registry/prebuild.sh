# A cosign key pair made by our own goal, another one to be refused, and a registry (no auth: cosign reads it too).
. "$IT_LIB/common.sh"
. "$IT_LIB/registry.sh"
rm -rf keys && mkdir -p keys/other
for dir in keys keys/other; do
  KIMIGAYO_PASSWORD=it-Secret-kimigayo "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
    kimigayo:generate-key-pair -Dkimigayo.keyDirectory="$PWD/$dir"
done
start_registry target/registry
