package io.kimigayo.maven;

import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.source.SourceCatalog;

import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The build-rootfs parameters as the goals that build a rootfs (build-rootfs, build) read them. */
record RootfsParameters(String variant, String arch, List<ComponentParameter> components, List<String> sourceMirrors,
                        boolean offline, File cacheDirectory, List<FileParameter> files, List<UserParameter> users,
                        boolean failOnAudit, boolean allowPackageManagers, String osVersion, int jobs,
                        File outputDirectory) {

    RootfsRequest toRequest(Instant timestamp, Consumer<String> progress) {
        SourceCatalog catalog = SourceCatalog.defaults();
        if (components != null) {
            for (ComponentParameter c : components) {
                catalog.override(c.name, c.version, c.url, c.sha256);
            }
        }
        List<FileAddition> additions = files == null ? List.of() : files.stream().map(f -> {
            if (f.source == null || f.target == null) {
                throw new IllegalArgumentException("a <file> needs <source> and <target>");
            }
            return new FileAddition(f.source.toPath(), f.target, OctalMode.parse(f.mode, "mode"), f.uid, f.gid);
        }).toList();
        List<UserAccount> accounts = users == null ? List.of() : users.stream()
                .map(u -> new UserAccount(u.name, u.uid, u.gid == null ? u.uid : u.gid, u.home, u.shell)).toList();
        String machine = arch != null && !arch.isBlank() ? arch.trim() : HostArch.id();
        return RootfsRequest.builder(Variant.parse(variant), machine, timestamp,
                        outputDirectory.toPath().resolve("rootfs"))
                .sources(catalog)
                .nativeBuild(NativeBuildSettings.builder()
                        .sourceMirrors(sourceMirrors)
                        .offline(offline)
                        .cacheDirectory(cacheDirectory.toPath())
                        .logDirectory(outputDirectory.toPath().resolve("logs"))
                        .jobs(jobs)
                        .progress(progress)
                        .build())
                .users(accounts)
                .files(additions)
                .failOnAudit(failOnAudit)
                .allowPackageManagers(allowPackageManagers)
                .version(osVersion)
                .build();
    }
}
