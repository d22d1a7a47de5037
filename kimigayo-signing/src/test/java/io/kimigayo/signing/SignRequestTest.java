package io.kimigayo.signing;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignRequestTest {

    private static SignRequest request(Map<String, String> annotations) {
        return new SignRequest(Path.of("image"), "1.0", "example/app", SignatureFormat.COSIGN, Path.of("k.key"),
                new char[0], null, null, Instant.EPOCH, annotations, false);
    }

    @Test
    void anEmptyAnnotationValueIsTheEmptyStringAndAnEmptyNameIsNamed() {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("note", null);
        assertEquals(Map.of("note", ""), request(annotations).annotations(), "an empty <note/> reaches here as null");
        Map<String, String> unnamed = new HashMap<>();
        unnamed.put(" ", "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> request(unnamed)).getMessage()
                .contains("signatureAnnotations: an entry has an empty name"));
    }
}
