package io.kimigayo.oci.registry;

import java.nio.file.Path;
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
public record PushRequest(Path layout, String sourceTag, RegistryReference target, List<String> tags,
                          RegistryAccess access) {

    public PushRequest {
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("push to " + target.name() + ": no tag to push under; give the "
                    + "target a tag (" + target.name() + ":1.0) or set tags");
        }
    }
}
