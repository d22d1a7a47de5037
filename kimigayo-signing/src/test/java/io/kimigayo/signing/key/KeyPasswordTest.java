package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPasswordTest {

    private static final Map<String, String> BOTH = Map.of(
            "KIMIGAYO_PASSWORD", "from-kimigayo", "COSIGN_PASSWORD", "from-cosign", "HOME", "/root");

    @Test
    void anExplicitPasswordComesFirst() {
        try (KeyPassword password = KeyPassword.resolve("explicit", BOTH)) {
            assertArrayEquals("explicit".toCharArray(), password.chars());
            assertEquals("the explicit password", password.source());
        }
    }

    @Test
    void thenKimigayoPasswordThenCosignPassword() {
        try (KeyPassword password = KeyPassword.resolve(null, BOTH)) {
            assertArrayEquals("from-kimigayo".toCharArray(), password.chars());
            assertEquals("the environment variable KIMIGAYO_PASSWORD", password.source());
        }
        try (KeyPassword password = KeyPassword.resolve(null, Map.of("COSIGN_PASSWORD", "from-cosign"))) {
            assertArrayEquals("from-cosign".toCharArray(), password.chars());
            assertEquals("the environment variable COSIGN_PASSWORD", password.source());
        }
    }

    @Test
    void aVariableSetToEmptyIsTheEmptyPassword() {
        try (KeyPassword password = KeyPassword.resolve(null, Map.of("KIMIGAYO_PASSWORD", "",
                "COSIGN_PASSWORD", "not this one"))) {
            assertTrue(password.isEmpty());
            assertArrayEquals(new char[0], password.chars());
        }
        try (KeyPassword password = KeyPassword.resolve("", BOTH)) {
            assertTrue(password.isEmpty());
        }
    }

    @Test
    void noPasswordAnywhereSaysWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeyPassword.resolve(null, Map.of("HOME", "/root")));

        assertEquals("no password for the private key: set the environment variable KIMIGAYO_PASSWORD (or "
                + "COSIGN_PASSWORD, as for cosign); set it to an empty value for a key without a password",
                e.getMessage());
        assertTrue(KeyPassword.find(null, Map.of()).isEmpty());
    }

    @Test
    void neverShowsTheValue() {
        try (KeyPassword password = KeyPassword.resolve(null, BOTH)) {
            assertEquals("KeyPassword[from the environment variable KIMIGAYO_PASSWORD, value hidden]",
                    password.toString());
            assertFalse(password.toString().contains("from-kimigayo"));
            assertFalse(String.valueOf(password).contains("from-kimigayo"));
        }
    }

    @Test
    void closingWipesIt() {
        char[] given = "typed".toCharArray();
        KeyPassword password = KeyPassword.of(given, "a console prompt");
        given[0] = 'X';
        assertArrayEquals("typed".toCharArray(), password.chars(), "the password is a copy of what was given");

        char[] copy = password.chars();
        copy[0] = 'Y';
        assertArrayEquals("typed".toCharArray(), password.chars(), "chars() hands out copies");

        password.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, password::chars);
        assertEquals("the password from a console prompt was already wiped", e.getMessage());
    }
}
