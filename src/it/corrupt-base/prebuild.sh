# Copies pack-scratch's image and flips one byte in the middle of its layer blob (same size, other digest).
. "$IT_LIB/common.sh"
require jq
base=target/damaged-base
rm -rf "$base" && mkdir -p target
cp -r "$IT_ROOT/pack-scratch/target/kimigayo/image" "$base"
manifest=$(jq -r '.manifests[0].digest' "$base/index.json" | cut -d: -f2)
layer=$(jq -r '.layers[0].digest' "$base/blobs/sha256/$manifest" | cut -d: -f2)
blob="$base/blobs/sha256/$layer"
size=$(stat -c %s "$blob")
offset=$((size / 2))
byte=$(od -An -tu1 -j "$offset" -N1 "$blob" | tr -d ' ')
printf "$(printf '\\%03o' $(((byte + 1) % 256)))" | dd of="$blob" bs=1 seek="$offset" conv=notrunc status=none
[ "$(stat -c %s "$blob")" = "$size" ] || fail "corrupting changed the size"
echo "sha256:$layer" > target/damaged-layer
echo "damaged layer sha256:$layer at byte $offset"
