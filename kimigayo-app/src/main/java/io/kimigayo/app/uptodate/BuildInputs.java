package io.kimigayo.app.uptodate;

import io.kimigayo.app.ApplicationRequest;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.source.SourceCatalog;
import io.kimigayo.rootfs.source.SourceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The key of everything a {@code build} reads, made from the request itself: every component of the request's
 * records is written down by name, recursively, and every path in it stands for the content it names (a file's bytes,
 * a directory's whole tree with names, modes and link targets). A component is left out of the key, or has its path
 * kept as a place rather than as content, only when {@link #COMPONENTS} says so and why; a value of a type this class
 * does not know makes the request {@linkplain Ineligible ineligible}, so a new field can never slip past the key
 * unnoticed (and {@link #uncovered} finds it from the types alone, before any build).
 *
 * <p>What the request does not hold is added by {@link Identity}: this code's own jars, the JVM that runs it, the
 * C toolchain.
 */
public final class BuildInputs {

    /** How a record component enters the key, when not as its value. */
    enum Handling {
        /** a path that is a place (outputs, caches, logs): its name is in the key, its content is not */
        LOCATION,
        /** not in the key: it changes nothing the build writes (see the reason in {@link #COMPONENTS}) */
        IGNORED,
        /** only what the build reads of the jar: its manifest and Spring Boot's class path index */
        JAR_MANIFEST_AND_INDEX,
        /** a request with this set always builds (it acts outside the outputs: signing, pushing) */
        BUILDS_WHEN_SET
    }

    /**
     * The components that are not simply their value, as {@code Record.component}, with why. Everything else of the
     * request, including every component added later, is in the key by value.
     */
    static final Map<String, Handling> COMPONENTS = Map.ofEntries(
            // places the build writes to, or keeps its content-addressed caches in (entries are keyed themselves)
            Map.entry("RootfsRequest.outputDirectory", Handling.LOCATION),
            Map.entry("PackRequest.outputDirectory", Handling.LOCATION),
            Map.entry("PackRequest.layerCache", Handling.LOCATION),
            Map.entry("NativeBuildSettings.cacheDirectory", Handling.LOCATION),
            Map.entry("NativeBuildSettings.logDirectory", Handling.LOCATION),
            // relative paths of `from` resolve against it; the build's base is always its own rootfs
            Map.entry("PackRequest.baseDirectory", Handling.LOCATION),
            // the libraries taken from a sysroot are recorded after the build, by content (UpToDateCheck)
            Map.entry("RuntimeSettings.sysroots", Handling.LOCATION),
            // where progress lines go
            Map.entry("NativeBuildSettings.progress", Handling.IGNORED),
            // where cached work may come from: entries are verified by digest, the result is the same
            Map.entry("NativeBuildSettings.remoteCache", Handling.IGNORED),
            // where the prebuilt Kimigayo OS is found: what it resolves is used only with the digests of
            // PrebuiltOs.recorded (in the key), and a build that cannot have it compiles the same bytes
            Map.entry("PrebuiltOs.resolver", Handling.IGNORED),
            // how a registry base is pulled: the build's base is always its own rootfs
            Map.entry("PackRequest.registry", Handling.IGNORED),
            Map.entry("JavaApplication.applicationJar", Handling.JAR_MANIFEST_AND_INDEX),
            Map.entry("ApplicationRequest.sign", Handling.BUILDS_WHEN_SET),
            Map.entry("ApplicationRequest.push", Handling.BUILDS_WHEN_SET),
            // filled in by the builder itself; a caller that gives them is not checked
            Map.entry("PackRequest.treeLayers", Handling.BUILDS_WHEN_SET),
            Map.entry("PackRequest.platformLayers", Handling.BUILDS_WHEN_SET),
            Map.entry("PackRequest.sbomContent", Handling.BUILDS_WHEN_SET));

    /** Types written by their value. */
    private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Integer.class, Long.class,
            Short.class, Byte.class, Character.class, Double.class, Float.class, boolean.class, int.class,
            long.class, short.class, byte.class, char.class, double.class, float.class, Instant.class,
            Duration.class, Pattern.class, ImageReference.class);

    /** Entries of a jar that the build reads (JavaApplication.applicationJar). */
    static final List<String> JAR_ENTRIES_READ = List.of("META-INF/MANIFEST.MF", "BOOT-INF/classpath.idx");

    /** Why a request cannot be checked: it always builds. */
    public static final class Ineligible extends Exception {
        Ineligible(String message) {
            super(message);
        }
    }

    private final FileDigests digests;
    private final MessageDigest sha = Sha256.newDigest();
    private final StringBuilder text = new StringBuilder();
    private final boolean keepText;
    private final Set<Path> files = new LinkedHashSet<>();

    private BuildInputs(FileDigests digests, boolean keepText) {
        this.digests = digests;
        this.keepText = keepText;
    }

    /** The key of a request and the identity items, and the files it was made of. */
    public record Key(String sha256, Set<Path> files, String text) {
    }

    /**
     * The key of {@code request} with {@code identity}.
     *
     * @throws Ineligible when the request signs, pushes, or holds a value of a type the key does not know
     */
    public static Key of(ApplicationRequest request, Map<String, Object> identity, FileDigests digests,
                         boolean keepText) throws IOException, Ineligible {
        BuildInputs inputs = new BuildInputs(digests, keepText);
        inputs.line("kimigayo build inputs v1");
        inputs.value("request", request, null);
        for (Map.Entry<String, Object> item : identity.entrySet()) {
            inputs.value("identity." + item.getKey(), item.getValue(), null);
        }
        return new Key(Sha256.hex(inputs.sha), inputs.files, inputs.keepText ? inputs.text.toString() : null);
    }

    private void line(String s) {
        byte[] bytes = (s + "\n").getBytes(StandardCharsets.UTF_8);
        sha.update(bytes);
        if (keepText) {
            text.append(s).append('\n');
        }
    }

    private void value(String name, Object value, String component) throws IOException, Ineligible {
        Handling handling = component == null ? null : COMPONENTS.get(component);
        if (handling == Handling.IGNORED) {
            return;
        }
        if (handling == Handling.BUILDS_WHEN_SET) {
            if (value == null || (value instanceof Collection<?> c && c.isEmpty())
                    || (value instanceof Map<?, ?> m && m.isEmpty())) {
                line(name + " = none");
                return;
            }
            throw new Ineligible(component + " is set");
        }
        if (value == null) {
            line(name + " = null");
        } else if (value instanceof Path path) {
            path(name, path, handling);
        } else if (value instanceof Enum<?> e) {
            line(name + " = " + e.getDeclaringClass().getName() + "." + e.name());
        } else if (value instanceof Pattern p) {
            line(name + " = pattern " + p.flags() + " " + quote(p.pattern()));
        } else if (VALUES.contains(value.getClass())) {
            line(name + " = " + value.getClass().getSimpleName() + " " + quote(value.toString()));
        } else if (value instanceof Record record) {
            line(name + " : " + record.getClass().getName());
            for (RecordComponent rc : record.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = rc.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new Ineligible(name + "." + rc.getName() + " cannot be read: " + e);
                }
                value(name + "." + rc.getName(), v, record.getClass().getSimpleName() + "." + rc.getName());
            }
        } else if (value instanceof List<?> || value instanceof Set<?>) {
            Collection<?> c = (Collection<?>) value;
            if (randomOrder(value)) {
                c = c.stream().sorted(java.util.Comparator.comparing(String::valueOf)).toList();
            }
            line(name + " : " + (value instanceof Set<?> ? "set" : "list") + " of " + c.size());
            int i = 0;
            for (Object o : c) {
                value(name + "[" + i++ + "]", o, component);
            }
        } else if (value instanceof Map<?, ?> map) {
            line(name + " : map of " + map.size());
            int i = 0;
            Collection<? extends Map.Entry<?, ?>> entries = map.entrySet();
            if (randomOrder(value)) {
                entries = entries.stream().sorted(java.util.Comparator.comparing(e -> String.valueOf(e.getKey())))
                        .toList();
            }
            for (Map.Entry<?, ?> e : entries) {
                value(name + "{" + i + "}.key", e.getKey(), null);
                value(name + "{" + i++ + "}.value", e.getValue(), component);
            }
        } else if (value instanceof Optional<?> o) {
            value(name + ".optional", o.orElse(null), component);
        } else if (value instanceof SourceCatalog catalog) {
            value(name + ".all", catalog.all(), null);
        } else {
            throw new Ineligible(name + " is a " + value.getClass().getName()
                    + ", which the up-to-date key does not know");
        }
    }

    /**
     * Whether a collection's order changes from one JVM to the next ({@code Map.of}, {@code Set.of}: their order is
     * salted per run): such a collection is written sorted. Every other keeps its order, which may matter.
     */
    private static boolean randomOrder(Object collection) {
        return collection.getClass().getName().startsWith("java.util.ImmutableCollections$Set")
                || collection.getClass().getName().startsWith("java.util.ImmutableCollections$Map");
    }

    private void path(String name, Path path, Handling handling) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        if (handling == Handling.LOCATION) {
            line(name + " = place " + quote(absolute.toString()));
            return;
        }
        if (handling == Handling.JAR_MANIFEST_AND_INDEX) {
            line(name + " = jar " + quote(absolute.toString()));
            if (Files.isRegularFile(absolute)) {
                try (ZipFile zip = new ZipFile(absolute.toFile())) {
                    for (String entry : JAR_ENTRIES_READ) {
                        ZipEntry e = zip.getEntry(entry);
                        if (e == null) {
                            line("  " + entry + " absent");
                        } else {
                            try (InputStream in = zip.getInputStream(e)) {
                                line("  " + entry + " " + Sha256.hex(in.readAllBytes()));
                            }
                        }
                    }
                }
                files.add(absolute);
            } else {
                line("  absent");
            }
            return;
        }
        line(name + " = content " + quote(absolute.toString()));
        content(absolute);
    }

    /** A file's or a directory tree's content: names, kinds, modes, link targets and file digests. */
    void content(Path absolute) throws IOException {
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            line("  absent");
            return;
        }
        if (!Files.isDirectory(absolute)) {
            entry(absolute, absolute);
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(absolute)) {
            all = new ArrayList<>(walk.toList());
        }
        all.sort(null);
        for (Path p : all) {
            entry(absolute, p);
        }
    }

    private void entry(Path root, Path p) throws IOException {
        String rel = root.equals(p) ? "." : root.relativize(p).toString();
        // one system call for the kind, the mode and the status that lets an unchanged file go unread
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime,ctime,ino,dev,"
                + "isSymbolicLink,isDirectory,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        String mode = Integer.toOctalString((Integer) a.get("mode") & 07777);
        if ((Boolean) a.get("isSymbolicLink")) {
            line("  l " + quote(rel) + " -> " + quote(Files.readSymbolicLink(p).toString()));
            // a link's target is read through it: its content counts too when it is a file
            if (Files.isRegularFile(p)) {
                line("    " + digests.sha256(p));
                files.add(p);
            }
        } else if ((Boolean) a.get("isDirectory")) {
            line("  d " + quote(rel) + " " + mode);
        } else if ((Boolean) a.get("isRegularFile")) {
            line("  f " + quote(rel) + " " + mode + " " + digests.sha256(p, FileDigests.status(a)));
            files.add(p);
        } else {
            line("  o " + quote(rel) + " " + mode);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /**
     * The places in the types reachable from {@code root} that the key could not write: a component of a type it
     * does not know, or an entry of {@link #COMPONENTS} that names no component. Empty when the key covers every
     * field of every record a request can hold.
     */
    public static List<String> uncovered(Class<?> root) {
        List<String> problems = new ArrayList<>();
        Set<String> seenComponents = new LinkedHashSet<>();
        walkType(root, root.getSimpleName(), null, problems, seenComponents, new LinkedHashSet<>());
        if (root == ApplicationRequest.class) {
            for (String named : COMPONENTS.keySet()) {
                if (!seenComponents.contains(named)) {
                    problems.add("BuildInputs.COMPONENTS names " + named + ", which no record of the request has");
                }
            }
        }
        return problems;
    }

    private static void walkType(Type type, String where, String component, List<String> problems,
                                 Set<String> seenComponents, Set<Type> onPath) {
        Handling handling = component == null ? null : COMPONENTS.get(component);
        if (handling == Handling.IGNORED || handling == Handling.BUILDS_WHEN_SET) {
            return;
        }
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (List.class.equals(raw) || Set.class.equals(raw) || Optional.class.equals(raw)
                    || Collection.class.equals(raw)) {
                walkType(pt.getActualTypeArguments()[0], where + "[]", component, problems, seenComponents, onPath);
            } else if (Map.class.equals(raw)) {
                walkType(pt.getActualTypeArguments()[0], where + "{key}", null, problems, seenComponents, onPath);
                walkType(pt.getActualTypeArguments()[1], where + "{value}", component, problems, seenComponents,
                        onPath);
            } else {
                problems.add(where + ": " + type.getTypeName() + " is not known to the up-to-date key");
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            problems.add(where + ": " + type.getTypeName() + " is not known to the up-to-date key");
            return;
        }
        if (VALUES.contains(c) || c.isEnum() || Path.class.equals(c)) {
            return;
        }
        if (SourceCatalog.class.equals(c)) {
            walkType(SourceSpec.class, where + ".all{value}", null, problems, seenComponents, onPath);
            return;
        }
        if (c.isRecord()) {
            if (!onPath.add(c)) {
                return;
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                String name = c.getSimpleName() + "." + rc.getName();
                seenComponents.add(name);
                walkType(rc.getGenericType(), where + "." + rc.getName(), name, problems, seenComponents, onPath);
            }
            onPath.remove(c);
            return;
        }
        problems.add(where + ": " + c.getName() + " is not known to the up-to-date key");
    }
}
