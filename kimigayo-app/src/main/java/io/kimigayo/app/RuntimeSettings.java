package io.kimigayo.app;

import io.kimigayo.app.java.ClassDataSharing;
import io.kimigayo.app.java.Jdk;
import io.kimigayo.app.java.MissingJdkException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the image's Java runtime is made.
 *
 * @param jdk          the JDK whose jlink makes every runtime; the runtime of its own machine is made from it
 * @param jdks         the JDK (its jmods) of each other machine, by machine ({@code aarch64}); a machine named here
 *                     uses this JDK even when it is {@code jdk}'s own; another machine not named here uses
 *                     {@link #DEFAULT_JDKS}{@code /jdk-<feature>-linux-<arch>} when that is a JDK
 * @param sysroots     where the libraries of each machine's programs are, by machine; default {@code /} for the
 *                     build machine and {@link #DEFAULT_SYSROOTS}{@code /<machine>} for another
 * @param modules      JDK modules for the runtime, or empty to find them with the module scan
 * @param extraModules modules added to those (scanned or given)
 * @param cds          whether the runtime gets a class data sharing archive
 */
public record RuntimeSettings(Path jdk, Map<String, Path> jdks, Map<String, Path> sysroots, List<String> modules,
                             List<String> extraModules, ClassDataSharing cds) {

    /**
     * Where the JDKs of other machines are unless given: {@code /opt/kimigayo/jdk-<feature>-linux-<arch>}, e.g.
     * {@code jdk-17-linux-arm64} (where dev/install-tools unpacks Debian's).
     */
    public static final Path DEFAULT_JDKS = Path.of("/opt/kimigayo");

    /** Where the sysroots of other machines are unless given: {@code /opt/kimigayo/sysroot/<machine>}. */
    public static final Path DEFAULT_SYSROOTS = Path.of("/opt/kimigayo/sysroot");

    public RuntimeSettings {
        jdks = jdks == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(jdks));
        sysroots = sysroots == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sysroots));
        modules = modules == null ? List.of() : modules.stream().filter(Objects::nonNull)
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        extraModules = extraModules == null ? List.of() : extraModules.stream().filter(Objects::nonNull)
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        cds = cds == null ? ClassDataSharing.AUTO : cds;
    }

    /** Settings with one JDK for the build machine's runtime, as before there were several machines. */
    public RuntimeSettings(Path jdk, List<String> modules, List<String> extraModules, ClassDataSharing cds) {
        this(jdk, Map.of(), Map.of(), modules, extraModules, cds);
    }

    /**
     * The JDK whose jmods make the runtime of {@code machine}: the one named for it, else {@code linker} when it is
     * of that machine, else the {@linkplain #defaultJdk default JDK} of that machine when it is there.
     *
     * @throws MissingJdkException when none is named, {@code linker} is of another machine and the default is missing
     */
    public Jdk jdkFor(String machine, Jdk linker) throws IOException {
        return jdkFor(machine, linker, DEFAULT_JDKS);
    }

    /** {@link #jdkFor(String, Jdk)} with the default JDKs of other machines in {@code defaultJdks}. */
    public Jdk jdkFor(String machine, Jdk linker, Path defaultJdks) throws IOException {
        Path named = jdks.get(machine);
        if (named != null) {
            return named.equals(linker.home()) ? linker : Jdk.ofJmods(named);
        }
        if (linker.machine().equals(machine)) {
            return linker;
        }
        Path fallback = defaultJdks.resolve(defaultJdk(machine, linker));
        if (Files.isRegularFile(fallback.resolve("release"))) {
            return Jdk.ofJmods(fallback);
        }
        throw new MissingJdkException(machine, linker, fallback);
    }

    /**
     * The directory name under {@link #DEFAULT_JDKS} of the JDK of {@code machine} looked for when none is named, of
     * {@code linker}'s Java release: {@code jdk-17-linux-arm64}.
     */
    static String defaultJdk(String machine, Jdk linker) {
        return "jdk-" + linker.javaVersion().feature() + "-linux-" + MissingJdkException.debianName(machine);
    }

    /** Where the libraries of {@code machine}'s programs are looked up. */
    public Path sysrootFor(String machine, String buildMachine) {
        Path named = sysroots.get(machine);
        if (named != null) {
            return named;
        }
        return machine.equals(buildMachine) ? Path.of("/") : DEFAULT_SYSROOTS.resolve(machine);
    }
}
