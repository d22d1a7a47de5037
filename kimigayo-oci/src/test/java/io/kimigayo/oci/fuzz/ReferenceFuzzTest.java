package io.kimigayo.oci.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.registry.WwwAuthenticate;

import java.nio.charset.StandardCharsets;

/**
 * The image reference parser and the {@code WWW-Authenticate} parser on any text (the input's bytes as UTF-8): a value, or an
 * {@link IllegalArgumentException} with a message; never another exception, an error or a hang. Seeds:
 * {@code src/test/resources/io/kimigayo/oci/fuzz/ReferenceFuzzTestInputs}.
 */
class ReferenceFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void imageReference(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        ImageReference reference = null;
        try {
            reference = ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            Typed.message(e);
        }
        if (reference != null) {
            if (!ImageReference.parse(reference.toString()).equals(reference)) {
                throw new AssertionError("'" + text + "' reads as " + reference + ", which reads back as another "
                        + "reference");
            }
            // normalising is idempotent (for names that stay within the 255 characters a name may have)
            ImageReference normalised = reference.repository().length() > 255 ? reference
                    : ImageReference.parse(reference.repository() + "@sha256:" + "0".repeat(64));
            if (!normalised.repository().equals(reference.repository())) {
                throw new AssertionError("'" + text + "' names repository " + reference.repository()
                        + ", which reads back as " + normalised.repository());
            }
        }
        try {
            ImageReference.parseImageName(text);
        } catch (IllegalArgumentException e) {
            Typed.message(e);
        }
        ImageReference.namesRegistry(text);
    }

    @FuzzTest(maxDuration = "30s")
    void wwwAuthenticate(byte[] data) {
        String header = new String(data, StandardCharsets.UTF_8);
        try {
            WwwAuthenticate challenge = WwwAuthenticate.parse(header);
            challenge.parameter("realm");
            challenge.parameter("scope");
            challenge.isBasic();
        } catch (IllegalArgumentException e) {
            Typed.message(e);
        }
    }
}
