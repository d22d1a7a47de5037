package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.cacerts.CaBundle;
import io.kimigayo.rootfs.recipe.BusyboxBuild;
import io.kimigayo.rootfs.recipe.MuslBuild;
import io.kimigayo.rootfs.recipe.ToolBuild;
import io.kimigayo.rootfs.recipe.TzdataBuild;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a variant's root filesystem from the compiled components: the skeleton, musl's loader and libc,
 * BusyBox and its applet links (symlinks to {@code /bin/busybox}, taken from the binary's own
 * {@code --list-full}), then the user's accounts and files. Nothing comes from the build host's own system.
 */
public final class RootfsAssembler {

    public static final String BUSYBOX_PATH = "/bin/busybox";

    public FileTree assemble(MuslBuild musl, BusyboxBuild busybox, Variant variant, String version,
                             List<UserAccount> users, List<FileAddition> files) throws IOException {
        return assemble(musl, busybox, Optional.empty(), variant, version, users, files);
    }

    /**
     * As {@link #assemble(MuslBuild, BusyboxBuild, Variant, String, List, List)}, with a CA bundle: written to
     * {@link CaBundle#BUNDLE_PATH} (0644, root) with the link {@link CaBundle#CERT_PEM_PATH} to it, before the
     * user's files (so a user's file at either path replaces it).
     */
    public FileTree assemble(MuslBuild musl, BusyboxBuild busybox, Optional<CaBundle> caBundle, Variant variant,
                             String version, List<UserAccount> users, List<FileAddition> files) throws IOException {
        return assemble(musl, busybox, caBundle, Optional.empty(), Optional.empty(), variant, version, users, files,
                List.of(), List.of());
    }

    /**
     * As {@link #assemble(MuslBuild, BusyboxBuild, Optional, Variant, String, List, List)}, with the compiled
     * time-zone database at {@link TzdataBuild#PATH}, before the user's files.
     */
    public FileTree assemble(MuslBuild musl, BusyboxBuild busybox, Optional<CaBundle> caBundle,
                             Optional<TzdataBuild> tzdata, Variant variant, String version, List<UserAccount> users,
                             List<FileAddition> files) throws IOException {
        return assemble(musl, busybox, caBundle, tzdata, Optional.empty(), variant, version, users, files, List.of(),
                List.of());
    }

    /**
     * As {@link #assemble(MuslBuild, BusyboxBuild, Optional, Variant, String, List, List)}, with the extended
     * variant's development tools and no time zones.
     */
    public FileTree assemble(MuslBuild musl, BusyboxBuild busybox, Optional<CaBundle> caBundle, Variant variant,
                             String version, List<UserAccount> users, List<FileAddition> files,
                             List<ToolBuild> tools) throws IOException {
        return assemble(musl, busybox, caBundle, Optional.empty(), Optional.empty(), variant, version, users, files,
                tools, List.of());
    }

    /**
     * As {@link #assemble(MuslBuild, BusyboxBuild, Optional, Variant, String, List, List)}, with every part:
     * <ul>
     *   <li>the time zones ({@link TzdataBuild#PATH});</li>
     *   <li>OpenRC: the installed tree of an OpenRC build ({@link OpenrcLayout}: BusyBox init hands over to OpenRC,
     *   a getty + login console, passwords locked in /etc/shadow);</li>
     *   <li>the extended variant's development tools: for {@link Variant#EXTENDED}, musl's headers
     *   ({@code /usr/include}) and its crt files and static archives ({@code /usr/lib}), then each tool's tree
     *   (owned by root, modes from the build: 0755 for programs, 0644 for the rest);</li>
     * </ul>
     * all added before the user's files, and the user's {@code services} linked into their runlevels after them;
     * with OpenRC, last, its dependency tree of the final {@code /etc/init.d} ({@link OpenrcDeptree}).
     *
     * @throws IllegalArgumentException for a service without an executable /etc/init.d script or with an unknown
     *                                  runlevel, or services without OpenRC
     */
    public FileTree assemble(MuslBuild musl, BusyboxBuild busybox, Optional<CaBundle> caBundle,
                             Optional<TzdataBuild> tzdata, Optional<Path> openrcRoot, Variant variant, String version,
                             List<UserAccount> users, List<FileAddition> files, List<ToolBuild> tools,
                             List<ServiceLinks.Service> services) throws IOException {
        FileTree tree = new FileTree();
        List<String> applets = busybox.appletPaths();
        List<UserAccount> accounts = new ArrayList<>(List.of(UserAccount.ROOT, UserAccount.NONROOT));
        for (UserAccount u : users) {
            accounts.removeIf(a -> a.name().equals(u.name()));
            accounts.add(u);
        }
        new EtcSkeleton().addTo(tree, variant, version, accounts, applets.contains("sbin/nologin"));

        tree.addFile("/usr/lib/libc.so", Content.of(musl.libc()), 0755, 0, 0);
        tree.addSymlink(musl.loaderPath(), "/usr/lib/libc.so", 0, 0);
        tree.addFile(BUSYBOX_PATH, Content.of(busybox.binary()), 0755, 0, 0);
        for (String applet : applets) {
            TreePath path = TreePath.of(applet);
            if (!path.equals(TreePath.of(BUSYBOX_PATH))) {
                tree.put(path, new io.kimigayo.rootfs.tree.TreeEntry.Symlink(BUSYBOX_PATH, 0, 0));
            }
        }
        if (caBundle.isPresent()) {
            tree.addFile(CaBundle.BUNDLE_PATH, Content.of(caBundle.get().pem()), 0644, 0, 0);
            tree.addSymlink(CaBundle.CERT_PEM_PATH, "certs/ca-certificates.crt", 0, 0);
        }
        if (variant == Variant.EXTENDED) {
            addMuslDevelopment(tree, musl);
        }
        for (ToolBuild tool : tools) {
            new DirectoryImporter().importInto(tree, DirectoryImport.of(tool.destination(), "/"));
        }
        if (tzdata.isPresent()) {
            tzdata.get().addTo(tree);
        }
        if (openrcRoot.isPresent()) {
            tree.remove(TreePath.of("/etc/init.d/rcS")); // BusyBox init's script: OpenRC does its work
            new OpenrcLayout().addTo(tree, openrcRoot.get(), musl.arch(), accounts);
            tree.addSymlink("/init", BUSYBOX_PATH, 0, 0);
            // the home of OpenRC's dependency tree, there whether or not the tree can be shipped
            for (String dir : List.of("/var", "/var/cache", "/var/cache/rc")) {
                if (tree.get(dir).isEmpty()) {
                    tree.addDirectory(dir, 0755, 0, 0);
                }
            }
        }
        return finish(tree, files, services, openrcRoot.isPresent());
    }

    /**
     * The user's part of a rootfs on a prebuilt one: {@code prebuilt} is the tree of a variant assembled with no
     * users, files or services at OS version {@code prebuiltVersion} (a prebuilt Kimigayo OS). Gives the tree that
     * {@link #assemble(MuslBuild, BusyboxBuild, Optional, Optional, Optional, Variant, String, List, List, List, List)}
     * gives with the same builds, {@code version}, {@code files} and {@code services}: os-release names
     * {@code version}, OpenRC's shipped dependency tree is taken out, the files are added, the services linked, and
     * the dependency tree computed again over the final /etc/init.d.
     *
     * @throws IllegalStateException when the prebuilt os-release is not the one this assembler writes for
     *                               {@code prebuiltVersion} (the tree was not assembled by this code)
     */
    public FileTree finishPrebuilt(FileTree prebuilt, Variant variant, String prebuiltVersion, String version,
                                   List<FileAddition> files, List<ServiceLinks.Service> services) throws IOException {
        String expected = EtcSkeleton.osRelease(variant, prebuiltVersion);
        boolean same = prebuilt.get(EtcSkeleton.OS_RELEASE).orElse(null) instanceof TreeEntry.RegularFile f
                && f.mode() == 0644 && f.uid() == 0 && f.gid() == 0
                && java.util.Arrays.equals(readAll(f.content()), expected.getBytes(StandardCharsets.UTF_8));
        if (!same) {
            throw new IllegalStateException("the prebuilt rootfs has another " + EtcSkeleton.OS_RELEASE + " than "
                    + "this plugin writes for Kimigayo OS " + prebuiltVersion + " (" + variant.id() + "); it was not "
                    + "assembled by this plugin's code. Build from source (fromSource) instead");
        }
        prebuilt.addFile(EtcSkeleton.OS_RELEASE, Content.of(EtcSkeleton.osRelease(variant, version)
                .getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        boolean openrc = variant != Variant.MINIMAL;
        if (openrc) {
            prebuilt.remove(TreePath.of(OpenrcDeptree.PATH));
        }
        return finish(prebuilt, files, services, openrc);
    }

    /** What follows the OS's own parts: the user's files, the service links, OpenRC's dependency tree. */
    private static FileTree finish(FileTree tree, List<FileAddition> files, List<ServiceLinks.Service> services,
                                   boolean openrc) throws IOException {
        for (FileAddition file : files) {
            add(tree, file);
        }
        ServiceLinks.apply(tree, services, openrc);
        if (openrc) {
            // last, over the final /etc/init.d: OpenRC's dependency tree, so no boot has to compute it
            OpenrcDeptree.addTo(tree);
        }
        return tree;
    }

    private static byte[] readAll(Content content) throws IOException {
        try (java.io.InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }

    /** musl's headers, and its crt files and static archives (not the shared libc, already in, nor its gcc specs). */
    private static void addMuslDevelopment(FileTree tree, MuslBuild musl) throws IOException {
        new DirectoryImporter().importInto(tree, DirectoryImport.of(musl.destination().resolve("usr/include"),
                "/usr/include"));
        try (java.util.stream.Stream<Path> libs = Files.list(musl.destination().resolve("usr/lib"))) {
            for (Path lib : libs.sorted().toList()) {
                String name = lib.getFileName().toString();
                if (Files.isRegularFile(lib, LinkOption.NOFOLLOW_LINKS)
                        && (name.endsWith(".o") || name.endsWith(".a"))) {
                    tree.addFile("/usr/lib/" + name, Content.of(lib), 0644, 0, 0);
                }
            }
        }
    }

    private static void add(FileTree tree, FileAddition file) throws IOException {
        Path source = file.source();
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            new DirectoryImporter().importInto(tree, new DirectoryImport(source, file.target(), List.of(), List.of(),
                    file.mode(), null, file.uid(), file.gid()));
        } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            String target = file.target().endsWith("/") ? file.target() + source.getFileName() : file.target();
            boolean executable = Files.isExecutable(source);
            int mode = file.mode() != null ? file.mode() : executable ? 0755 : 0644;
            tree.addFile(target, Content.of(source), mode, file.uid(), file.gid());
        } else {
            throw new IOException("file " + source + " does not exist or is neither a file nor a directory; "
                    + "fix the source of that file");
        }
    }
}
