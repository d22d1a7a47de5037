package io.kimigayo.app.java;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds jars that carry Linux native code (shared libraries, as netty-tcnative's or a {@code META-INF/native/}
 * directory's) for some machines but not for one an image is built for: on that machine the library cannot load,
 * and the application falls back to something slower or fails. The machine of each library is read from its ELF
 * header ({@code e_machine}), not guessed from its name.
 */
public final class NativeCodeJars {

    /**
     * A jar whose native code leaves out a machine of the build.
     *
     * @param jar      the jar
     * @param machines the machines it has native code for ({@code x86_64}), sorted
     * @param missing  the build's machines it has none for
     * @param example  one of its native libraries
     */
    public record OneSided(Path jar, List<String> machines, List<String> missing, String example) {

        /** A warning naming the jar, what it holds and what to do. */
        public String message() {
            return jar.getFileName() + " has native code for " + String.join(", ", machines) + " only (" + example
                    + "); in the image for " + String.join(", ", missing) + " it cannot be loaded. Add the "
                    + "artifact's build for " + String.join(", ", missing) + " (often another classifier, such as "
                    + "linux-aarch_64) or a jar that holds every machine's";
        }
    }

    /** The jars among {@code jars} with Linux native code for some machines but not all of {@code machines}. */
    public List<OneSided> find(List<Path> jars, List<String> machines) throws IOException {
        List<OneSided> found = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                continue;
            }
            Map<String, String> byMachine = nativeCode(jar);
            if (byMachine.isEmpty()) {
                continue;
            }
            List<String> missing = machines.stream().filter(m -> !byMachine.containsKey(m)).toList();
            if (!missing.isEmpty()) {
                found.add(new OneSided(jar, List.copyOf(byMachine.keySet()), missing,
                        byMachine.values().iterator().next()));
            }
        }
        return found;
    }

    /** The machines the jar has ELF shared libraries for, each with the first such entry's name. */
    static Map<String, String> nativeCode(Path jar) throws IOException {
        Map<String, String> byMachine = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !(name.endsWith(".so") || name.contains(".so."))) {
                    continue;
                }
                byte[] header;
                try (InputStream in = zip.getInputStream(entry)) {
                    header = in.readNBytes(20);
                }
                String machine = machine(header);
                if (machine != null) {
                    byMachine.putIfAbsent(machine, name);
                }
            }
        } catch (java.util.zip.ZipException notAJar) {
            return Map.of();
        }
        return byMachine;
    }

    /** The machine of an ELF header, or null when the bytes are not one. */
    static String machine(byte[] header) {
        if (header.length < 20 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
            return null;
        }
        boolean little = header[5] == 1;
        int machine = little ? (header[18] & 0xff) | (header[19] & 0xff) << 8
                : (header[18] & 0xff) << 8 | (header[19] & 0xff);
        return switch (machine) {
            case 62 -> "x86_64";
            case 183 -> "aarch64";
            case 3 -> "i386";
            case 40 -> "arm";
            case 243 -> "riscv64";
            case 21 -> "ppc64";
            case 22 -> "s390x";
            default -> "ELF machine " + machine;
        };
    }
}
