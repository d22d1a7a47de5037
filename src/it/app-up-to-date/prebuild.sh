# The dependency io.kimigayo.it:up-to-date-lib:1.0, written into the local repository as `mvn install` would, so
# that verify.sh can change the jar's bytes at the same path.
. "$IT_LIB/common.sh"
require javac jar
dir=$LOCAL_REPO/io/kimigayo/it/up-to-date-lib/1.0
work=$(mktemp -d /tmp/kimigayo-up-to-date-lib.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/it/lib" "$work/classes" "$dir"
printf 'package it.lib;\npublic final class Lib {\n    public static final String NAME = "lib one";\n}\n' \
  > "$work/src/it/lib/Lib.java"
javac --release 17 -d "$work/classes" "$work/src/it/lib/Lib.java"
jar --create --file "$dir/up-to-date-lib-1.0.jar" --date 2026-01-01T00:00:00Z -C "$work/classes" .
cat > "$dir/up-to-date-lib-1.0.pom" <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.kimigayo.it</groupId>
  <artifactId>up-to-date-lib</artifactId>
  <version>1.0</version>
</project>
POM
echo "ok: io.kimigayo.it:up-to-date-lib:1.0 in $dir"
