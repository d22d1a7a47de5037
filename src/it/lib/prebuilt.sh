# Helpers for the prebuilt Kimigayo OS tests (kimigayo-os/src/it). Source after common.sh.

# kimigayo-os's target directory: the Invoker clones its tests to kimigayo-os/target/it.
PREBUILT_TARGET=$(cd "$IT_ROOT/.." && pwd)

# Deploys kimigayo-os's artifacts as a release would (maven-deploy-plugin) to the file repository <dir>, with
# <standard-x86_64.tar.gz> in place of the built one (a tampered copy, with checksums that match it, as a
# compromised repository would serve it).
deploy_prebuilt() { # dir standard-x86_64.tar.gz
  local files=() classifiers=() types=() dir c
  for dir in "$PREBUILT_TARGET"/kimigayo/*/; do
    c=$(basename "$dir")
    files+=("$dir/rootfs/rootfs.json"); classifiers+=("$c"); types+=(json)
    if [ "$c" = standard-x86_64 ]; then files+=("$2"); else files+=("$dir/rootfs/rootfs.tar.gz"); fi
    classifiers+=("$c"); types+=(tar.gz)
  done
  local log
  log="target/deploy-$(basename "$1").log"
  mkdir -p target
  (IFS=,; "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" \
    org.apache.maven.plugins:maven-deploy-plugin:3.1.4:deploy-file -Durl="file://$PWD/$1" -DrepositoryId=it \
    -DgroupId=io.kimigayo -DartifactId=kimigayo-os -Dversion="$PLUGIN_VERSION" -Dpackaging=pom \
    -Dfile="$PREBUILT_TARGET/../pom.xml" -Dfiles="${files[*]}" -Dclassifiers="${classifiers[*]}" \
    -Dtypes="${types[*]}" > "$log" 2>&1) || { tail -30 "$log"; fail "deploy-file to $1"; }
  ls "$1/io/kimigayo/kimigayo-os/$PLUGIN_VERSION/" | grep -q 'standard-x86_64.tar.gz$' || fail "nothing deployed to $1"
}

# A Maven repository for a fresh machine at <dir>: the tests' repository without kimigayo-os (a copy: a build
# writes into it).
fresh_repository() { # dir
  echo "copying the Maven repository without kimigayo-os to $1"
  rm -rf "$1" && cp -a "$LOCAL_REPO" "$1" && rm -rf "$1/io/kimigayo/kimigayo-os"
}

# settings.xml that adds the file repository <dir> to every build (for projects whose pom names no repository).
repository_settings() { # dir settings.xml
  cat > "$2" <<XML
<settings>
  <profiles>
    <profile>
      <id>kimigayo-releases</id>
      <repositories>
        <repository>
          <id>kimigayo-releases</id>
          <url>file://$PWD/$1</url>
          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>kimigayo-releases</activeProfile></activeProfiles>
</settings>
XML
}
