package io.kimigayo.app;

import io.kimigayo.app.java.ClassDataSharing;

import java.nio.file.Path;
import java.util.List;

/**
 * How the image's Java runtime is made.
 *
 * @param jdk          the JDK the runtime is made from
 * @param modules      JDK modules for the runtime, or empty to find them with the module scan
 * @param extraModules modules added to those (scanned or given)
 * @param cds          whether the runtime gets a class data sharing archive
 */
public record RuntimeSettings(Path jdk, List<String> modules, List<String> extraModules, ClassDataSharing cds) {

    public RuntimeSettings {
        modules = modules == null ? List.of() : modules.stream().filter(java.util.Objects::nonNull)
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        extraModules = extraModules == null ? List.of() : extraModules.stream().filter(java.util.Objects::nonNull)
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        cds = cds == null ? ClassDataSharing.AUTO : cds;
    }
}
