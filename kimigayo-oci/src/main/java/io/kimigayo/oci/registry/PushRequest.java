package io.kimigayo.oci.registry;

import io.kimigayo.oci.reference.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ImagePusher} pushes.
 *
 * @param layout    the OCI layout holding the image ({@code target/kimigayo/image})
 * @param sourceTag the image's tag in the layout, or null when it holds one image
 * @param target    where to push: registry and repository (its tag, if any, is the first tag pushed)
 * @param tags      the tags to push the image under (with the target's own tag first, repeats dropped); at
 *                  least one
 * @param access    credentials, TLS, retries
 */
public record PushRequest(Path layout, String sourceTag, ImageReference target, List<String> tags,
                          RegistryAccess access) {

    /**
     * A push of the image tagged {@code sourceTag} in {@code layout} to {@code to} as a user writes it
     * ({@code registry/repository[:tag]}; without a tag, the image's own tag), plus {@code extraTags}.
     *
     * @throws IllegalArgumentException when {@code to} names a digest or no registry
     */
    public static PushRequest to(String to, Path layout, String sourceTag, List<String> extraTags,
                                 RegistryAccess access) {
        String written = to == null ? "" : to.trim();
        if (written.isEmpty()) {
            throw new IllegalArgumentException("no target to push to; name one as registry/repository[:tag], e.g. "
                    + "registry.example/team/app:1.0");
        }
        if (written.contains("@")) {
            throw new IllegalArgumentException("to '" + to + "' names a digest; push to a tag");
        }
        if (!ImageReference.namesRegistry(written)) {
            throw new IllegalArgumentException("to '" + to + "' names no registry; write registry/repository:tag "
                    + "(registry.example/team/app:1.0; Docker Hub as docker.io/NAME/APP:TAG)");
        }
        ImageReference target = ImageReference.parse(written);
        boolean hasTag = written.lastIndexOf(':') > written.lastIndexOf('/');
        List<String> tags = new ArrayList<>();
        tags.add(hasTag ? target.tag() : sourceTag);
        if (extraTags != null) {
            extraTags.stream().map(String::trim).filter(t -> !t.isEmpty()).forEach(tags::add);
        }
        return new PushRequest(layout, sourceTag, target, tags, access);
    }

    public PushRequest {
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("push to " + target.repository() + ": no tag to push under; give the "
                    + "target a tag (" + target.repository() + ":1.0) or set tags");
        }
    }
}
