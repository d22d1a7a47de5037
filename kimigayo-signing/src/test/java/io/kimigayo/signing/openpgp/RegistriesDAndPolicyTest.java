package io.kimigayo.signing.openpgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistriesDAndPolicyTest {

    @Test
    void registriesDSnippetPointsAScopeAtTheLookasideDirectory() {
        assertEquals("docker:\n  127.0.0.1:5000/kimigayo/app:\n    lookaside: file:///srv/lookaside\n",
                RegistriesD.snippet("127.0.0.1:5000/kimigayo/app", Path.of("/srv/lookaside/")));
        assertEquals("docker:\n  registry.example.com:\n    lookaside: https://sigs.example.com/lookaside\n",
                RegistriesD.snippet("registry.example.com", URI.create("https://sigs.example.com/lookaside")));
    }

    @Test
    void lookasideUrlsAreAbsoluteAndEncoded() {
        assertEquals("file:///tmp/my%20signatures/x%23y", RegistriesD.lookasideUrl(Path.of("/tmp/my signatures/x#y")));
        assertEquals("file://" + Path.of("rel").toAbsolutePath(), RegistriesD.lookasideUrl(Path.of("rel")));
    }

    @Test
    void scopesAreFullyExpandedRepositories() {
        assertEquals("docker.io/library/busybox", RegistriesD.scopeOf("busybox:1.37"));
        assertEquals("127.0.0.1:5000/kimigayo/app", RegistriesD.scopeOf("127.0.0.1:5000/kimigayo/app:1"));
        assertThrows(IllegalArgumentException.class, () -> RegistriesD.snippet("bad scope", Path.of("/x")));
        assertThrows(IllegalArgumentException.class,
                () -> RegistriesD.snippet("r.example", URI.create("ftp://x.example/sigs")));
    }

    @Test
    void policyRequiresASignatureByTheKeyForTheScopeAndRejectsTheRest() throws IOException {
        String json = SignedByPolicy.policyJson("127.0.0.1:5000/kimigayo/app", Path.of("/keys/\"odd\" key.asc"));
        JsonNode policy = new ObjectMapper().readTree(json);

        assertEquals("reject", policy.at("/default/0/type").asText());
        JsonNode requirement = policy.at("/transports/docker").get("127.0.0.1:5000/kimigayo/app").get(0);
        assertEquals("signedBy", requirement.get("type").asText());
        assertEquals("GPGKeys", requirement.get("keyType").asText());
        assertEquals("/keys/\"odd\" key.asc", requirement.get("keyPath").asText());
        assertEquals(3, requirement.size());
        assertEquals("{\"type\": \"signedBy\", \"keyType\": \"GPGKeys\", \"keyPath\": \"/k.asc\"}",
                SignedByPolicy.requirementJson(Path.of("/k.asc")));
    }
}
