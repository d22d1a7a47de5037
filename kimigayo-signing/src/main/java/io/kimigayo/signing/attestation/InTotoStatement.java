package io.kimigayo.signing.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kimigayo.oci.digest.Digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-toto Statement v1: which artifacts ({@code subject}: name and SHA-256) a predicate is about, and the
 * predicate's type. Fields are written in a fixed order ({@code _type, subject, predicateType, predicate}).
 *
 * @param subjects      the artifacts: for an image, its repository and its manifest (or index) digest
 * @param predicateType the predicate's type URI
 * @param predicate     the predicate, a JSON object
 */
public record InTotoStatement(List<Subject> subjects, String predicateType, JsonNode predicate) {

    /** The {@code _type} of a Statement v1. */
    public static final String TYPE = "https://in-toto.io/Statement/v1";

    public InTotoStatement {
        subjects = List.copyOf(subjects);
    }

    /**
     * One subject.
     *
     * @param name   the artifact's name (for an image, its repository, as cosign writes it)
     * @param digest its SHA-256
     */
    public record Subject(String name, Digest digest) {
    }

    /** The statement's bytes: compact JSON in a fixed order. */
    public byte[] toBytes() {
        ObjectNode root = AttestationJson.MAPPER.createObjectNode();
        root.put("_type", TYPE);
        ArrayNode subject = root.putArray("subject");
        for (Subject s : subjects) {
            ObjectNode node = subject.addObject();
            node.put("name", s.name());
            node.putObject("digest").put("sha256", s.digest().hex());
        }
        root.put("predicateType", predicateType);
        root.set("predicate", predicate);
        return AttestationJson.write(root);
    }

    /** Reads a statement; one that is not an in-toto statement gives an exception saying why. */
    public static InTotoStatement parse(byte[] bytes) throws IOException {
        JsonNode root;
        try {
            root = AttestationJson.read(bytes);
        } catch (IOException e) {
            throw new IOException("the payload is not JSON (" + e.getMessage() + ")");
        }
        String type = root.path("_type").asText(null);
        if (type == null || !type.startsWith("https://in-toto.io/Statement/")) {
            throw new IOException("the payload is not an in-toto statement (_type is " + type + ")");
        }
        String predicateType = root.path("predicateType").asText(null);
        if (predicateType == null) {
            throw new IOException("the in-toto statement has no predicateType");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode s : root.path("subject")) {
            String hex = s.path("digest").path("sha256").asText(null);
            if (hex != null) {
                try {
                    subjects.add(new Subject(s.path("name").asText(""), Digest.parse("sha256:" + hex)));
                } catch (IllegalArgumentException e) {
                    throw new IOException("the in-toto statement has a subject whose sha256 is not a digest: " + hex);
                }
            }
        }
        return new InTotoStatement(subjects, predicateType, root.path("predicate"));
    }
}
