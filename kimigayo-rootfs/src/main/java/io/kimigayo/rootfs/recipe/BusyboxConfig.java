package io.kimigayo.rootfs.recipe;

import io.kimigayo.rootfs.nativebuild.TargetArch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BusyBox configuration: a Kconfig base target ({@code defconfig}, {@code allnoconfig}, {@code allyesconfig})
 * plus settings applied on top. After {@code make oldconfig}, every setting must have stuck; one that Kconfig
 * dropped (an unmet dependency) is an error, not a silent difference.
 *
 * @param name     a name for logs and cache keys
 * @param base     the Kconfig target the configuration starts from
 * @param settings option (without {@code CONFIG_}) to {@code y}, {@code n} or a quoted string
 */
public record BusyboxConfig(String name, String base, Map<String, String> settings) {

    private static final Pattern LINE = Pattern.compile("^(?:CONFIG_(\\w+)=(.*)|# CONFIG_(\\w+) is not set)$");

    /** Applets that install or manage packages; a Kimigayo image never has them. */
    public static final List<String> PACKAGE_MANAGER_APPLETS = List.of("DPKG", "DPKG_DEB", "RPM", "RPM2CPIO");

    private static final List<String> MINIMAL_APPLETS = List.of(
            "ASH", "SH_IS_ASH", "BASH_IS_NONE", "ASH_OPTIMIZE_FOR_SIZE", "ASH_INTERNAL_GLOB", "ASH_BASH_COMPAT",
            "ASH_ECHO", "ASH_PRINTF", "ASH_TEST", "ASH_GETOPTS", "ASH_CMDCMD", "FEATURE_SH_MATH",
            "FEATURE_EDITING", "LONG_OPTS", "BUSYBOX", "FEATURE_INSTALLER",
            "BASENAME", "CAT", "CHGRP", "CHMOD", "CHOWN", "CP", "CUT", "DATE", "DD", "DF", "DIRNAME", "DU", "ECHO",
            "ENV", "EXPR", "FALSE", "HEAD", "HOSTNAME", "ID", "KILL", "LN", "LS", "MKDIR", "MKTEMP", "MV", "PRINTF",
            "PS", "PWD", "READLINK", "REALPATH", "RM", "RMDIR", "SEQ", "SHA256SUM", "SLEEP", "SORT", "STAT", "SYNC",
            "TAIL", "TEE", "TEST", "TEST1", "TEST2", "TOUCH", "TR", "TRUE", "UNAME", "UNIQ", "WC", "WHICH", "WHOAMI",
            "XARGS", "GREP", "EGREP", "FGREP", "SED", "FIND", "FEATURE_FIND_TYPE", "FEATURE_FIND_PATH",
            "FEATURE_FIND_PRINT0", "FEATURE_FIND_EXEC", "FEATURE_FIND_NOT", "FEATURE_LS_FILETYPES", "FEATURE_LS_FOLLOWLINKS",
            "FEATURE_LS_RECURSIVE", "FEATURE_LS_SORTFILES", "FEATURE_LS_TIMESTAMPS", "FEATURE_LS_USERNAME",
            "FEATURE_SORT_BIG", "FEATURE_XARGS_SUPPORT_ZERO_TERM",
            // Script idioms (issue 15): head -1 and -c, tail -c and -f options, grep -A/-B/-C, sort -V (SORT_BIG)
            "FEATURE_FANCY_HEAD", "FEATURE_FANCY_TAIL", "FEATURE_GREP_CONTEXT",
            // find: -exec {} +, -maxdepth, -newer, -mtime, -mmin, -perm, -depth, ( ), -size, -prune, -delete,
            // -regex, -links, -user, -group, -xdev, -empty, -quit, -executable
            "FEATURE_FIND_EXEC_PLUS", "FEATURE_FIND_MAXDEPTH", "FEATURE_FIND_NEWER", "FEATURE_FIND_MTIME",
            "FEATURE_FIND_MMIN", "FEATURE_FIND_PERM", "FEATURE_FIND_DEPTH", "FEATURE_FIND_PAREN",
            "FEATURE_FIND_SIZE", "FEATURE_FIND_PRUNE", "FEATURE_FIND_DELETE", "FEATURE_FIND_REGEX",
            "FEATURE_FIND_LINKS", "FEATURE_FIND_USER", "FEATURE_FIND_GROUP", "FEATURE_FIND_XDEV",
            "FEATURE_FIND_EMPTY", "FEATURE_FIND_QUIT", "FEATURE_FIND_EXECUTABLE",
            // xargs: quotes, -x, -I, -P, -a, -p
            "FEATURE_XARGS_SUPPORT_QUOTES", "FEATURE_XARGS_SUPPORT_TERMOPT", "FEATURE_XARGS_SUPPORT_REPL_STR",
            "FEATURE_XARGS_SUPPORT_PARALLEL", "FEATURE_XARGS_SUPPORT_ARGS_FILE",
            "FEATURE_XARGS_SUPPORT_CONFIRMATION",
            // date -d and -I; DESKTOP brings ps -o and the GNU-compatible options of several applets
            "FEATURE_DATE_ISOFMT", "FEATURE_DATE_COMPAT", "DESKTOP", "FEATURE_PS_TIME",
            "FEATURE_PS_ADDITIONAL_COLUMNS",
            // tr [:classes:], readlink -f, 64-bit test, stat -c/-f, touch -d, ls -w, -h sizes, df -P, echo -e
            "FEATURE_TR_CLASSES", "FEATURE_TR_EQUIV", "FEATURE_READLINK_FOLLOW", "FEATURE_TEST_64",
            "FEATURE_TEE_USE_BLOCK_IO", "FEATURE_STAT_FORMAT", "FEATURE_STAT_FILESYSTEM", "FEATURE_TOUCH_SUSV3",
            "FEATURE_LS_WIDTH", "FEATURE_HUMAN_READABLE", "FEATURE_DF_FANCY", "FEATURE_FANCY_ECHO",
            "FEATURE_FANCY_SLEEP", "FEATURE_CP_LONG_OPTIONS", "FEATURE_PRESERVE_HARDLINKS",
            "FEATURE_MD5_SHA1_SUM_CHECK", "FEATURE_SH_MATH_64", "FEATURE_SH_MATH_BASE", "FEATURE_VERBOSE",
            // The applets scripts call next after the core set (cmp also runs BusyBox's own test suite)
            "AWK", "FEATURE_AWK_LIBM", "FEATURE_AWK_GNU_EXTENSIONS", "CMP", "DIFF", "FEATURE_DIFF_LONG_OPTIONS",
            "FEATURE_DIFF_DIR", "OD", "NPROC", "TIMEOUT", "INSTALL", "FEATURE_INSTALL_LONG_OPTIONS", "MKFIFO",
            "BASE64", "MD5SUM", "SHA1SUM", "SHA512SUM", "TAC", "YES", "COMM", "PASTE", "NL", "FOLD", "PRINTENV",
            "TRUNCATE", "USLEEP", "NOHUP", "FLOCK", "GETOPT", "FEATURE_GETOPT_LONG", "PIDOF", "PGREP", "PKILL",
            "KILLALL",
            // Archives: tar -czf/-xzf, gzip -9, gunzip, zcat
            "TAR", "FEATURE_TAR_CREATE", "FEATURE_TAR_FROM", "FEATURE_TAR_GNU_EXTENSIONS",
            "FEATURE_TAR_LONG_OPTIONS", "FEATURE_TAR_AUTODETECT", "FEATURE_SEAMLESS_GZ", "GZIP", "GUNZIP", "ZCAT",
            "FEATURE_GZIP_LEVELS", "FEATURE_GZIP_DECOMPRESS", "FEATURE_GZIP_LONG_OPTIONS");

    /**
     * What Alpine's BusyBox configuration turns on and BusyBox's defconfig does not, where scripts or safety gain
     * (docs/user/rootfs.md lists the rest of the differences): gzip -1..-9, .Z archives, unlzop, adduser's name
     * check, su's secure-tty rule for blank passwords, bbconfig (the build's .config), inotifyd, resolver errors.
     */
    static final List<String> STANDARD_FROM_ALPINE = List.of(
            "FEATURE_GZIP_LEVELS", "FEATURE_SEAMLESS_Z", "UNLZOP", "LZOPCAT", "FEATURE_CHECK_NAMES",
            "FEATURE_SU_BLANK_PW_NEEDS_SECURE_TTY", "BBCONFIG", "FEATURE_COMPRESS_BBCONFIG", "INOTIFYD",
            "VERBOSE_RESOLUTION_ERRORS");

    /** BusyBox's broad applet set, less the package-manager applets, plus {@link #STANDARD_FROM_ALPINE}. */
    public static BusyboxConfig standard(Map<String, String> hardening) {
        Map<String, String> settings = new LinkedHashMap<>();
        PACKAGE_MANAGER_APPLETS.forEach(a -> settings.put(a, "n"));
        STANDARD_FROM_ALPINE.forEach(a -> settings.put(a, "y"));
        settings.putAll(hardening);
        return new BusyboxConfig("standard", "defconfig", settings);
    }

    /**
     * BusyBox's options whose code exists for x86 only but which its Kconfig offers on every machine, and defconfig
     * turns on: BusyBox 1.37.0's {@code libbb/hash_md5_sha.c} does not compile for aarch64 with them.
     */
    public static final List<String> X86_ONLY = List.of("SHA1_HWACCEL", "SHA256_HWACCEL");

    /**
     * This configuration for {@code machine} ({@code x86_64}, {@code aarch64}): the same on x86_64, and with the
     * {@link #X86_ONLY} options off elsewhere when it starts from {@code defconfig} or {@code allyesconfig} (which
     * turn them on).
     */
    public BusyboxConfig forMachine(String machine) {
        if (machine.equals("x86_64") || base.equals("allnoconfig")) {
            return this;
        }
        Map<String, String> off = new LinkedHashMap<>(settings);
        X86_ONLY.forEach(o -> off.put(o, "n"));
        return new BusyboxConfig(name, base, off);
    }

    /** A shell and the core file and text tools. */
    public static BusyboxConfig minimal(Map<String, String> hardening) {
        Map<String, String> settings = new LinkedHashMap<>();
        MINIMAL_APPLETS.forEach(a -> settings.put(a, "y"));
        PACKAGE_MANAGER_APPLETS.forEach(a -> settings.put(a, "n"));
        settings.putAll(hardening);
        return new BusyboxConfig("minimal", "allnoconfig", settings);
    }

    /**
     * What {@code allyesconfig} turns on that does not build against musl or needs a library the image lacks,
     * each with the reason; docs/user/rootfs.md lists them.
     */
    public static final Map<String, String> EXTENDED_UNBUILDABLE = unbuildable();

    /**
     * Build options of {@code allyesconfig} that are not applets and that the image does not want: debugging
     * builds, the unit tests, warnings as errors, and applets installed without {@code /usr} (every variant keeps
     * BusyBox's {@code /usr/bin} paths).
     */
    public static final List<String> EXTENDED_BUILD_OPTIONS_OFF = List.of("INSTALL_NO_USR", "DEBUG",
            "DEBUG_PESSIMIZE", "DEBUG_SANITIZE", "UNIT_TEST", "WERROR");

    private static Map<String, String> unbuildable() {
        Map<String, String> off = new LinkedHashMap<>();
        off.put("EXTRA_COMPAT", "GNU regex extensions (re_search) that musl does not have");
        off.put("FEATURE_VI_REGEX_SEARCH", "GNU regex extensions (re_syntax_options, REG_STARTEND)");
        off.put("PAM", "Linux-PAM (libpam), which the image does not have");
        off.put("SELINUX", "libselinux, which the image does not have");
        off.put("FEATURE_MOUNT_NFS", "Sun RPC headers and library, which musl does not have");
        off.put("FEATURE_INETD_RPC", "Sun RPC headers and library, which musl does not have");
        return java.util.Collections.unmodifiableMap(off);
    }

    /**
     * Every BusyBox applet that builds against musl ({@code allyesconfig}), less the package-manager applets,
     * {@link #EXTENDED_UNBUILDABLE} and {@link #EXTENDED_BUILD_OPTIONS_OFF}, with the hardening settings.
     */
    public static BusyboxConfig extended(Map<String, String> hardening) {
        Map<String, String> settings = new LinkedHashMap<>();
        PACKAGE_MANAGER_APPLETS.forEach(a -> settings.put(a, "n"));
        EXTENDED_UNBUILDABLE.keySet().forEach(a -> settings.put(a, "n"));
        EXTENDED_BUILD_OPTIONS_OFF.forEach(a -> settings.put(a, "n"));
        settings.putAll(hardening);
        return new BusyboxConfig("extended", "allyesconfig", settings);
    }

    /** The settings as they enter the cache key: one line each, in order. */
    public String describe() {
        StringBuilder text = new StringBuilder(base).append('\n');
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    /** Applies the settings to the text of a {@code .config}: each replaces the option's line, or is appended. */
    public String apply(String config) {
        List<String> out = new ArrayList<>();
        for (String line : config.split("\n", -1)) {
            Matcher m = LINE.matcher(line);
            String option = m.matches() ? (m.group(1) != null ? m.group(1) : m.group(3)) : null;
            if (option == null || !settings.containsKey(option)) {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        settings.forEach((k, v) -> out.add(line(k, v)));
        return String.join("\n", out) + "\n";
    }

    /** The settings that the final {@code .config} does not carry, as {@code OPTION=wanted (got ...)}. */
    public List<String> notApplied(String finalConfig) {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String line : finalConfig.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                actual.put(m.group(1) != null ? m.group(1) : m.group(3), m.group(1) != null ? m.group(2) : "n");
            }
        }
        List<String> missing = new ArrayList<>();
        settings.forEach((k, v) -> {
            String got = actual.getOrDefault(k, "n");
            if (!got.equals(v)) {
                missing.add("CONFIG_" + k + "=" + v + " (got " + got + ")");
            }
        });
        return missing;
    }

    private static String line(String option, String value) {
        return value.equals("n") ? "# CONFIG_" + option + " is not set" : "CONFIG_" + option + "=" + value;
    }
}
