package io.kimigayo.oci.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper for OCI documents: compact output, properties in the order the records declare, map keys
 * sorted, so the same document always gives the same bytes (and so the same digest).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return read(bytes, type, "the document");
    }

    /**
     * Reads a document, failing with a message that names it ({@code what}), says what it should have been and
     * where the parser stopped, rather than the parser's own words.
     */
    public static <T> T read(byte[] bytes, Class<T> type, String what) throws IOException {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IOException(what + " is not a valid " + type.getSimpleName() + " (JSON): "
                    + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
