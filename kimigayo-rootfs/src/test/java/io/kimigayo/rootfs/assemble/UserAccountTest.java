package io.kimigayo.rootfs.assemble;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAccountTest {

    @Test
    void homeAndShellDefault() {
        UserAccount app = new UserAccount("app", 1000, 1000, null, null);
        assertEquals("/home/app", app.home());
        assertEquals("/bin/sh", app.shell());
        UserAccount blank = new UserAccount("app", 1000, 1000, " ", "");
        assertEquals("/home/app", blank.home());
        assertEquals("/bin/sh", blank.shell());
    }

    @Test
    void givenHomeAndShellAreKept() {
        UserAccount www = new UserAccount("www-data", 33, 33, "/var/www", "/sbin/nologin");
        assertEquals("/var/www", www.home());
        assertEquals("/sbin/nologin", www.shell());
        assertEquals("www-data:x:33:33:www-data:/var/www:/sbin/nologin", www.passwdLine());
    }

    @Test
    void builtInAccounts() {
        assertEquals("root:x:0:0:root:/root:/bin/sh", UserAccount.ROOT.passwdLine());
        assertEquals("nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin", UserAccount.NONROOT.passwdLine());
    }

    @Test
    void validNames() {
        for (String name : new String[]{"a", "_svc", "app-1", "a_b", "x".repeat(32)}) {
            assertDoesNotThrow(() -> new UserAccount(name, 1, 1, null, null), name);
        }
    }

    @Test
    void invalidNamesAreRefusedWithTheRule() {
        for (String name : new String[]{"", "App", "1app", "-app", "app user", "app:x", "x".repeat(33), "ä"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new UserAccount(name, 1000, 1000, null, null), name);
            assertTrue(e.getMessage().startsWith("user name '" + name + "' is not valid"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new UserAccount(null, 1000, 1000, null, null));
    }

    @Test
    void negativeIdsAreRefused() {
        IllegalArgumentException uid = assertThrows(IllegalArgumentException.class,
                () -> new UserAccount("app", -1, 1000, null, null));
        assertEquals("user app: uid and gid must be 0 or more", uid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UserAccount("app", 1000, -5, null, null));
        assertDoesNotThrow(() -> new UserAccount("app", 0, 0, null, null));
    }
}
