package io.kimigayo.app;

import io.kimigayo.app.java.ClassDataSharing;
import io.kimigayo.app.java.Jdk;
import io.kimigayo.app.java.MissingJdkException;

import java.io.IOException;
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
 *                     uses this JDK even when it is {@code jdk}'s own
 * @param sysroots     where the libraries of each machine's programs are, by machine; default {@code /} for the
 *                     build machine and {@link #DEFAULT_SYSROOTS}{@code /<machine>} for another
 * @param modules      JDK modules for the runtime, or empty to find them with the module scan
 * @param extraModules modules added to those (scanned or given)
 * @param cds          whether the runtime gets a class data sharing archive
 */
public record RuntimeSettings(Path jdk, Map<String, Path> jdks, Map<String, Path> sysroots, List<String> modules,
                             List<String> extraModules, ClassDataSharing cds) {

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
     * of that machine.
     *
     * @throws MissingJdkException when none is named and {@code linker} is of another machine
     */
    public Jdk jdkFor(String machine, Jdk linker) throws IOException {
        Path named = jdks.get(machine);
        if (named != null) {
            return named.equals(linker.home()) ? linker : Jdk.ofJmods(named);
        }
        if (linker.machine().equals(machine)) {
            return linker;
        }
        throw new MissingJdkException(machine, linker);
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
