# Helpers for the SBOM checks: the second readers of Kimigayo's SBOMs, independent of the code that wrote them.
# Source it after common.sh: . "$IT_LIB/sbom.sh"

# The CycloneDX project's JavaScript library (npm @cyclonedx/cyclonedx-library, with ajv), installed by
# dev/install-tools into this directory.
CYCLONEDX_JS=${CYCLONEDX_JS:-/opt/kimigayo/cyclonedx-js}
# The SPDX project's tools (org.spdx:tools-java), whose Verify command reads an SPDX document, checks it against
# the SPDX 2.3 JSON schema and then its model (identifiers, relationships, licence expressions).
SPDX_TOOLS_VERSION=2.0.1

# Validates a CycloneDX 1.6 JSON file with the CycloneDX JavaScript library's strict JSON validator; prints its
# errors and returns non-zero when the file is invalid.
cdx_validate() { # file
  [ -d "$CYCLONEDX_JS/node_modules/@cyclonedx/cyclonedx-library" ] \
    || fail "@cyclonedx/cyclonedx-library is not in $CYCLONEDX_JS; run dev/install-tools"
  NODE_PATH="$CYCLONEDX_JS/node_modules" node -e '
    const CDX = require("@cyclonedx/cyclonedx-library");
    const text = require("fs").readFileSync(process.argv[1], "utf8");
    new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(text).then(errors => {
      if (errors === null) { console.log("valid CycloneDX 1.6: " + process.argv[1]); return; }
      console.log(JSON.stringify(errors, null, 1)); process.exit(1);
    }, e => { console.log(String(e)); process.exit(2); });' "$1"
}

# The SPDX tools' jar, fetched from Maven Central into the local repository when it is not there.
spdx_tools_jar() {
  local jar="$LOCAL_REPO/org/spdx/tools-java/$SPDX_TOOLS_VERSION/tools-java-$SPDX_TOOLS_VERSION-jar-with-dependencies.jar"
  if [ ! -f "$jar" ]; then
    "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
      org.apache.maven.plugins:maven-dependency-plugin:3.9.0:get \
      -Dartifact="org.spdx:tools-java:$SPDX_TOOLS_VERSION:jar:jar-with-dependencies" -Dtransitive=false >&2 \
      || fail "could not fetch org.spdx:tools-java:$SPDX_TOOLS_VERSION (jar-with-dependencies) from Maven Central"
  fi
  echo "$jar"
}

# Verifies an SPDX 2.3 JSON file with the SPDX tools; prints what they say and returns non-zero when they find a
# problem (they print "This SPDX Document is valid." for a valid one).
spdx_verify() { # file
  local jar out
  jar=$(spdx_tools_jar)
  # the SPDX licence list the tools hold (they would fetch the newest from spdx.org otherwise)
  out=$(java -DSPDXParser.OnlyUseLocalLicenses=true -jar "$jar" Verify "$1" 2>&1) || true
  echo "$out" | grep -v "^SLF4J" | sed 's/^/  spdx-tools: /'
  grep -q "This SPDX Document is valid" <<<"$out"
}

# The OS components of a Kimigayo image's SBOMs as a scanner sees them: musl 1.2.5 by purl and by NVD's CPE, in
# both documents, and each OS component's pinned source digest as rootfs.json records it.
check_os_components() { # cdx spdx rootfs.json
  local cdx=$1 spdx=$2 json=$3 name pin
  assert_eq "cpe:2.3:a:musl-libc:musl:1.2.5:*:*:*:*:*:*:*" \
    "$(jq -r '.components[] | select(.purl // "" | startswith("pkg:generic/musl@1.2.5?download_url=")) | .cpe' "$cdx")" \
    "CycloneDX: the CPE of the component whose purl is pkg:generic/musl@1.2.5"
  assert_eq "cpe:2.3:a:musl-libc:musl:1.2.5:*:*:*:*:*:*:*" \
    "$(jq -r '.packages[] | select(.externalRefs // [] | map(.referenceLocator) | any(startswith("pkg:generic/musl@1.2.5?"))) | .externalRefs[] | select(.referenceType == "cpe23Type") | .referenceLocator' "$spdx")" \
    "SPDX: the cpe23Type of the package whose purl is pkg:generic/musl@1.2.5"
  assert_eq "cpe:2.3:a:busybox:busybox:1.37.0:*:*:*:*:*:*:*" \
    "$(jq -r '.components[] | select(.name == "busybox") | .cpe' "$cdx")" "CycloneDX: BusyBox's CPE"
  for name in $(jq -r '.components[].name' "$json"); do
    pin=$(jq -r --arg n "$name" '.components[] | select(.name == $n) | .sha256' "$json")
    if [[ $pin == tar:* ]]; then
      assert_eq "${pin#tar:}" "$(jq -r --arg n "$name" '.components[] | select(.name == $n) | .properties[] | select(.name == "kimigayo:source:tar-sha256") | .value' "$cdx")" \
        "CycloneDX: $name's source pinned by its uncompressed tar"
    else
      assert_eq "$pin" "$(jq -r --arg n "$name" '.components[] | select(.name == $n) | .externalReferences[0].hashes[0].content' "$cdx")" \
        "CycloneDX: $name's source archive digest"
      assert_eq "$pin" "$(jq -r --arg n "$name" '.packages[] | select(.name == $n) | .checksums[0].checksumValue' "$spdx")" \
        "SPDX: $name's source archive checksum"
    fi
  done
}

# The file digests of an SBOM against the files of the unpacked image, hashed here by sha256sum.
check_file_digests() { # cdx root
  local cdx=$1 root=$2 path expected count=0
  while IFS=$'\t' read -r path expected; do
    assert_eq "$expected" "$(sha256sum "$root$path" | cut -d' ' -f1)" "SHA-256 of $path" > /dev/null
    count=$((count + 1))
  done < <(jq -r '.components[] | select(.type == "file") | [.name, (.hashes[] | select(.alg == "SHA-256") | .content)] | @tsv' "$cdx")
  [ "$count" -gt 0 ] || fail "the SBOM lists no files"
  echo "ok: the SHA-256 of the $count files the SBOM lists match the image's files"
}
