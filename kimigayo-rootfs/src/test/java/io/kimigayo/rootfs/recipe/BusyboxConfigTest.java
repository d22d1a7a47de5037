package io.kimigayo.rootfs.recipe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusyboxConfigTest {

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static long count(String text, String line) {
        return text.lines().filter(line::equals).count();
    }

    @Test
    void applyReplacesSetAndUnsetLinesAndAppendsMissingOnes() {
        BusyboxConfig config = new BusyboxConfig("test", "defconfig", settings(
                "DPKG", "n",
                "PIE", "y",
                "EXTRA_CFLAGS", "\"-Os\"",
                "NEW_OPTION", "y"));
        String dotConfig = """
                #
                # Automatically generated make config: don't edit
                #
                CONFIG_HAVE_DOT_CONFIG=y
                CONFIG_DPKG=y
                # CONFIG_PIE is not set
                CONFIG_EXTRA_CFLAGS=""
                CONFIG_LS=y
                # CONFIG_RPM is not set
                """;

        String applied = config.apply(dotConfig);

        assertFalse(applied.contains("CONFIG_DPKG=y"), applied);
        assertFalse(applied.contains("# CONFIG_PIE is not set"), applied);
        assertFalse(applied.contains("CONFIG_EXTRA_CFLAGS=\"\"\n"), applied);
        assertEquals(1, count(applied, "# CONFIG_DPKG is not set"), applied);
        assertEquals(1, count(applied, "CONFIG_PIE=y"), applied);
        assertEquals(1, count(applied, "CONFIG_EXTRA_CFLAGS=\"-Os\""), applied);
        assertEquals(1, count(applied, "CONFIG_NEW_OPTION=y"), applied);
        // Everything else is kept as it was.
        assertEquals(1, count(applied, "CONFIG_HAVE_DOT_CONFIG=y"), applied);
        assertEquals(1, count(applied, "CONFIG_LS=y"), applied);
        assertEquals(1, count(applied, "# CONFIG_RPM is not set"), applied);
        assertEquals(1, count(applied, "# Automatically generated make config: don't edit"), applied);
        assertTrue(applied.endsWith("\n") && !applied.endsWith("\n\n"), applied);
        assertEquals(List.of(), config.notApplied(applied));
    }

    @Test
    void applyDoesNotTouchOptionsThatOnlyShareAPrefix() {
        BusyboxConfig config = new BusyboxConfig("test", "defconfig", settings("RPM", "n"));
        String applied = config.apply("CONFIG_RPM=y\nCONFIG_RPM2CPIO=y\n");
        assertEquals("CONFIG_RPM2CPIO=y\n# CONFIG_RPM is not set\n", applied);
    }

    @Test
    void applyIsIdempotent() {
        BusyboxConfig config = BusyboxConfig.standard(BusyboxRecipe.HARDENING);
        String once = config.apply("CONFIG_DPKG=y\nCONFIG_LS=y\n");
        assertEquals(once, config.apply(once));
    }

    @Test
    void applyToAnEmptyConfigWritesEverySetting() {
        BusyboxConfig config = new BusyboxConfig("test", "allnoconfig", settings("ASH", "y", "RPM", "n"));
        assertEquals("CONFIG_ASH=y\n# CONFIG_RPM is not set\n", config.apply(""));
    }

    @Test
    void notAppliedReportsWhatTheFinalConfigLacks() {
        BusyboxConfig config = new BusyboxConfig("test", "defconfig", settings(
                "PIE", "y",
                "STATIC", "n",
                "DPKG", "n",
                "FEATURE_X", "y",
                "EXTRA_CFLAGS", "\"-Os\""));
        String finalConfig = """
                # CONFIG_PIE is not set
                CONFIG_STATIC=y
                CONFIG_EXTRA_CFLAGS="-O2"
                """;

        assertEquals(List.of(
                "CONFIG_PIE=y (got n)",
                "CONFIG_STATIC=n (got y)",
                "CONFIG_FEATURE_X=y (got n)",
                "CONFIG_EXTRA_CFLAGS=\"-Os\" (got \"-O2\")"), config.notApplied(finalConfig));
    }

    @Test
    void notAppliedTakesAMissingOptionAsOff() {
        BusyboxConfig config = new BusyboxConfig("test", "defconfig", settings("DPKG", "n", "RPM", "n"));
        assertEquals(List.of(), config.notApplied("CONFIG_LS=y\n"), "an option Kconfig leaves out is off");
    }

    @Test
    void standardStartsFromDefconfigAndTurnsOffThePackageManagers() {
        BusyboxConfig config = BusyboxConfig.standard(BusyboxRecipe.HARDENING);
        assertEquals("standard", config.name());
        assertEquals("defconfig", config.base());
        for (String applet : List.of("DPKG", "DPKG_DEB", "RPM", "RPM2CPIO")) {
            assertEquals("n", config.settings().get(applet), applet);
        }
        BusyboxRecipe.HARDENING.forEach((k, v) -> assertEquals(v, config.settings().get(k), k));
        String applied = config.apply("CONFIG_DPKG=y\nCONFIG_DPKG_DEB=y\nCONFIG_RPM=y\nCONFIG_RPM2CPIO=y\n");
        for (String applet : BusyboxConfig.PACKAGE_MANAGER_APPLETS) {
            assertEquals(1, count(applied, "# CONFIG_" + applet + " is not set"), applied);
            assertFalse(applied.contains("CONFIG_" + applet + "=y"), applied);
        }
    }

    @Test
    void minimalStartsFromAllnoconfigWithAShellAndCoreTools() {
        BusyboxConfig config = BusyboxConfig.minimal(BusyboxRecipe.HARDENING);
        assertEquals("minimal", config.name());
        assertEquals("allnoconfig", config.base());
        for (String applet : List.of("ASH", "SH_IS_ASH", "BUSYBOX", "LS", "CAT", "ENV", "FALSE", "GREP", "SED")) {
            assertEquals("y", config.settings().get(applet), applet);
        }
        for (String applet : BusyboxConfig.PACKAGE_MANAGER_APPLETS) {
            assertEquals("n", config.settings().get(applet), applet);
        }
        assertEquals("y", config.settings().get("PIE"));
        assertEquals("n", config.settings().get("STATIC"));
    }

    @Test
    void minimalTurnsOnTheOptionsThatCommonScriptIdiomsNeed() {
        Map<String, String> settings = BusyboxConfig.minimal(BusyboxRecipe.HARDENING).settings();
        // head -1, sed -i and grep -E/-F/-o are in the applets themselves; the rest need these options.
        for (String option : List.of("FEATURE_FANCY_HEAD", "SED", "GREP", "EGREP", "FGREP", "FEATURE_FIND_EXEC_PLUS",
                "FEATURE_XARGS_SUPPORT_ZERO_TERM", "FEATURE_SORT_BIG", "FEATURE_DATE_ISOFMT", "DESKTOP",
                "FEATURE_FANCY_TAIL", "FEATURE_READLINK_FOLLOW", "FEATURE_TR_CLASSES", "ASH_BASH_COMPAT",
                "AWK", "CMP", "OD", "NPROC", "TIMEOUT", "INSTALL", "TAR", "GZIP", "FEATURE_GZIP_LEVELS")) {
            assertEquals("y", settings.get(option), option);
        }
    }

    @Test
    void standardAddsWhatAlpineHasAndDefconfigLacks() {
        Map<String, String> settings = BusyboxConfig.standard(BusyboxRecipe.HARDENING).settings();
        assertEquals(10, BusyboxConfig.STANDARD_FROM_ALPINE.size());
        for (String option : BusyboxConfig.STANDARD_FROM_ALPINE) {
            assertEquals("y", settings.get(option), option);
        }
        String applied = BusyboxConfig.standard(BusyboxRecipe.HARDENING).apply("# CONFIG_BBCONFIG is not set\n");
        assertEquals(1, count(applied, "CONFIG_BBCONFIG=y"), applied);
        assertFalse(applied.contains("# CONFIG_BBCONFIG is not set"), applied);
    }

    @Test
    void hardeningIsTheLastWord() {
        Map<String, String> hardening = settings("PIE", "y", "DPKG", "n");
        BusyboxConfig config = BusyboxConfig.minimal(hardening);
        assertEquals("y", config.settings().get("PIE"));
    }

    @Test
    void hardeningIteratesInSortedOrder() {
        List<String> keys = new ArrayList<>(BusyboxRecipe.HARDENING.keySet());
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys);
        assertEquals(List.of("EXTRA_CFLAGS", "EXTRA_LDFLAGS", "PIE", "STATIC"), keys);
    }

    @Test
    void describeIsTheSameForEqualConfigurations() {
        assertEquals(BusyboxConfig.standard(BusyboxRecipe.HARDENING).describe(),
                BusyboxConfig.standard(BusyboxRecipe.HARDENING).describe());
        assertEquals(BusyboxConfig.minimal(BusyboxRecipe.HARDENING).describe(),
                BusyboxConfig.minimal(BusyboxRecipe.HARDENING).describe());
    }

    @Test
    void describeHasAFixedText() {
        // It enters the cache key: any change of order would rebuild BusyBox for nothing, or on another JVM.
        assertEquals("""
                defconfig
                DPKG=n
                DPKG_DEB=n
                RPM=n
                RPM2CPIO=n
                FEATURE_GZIP_LEVELS=y
                FEATURE_SEAMLESS_Z=y
                UNLZOP=y
                LZOPCAT=y
                FEATURE_CHECK_NAMES=y
                FEATURE_SU_BLANK_PW_NEEDS_SECURE_TTY=y
                BBCONFIG=y
                FEATURE_COMPRESS_BBCONFIG=y
                INOTIFYD=y
                VERBOSE_RESOLUTION_ERRORS=y
                EXTRA_CFLAGS="-Os -fstack-protector-strong -fno-plt"
                EXTRA_LDFLAGS="-Wl,-z,relro,-z,now -Wl,-z,noexecstack"
                PIE=y
                STATIC=n
                """, BusyboxConfig.standard(BusyboxRecipe.HARDENING).describe());
        String minimal = BusyboxConfig.minimal(BusyboxRecipe.HARDENING).describe();
        assertTrue(minimal.startsWith("allnoconfig\nASH=y\nSH_IS_ASH=y\n"), minimal);
        assertTrue(minimal.endsWith("RPM2CPIO=n\nEXTRA_CFLAGS=\"-Os -fstack-protector-strong -fno-plt\"\n"
                + "EXTRA_LDFLAGS=\"-Wl,-z,relro,-z,now -Wl,-z,noexecstack\"\nPIE=y\nSTATIC=n\n"), minimal);
    }

    @Test
    void theStandardConfigurationTurnsX86ShaAccelerationOffForOtherMachinesOnly() {
        // x86_64 keeps defconfig's settings, and so its cache key.
        assertEquals(BusyboxConfig.standard(BusyboxRecipe.HARDENING).describe(),
                BusyboxConfig.standard(BusyboxRecipe.HARDENING).forMachine("x86_64").describe());
        String arm64 = BusyboxConfig.standard(BusyboxRecipe.HARDENING).forMachine("aarch64").describe();
        assertTrue(arm64.startsWith(BusyboxConfig.standard(BusyboxRecipe.HARDENING).describe()), arm64);
        assertTrue(arm64.endsWith("STATIC=n\nSHA1_HWACCEL=n\nSHA256_HWACCEL=n\n"), arm64);
        String applied = BusyboxConfig.standard(BusyboxRecipe.HARDENING).forMachine("aarch64")
                .apply("CONFIG_SHA1_HWACCEL=y\nCONFIG_SHA256_HWACCEL=y\n");
        assertTrue(applied.contains("# CONFIG_SHA1_HWACCEL is not set\n# CONFIG_SHA256_HWACCEL is not set"), applied);
    }

    @Test
    void describeDiffersBetweenVariantsAndSettings() {
        String standard = BusyboxConfig.standard(BusyboxRecipe.HARDENING).describe();
        assertFalse(standard.equals(BusyboxConfig.minimal(BusyboxRecipe.HARDENING).describe()));
        Map<String, String> other = new LinkedHashMap<>(BusyboxRecipe.HARDENING);
        other.put("PIE", "n");
        assertFalse(standard.equals(BusyboxConfig.standard(other).describe()));
    }

    @Test
    void defconfigOnAnotherMachineThanX86TurnsTheX86OnlyAccelerationOff() {
        BusyboxConfig standard = BusyboxConfig.standard(BusyboxRecipe.HARDENING);
        assertEquals(standard, standard.forMachine("x86_64"), "x86_64 keeps its configuration and cache key");
        BusyboxConfig arm = standard.forMachine("aarch64");
        assertEquals("n", arm.settings().get("SHA1_HWACCEL"));
        assertEquals("n", arm.settings().get("SHA256_HWACCEL"));
        assertTrue(arm.describe().startsWith(standard.describe()), "the standard settings, then the two");
        BusyboxConfig minimal = BusyboxConfig.minimal(BusyboxRecipe.HARDENING);
        assertEquals(minimal, minimal.forMachine("aarch64"), "allnoconfig leaves them off already");
    }

    @Test
    void extendedStartsFromAllyesconfigLessPackageManagersAndWhatDoesNotBuild() {
        BusyboxConfig config = BusyboxConfig.extended(BusyboxRecipe.HARDENING);
        assertEquals("extended", config.name());
        assertEquals("allyesconfig", config.base());
        for (String applet : BusyboxConfig.PACKAGE_MANAGER_APPLETS) {
            assertEquals("n", config.settings().get(applet), applet);
        }
        for (String option : List.of("PAM", "SELINUX", "EXTRA_COMPAT", "FEATURE_VI_REGEX_SEARCH",
                "FEATURE_MOUNT_NFS", "FEATURE_INETD_RPC", "INSTALL_NO_USR", "DEBUG", "WERROR", "UNIT_TEST")) {
            assertEquals("n", config.settings().get(option), option);
        }
        assertEquals("y", config.settings().get("PIE"));
        assertEquals("n", config.settings().get("STATIC"));
        assertEquals(BusyboxRecipe.HARDENING.get("EXTRA_LDFLAGS"), config.settings().get("EXTRA_LDFLAGS"));
        // Every applet it leaves on stays on: only these settings are applied over allyesconfig.
        assertEquals(BusyboxConfig.PACKAGE_MANAGER_APPLETS.size() + BusyboxConfig.EXTENDED_UNBUILDABLE.size()
                + BusyboxConfig.EXTENDED_BUILD_OPTIONS_OFF.size() + BusyboxRecipe.HARDENING.size(),
                config.settings().size());
        assertTrue(config.describe().startsWith("allyesconfig\n"), config.describe());
        assertFalse(config.describe().equals(BusyboxConfig.standard(BusyboxRecipe.HARDENING).describe()));
    }

    @Test
    void extendedTurnsTheX86OnlyOptionsOffElsewhereLikeStandard() {
        BusyboxConfig extended = BusyboxConfig.extended(BusyboxRecipe.HARDENING);
        assertEquals(extended, extended.forMachine("x86_64"));
        BusyboxConfig arm = extended.forMachine("aarch64");
        BusyboxConfig.X86_ONLY.forEach(o -> assertEquals("n", arm.settings().get(o), o));
        BusyboxConfig minimal = BusyboxConfig.minimal(BusyboxRecipe.HARDENING);
        assertEquals(minimal, minimal.forMachine("aarch64"));
    }
}
