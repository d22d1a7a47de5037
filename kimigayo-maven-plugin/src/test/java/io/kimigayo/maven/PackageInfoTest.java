package io.kimigayo.maven;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every package of every module says what it is for, in a package-info.java (run from this module, at the top). */
class PackageInfoTest {

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<Path> packages;
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            packages = files.filter(p -> p.toString().replace('\\', '/').matches(".*/kimigayo-[a-z-]+/src/main/java/.*"))
                    .filter(p -> p.getFileName().toString().endsWith(".java"))
                    .map(Path::getParent).distinct().sorted().toList();
        }
        assertTrue(packages.size() > 30, "found only " + packages.size() + " packages");
        List<Path> without = packages.stream().filter(p -> !Files.isRegularFile(p.resolve("package-info.java")))
                .toList();
        assertEquals(List.of(), without, "write a package-info.java: one or two sentences on what the package is for");
    }
}
