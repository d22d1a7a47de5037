package io.kimigayo.maven;

import io.kimigayo.rootfs.prebuilt.PrebuiltOs;
import io.kimigayo.core.cache.RemoteCache;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.rootfs.RootfsDirectory;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.ServiceLinks;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.source.SourceCatalog;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The build-rootfs parameters as the goals that build a rootfs (build-rootfs, build) read them. */
record RootfsParameters(String variant, String arch, List<String> platforms, List<ComponentParameter> components,
                        List<String> sourceMirrors, boolean offline, File cacheDirectory, List<FileParameter> files,
                        List<UserParameter> users, boolean failOnAudit, boolean allowPackageManagers,
                        String osVersion, int jobs, File outputDirectory, List<String> services,
                        PrebuiltOs prebuilt) {

    /** The request of a build for one machine ({@code build}'s rootfs). */
    RootfsRequest toRequest(Instant timestamp, Consumer<String> progress) {
        List<RootfsRequest> requests = toRequests(timestamp, progress);
        if (requests.size() != 1) {
            throw new IllegalArgumentException("platforms " + platforms + ": one platform only here");
        }
        return requests.get(0);
    }

    /**
     * One request per machine: the machine of each platform, else {@code arch}, else the host's. A build for one
     * machine writes to {@code rootfs/} as always; one for several gives each machine {@code rootfs/<arch>/} and
     * {@code logs/<arch>/}.
     */
    List<RootfsRequest> toRequests(Instant timestamp, Consumer<String> progress) {
        return toRequests(timestamp, progress, null);
    }

    /** {@link #toRequests(Instant, Consumer)} with a shared build cache ({@code cacheRepository}), or null. */
    List<RootfsRequest> toRequests(Instant timestamp, Consumer<String> progress, RemoteCache remoteCache) {
        List<String> machines = machines();
        boolean several = machines.size() > 1;
        List<RootfsRequest> requests = new ArrayList<>();
        for (String machine : machines) {
            Path logs = outputDirectory.toPath().resolve("logs");
            requests.add(toRequest(machine, RootfsDirectory.of(outputDirectory.toPath(), machine, several),
                    several ? logs.resolve(machine) : logs, timestamp, progress, remoteCache));
        }
        return requests;
    }

    /** The machines to build, without repeats, in the order of {@code platforms}. */
    List<String> machines() {
        String given = arch != null && !arch.isBlank() ? arch.trim() : null;
        List<String> named = platforms == null ? List.of()
                : platforms.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).toList();
        if (named.isEmpty()) {
            return List.of(given != null ? given : HostArch.id());
        }
        List<String> machines = new ArrayList<>();
        for (String platform : named) {
            String machine = TargetArch.parse(Platform.parse(platform).architecture()).id();
            if (machines.contains(machine)) {
                throw new IllegalArgumentException("platforms " + named + ": " + machine + " is named twice; name "
                        + "each platform once");
            }
            machines.add(machine);
        }
        if (given != null && (machines.size() > 1 || !TargetArch.parse(given).id().equals(machines.get(0)))) {
            throw new IllegalArgumentException("arch " + given + " and platforms " + named + " disagree: set only "
                    + "platforms (it decides the machines), or an arch that is the machine of the one platform");
        }
        return List.copyOf(machines);
    }

    private RootfsRequest toRequest(String machine, Path directory, Path logs, Instant timestamp,
                                    Consumer<String> progress, RemoteCache remoteCache) {
        SourceCatalog catalog = SourceCatalog.defaults();
        Map<String, Boolean> included = new LinkedHashMap<>();
        if (components != null) {
            for (ComponentParameter c : components) {
                catalog.override(c.name, c.version, c.url, c.sha256, c.tarSha256);
                if (c.include != null) {
                    included.put(c.name, c.include);
                }
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
        return RootfsRequest.builder(Variant.parse(variant), machine, timestamp, directory)
                .sources(catalog)
                .nativeBuild(NativeBuildSettings.builder()
                        .sourceMirrors(sourceMirrors)
                        .offline(offline)
                        .cacheDirectory(cacheDirectory.toPath())
                        .logDirectory(logs)
                        .jobs(jobs)
                        .progress(progress)
                        .remoteCache(remoteCache)
                        .build())
                .users(accounts)
                .files(additions)
                .failOnAudit(failOnAudit)
                .allowPackageManagers(allowPackageManagers)
                .version(osVersion)
                .included(included)
                .services(ServiceLinks.parse(services))
                .prebuilt(prebuilt)
                .build();
    }
}
