package io.kimigayo.oci.registry;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WwwAuthenticateTest {

    @Test
    void bearerWithRealmServiceAndScope() {
        WwwAuthenticate c = WwwAuthenticate.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:team/app:pull,push\",error=\"insufficient_scope\"");
        assertTrue(c.isBearer());
        assertEquals(Map.of("realm", "https://auth.example/token", "service", "registry.example",
                "scope", "repository:team/app:pull,push", "error", "insufficient_scope"), c.parameters());
    }

    @Test
    void basicWithSpacesAndEscapes() {
        WwwAuthenticate c = WwwAuthenticate.parse("Basic  realm = \"say \\\"hi\\\"\" , charset=UTF-8");
        assertTrue(c.isBasic());
        assertEquals("say \"hi\"", c.parameter("realm").orElseThrow());
        assertEquals("UTF-8", c.parameter("charset").orElseThrow());
    }

    @Test
    void onlyTheFirstChallengeIsRead() {
        WwwAuthenticate c = WwwAuthenticate.parse("Bearer realm=\"r\", Basic realm=\"x\"");
        assertTrue(c.isBearer());
        assertEquals(Map.of("realm", "r"), c.parameters());
    }
}
