package io.kimigayo.app.uptodate;

import io.kimigayo.app.ApplicationRequest;
import io.kimigayo.app.ApplicationResult;
import io.kimigayo.app.java.NativeDependencies;
import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.output.OutputSet;
import io.kimigayo.rootfs.RootfsRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Whether a {@code build} can stop before any work, as Gradle's up-to-date checks do: when the key of everything the
 * build reads ({@link BuildInputs}, {@link Identity}) equals the key recorded by the last successful build, the host
 * libraries that build copied into the runtime still have their digests, and every output is still there with its
 * recorded digest (nothing missing, nothing added). Anything unreadable or different means a build.
 *
 * <p>The record, {@value #RECORD} in the output directory, is written only after a successful build, by a rename, and
 * is deleted before a build does any work, so a failed build never leaves a record that would pass. Beside it,
 * {@value #INPUTS} lists what the key was made of, for people (and for saying what changed).
 */
public final class UpToDateCheck {

    /** The record of the last successful build, in the output directory. */
    public static final String RECORD = "up-to-date.txt";
    /** What the recorded key was made of, line by line, in the output directory. */
    public static final String INPUTS = "up-to-date-inputs.txt";
    private static final String HEADER = "kimigayo up-to-date record 1";

    /** A build that can stop: its image's digest and how many input files were found unchanged. */
    public record UpToDate(String digest, boolean index, int inputFiles, int outputFiles, Path outputDirectory) {
    }

    private final ApplicationRequest request;
    private final Path outputDirectory;
    private final Path logDirectory;
    private final Record previous;
    private final FileDigests digests;
    private final BuildInputs.Key key;
    private final String notChecked;

    private UpToDateCheck(ApplicationRequest request, Record previous, FileDigests digests, BuildInputs.Key key,
                          String notChecked) {
        this.request = request;
        this.outputDirectory = request.pack().outputDirectory().toAbsolutePath().normalize();
        this.logDirectory = request.rootfs().get(0).nativeBuild().logDirectory() == null ? null
                : request.rootfs().get(0).nativeBuild().logDirectory().toAbsolutePath().normalize();
        this.previous = previous;
        this.digests = digests;
        this.key = key;
        this.notChecked = notChecked;
    }

    /** Reads the last record and makes the key of {@code request}; nothing is written. */
    public static UpToDateCheck prepare(ApplicationRequest request) throws IOException {
        Path out = request.pack().outputDirectory().toAbsolutePath().normalize();
        Record previous;
        try {
            previous = Record.read(out.resolve(RECORD));
        } catch (IOException unreadable) {
            previous = null;
        }
        FileDigests digests = new FileDigests(previous == null ? Map.of() : previous.stats);
        try {
            BuildInputs.Key key = BuildInputs.of(request, Identity.of(request), digests, true);
            return new UpToDateCheck(request, previous, digests, key, null);
        } catch (BuildInputs.Ineligible e) {
            return new UpToDateCheck(request, previous, digests, null, e.getMessage());
        } catch (IOException | RuntimeException unreadable) {
            // an input that cannot be read: the build reads it too, and says what is wrong with it
            return new UpToDateCheck(request, previous, digests, null, "an input could not be read ("
                    + unreadable + ")");
        }
    }

    /** The key of this build's inputs, or null when the request is not checked. */
    public BuildInputs.Key key() {
        return key;
    }

    /**
     * The last build's outputs when nothing it read has changed and they are intact; otherwise empty, and
     * {@link #reason()} says why.
     */
    public Optional<UpToDate> upToDate() throws IOException {
        try {
            reason = whyNot();
        } catch (IOException | RuntimeException unreadable) {
            reason = "the last build's record or outputs could not be read (" + unreadable + ")";
        }
        if (reason != null) {
            return Optional.empty();
        }
        try {
            refresh();
        } catch (IOException e) {
            // the record stays as it was: still true, only slower to check next time
        }
        return Optional.of(new UpToDate(previous.digest, previous.index, key.files().size(),
                previous.outputs.size(), outputDirectory));
    }

    private String reason = "not checked yet";
    private FileDigests outputDigests;

    /**
     * After a check that passed: when files had to be read (their status was too fresh to trust when recorded), the
     * record gets their status now, so the next check reads none. The key and the digests stay as they were.
     */
    private void refresh() throws IOException {
        if (digests.filesRead() == 0 && outputDigests.filesRead() == 0) {
            return;
        }
        previous.stats.putAll(digests.used());
        previous.outputStats.putAll(outputDigests.used());
        String text = previous.write();
        if (text != null) {
            Path temp = AtomicFiles.createTemp(outputDirectory, ".up-to-date-");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(temp, outputDirectory.resolve(RECORD));
        }
    }

    /** Why the last {@link #upToDate()} found the build out of date. */
    public String reason() {
        return reason;
    }

    private String whyNot() throws IOException {
        if (notChecked != null) {
            return "not checked: " + notChecked;
        }
        if (previous == null) {
            return "no record of a previous build in " + outputDirectory.resolve(RECORD);
        }
        if (!previous.key.equals(key.sha256())) {
            return "inputs changed: " + firstDifference();
        }
        for (Map.Entry<Path, String> lib : previous.discovered.entrySet()) {
            String now = Files.isRegularFile(lib.getKey()) ? digests.sha256(lib.getKey()) : "absent";
            if (!now.equals(lib.getValue())) {
                return "host library changed: " + lib.getKey();
            }
        }
        for (Map.Entry<Path, String> dir : previous.directories.entrySet()) {
            String now = Files.isDirectory(dir.getKey()) ? FileDigests.directoryStatus(dir.getKey()) : "absent";
            if (!now.equals(dir.getValue())) {
                return "library directory changed: " + dir.getKey();
            }
        }
        Map<String, Path> now = outputFiles();
        if (!now.keySet().equals(previous.outputs.keySet())) {
            Set<String> missing = new LinkedHashSet<>(previous.outputs.keySet());
            missing.removeAll(now.keySet());
            Set<String> added = new LinkedHashSet<>(now.keySet());
            added.removeAll(previous.outputs.keySet());
            return "outputs changed: " + (missing.isEmpty() ? "" : "missing " + first(missing) + " ")
                    + (added.isEmpty() ? "" : "added " + first(added));
        }
        outputDigests = new FileDigests(previous.outputStats);
        for (Map.Entry<String, Path> o : now.entrySet()) {
            String recorded = previous.outputs.get(o.getKey());
            if (!recorded.equals(outputDigest(o.getValue(), outputDigests))) {
                return "output changed: " + o.getKey();
            }
        }
        return null;
    }

    private static String first(Set<String> names) {
        return names.iterator().next() + (names.size() > 1 ? " (and " + (names.size() - 1) + " more)" : "");
    }

    private String firstDifference() throws IOException {
        Path inputs = outputDirectory.resolve(INPUTS);
        if (!Files.isRegularFile(inputs) || key.text() == null) {
            return "key " + key.sha256().substring(0, 12) + " against " + previous.key.substring(0, 12);
        }
        List<String> before = Files.readAllLines(inputs, StandardCharsets.UTF_8);
        List<String> after = key.text().lines().toList();
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            if (!before.get(i).equals(after.get(i))) {
                return nearestName(after, i) + after.get(i).strip();
            }
        }
        return before.size() < after.size() ? "added " + after.get(before.size()).strip()
                : after.size() < before.size() ? "removed " + before.get(after.size()).strip() : "(the key)";
    }

    /** For a line of a directory's tree, the input it belongs to (the line that names it, with its path). */
    private static String nearestName(List<String> lines, int i) {
        if (!lines.get(i).startsWith(" ")) {
            return "";
        }
        for (int j = i; j >= 0; j--) {
            if (!lines.get(j).startsWith(" ")) {
                return lines.get(j) + ": ";
            }
        }
        return "";
    }

    /** Deletes the record: from here on, until a build succeeds, the outputs are not up to date. */
    public void invalidate() throws IOException {
        Files.deleteIfExists(outputDirectory.resolve(RECORD));
    }

    /**
     * Records a successful build: the key made before it started, the host libraries it copied, and the digests of
     * every output. Nothing is recorded for a request that is not checked.
     */
    public void record(ApplicationResult result) throws IOException {
        if (key == null) {
            return;
        }
        Record record = new Record();
        record.key = key.sha256();
        record.digest = result.image().manifestDigest().toString();
        record.index = result.image().isIndex();
        record.stats.putAll(digests.used());
        for (ApplicationResult.Runtime runtime : result.runtimes()) {
            Path root = runtime.sysroot() == null ? Path.of("/") : runtime.sysroot();
            for (NativeLibrary lib : runtime.nativeLibraries()) {
                Path host = root.resolve(lib.path().replaceFirst("^/+", "")).toAbsolutePath().normalize();
                record.discovered.put(host, Files.isRegularFile(host) ? digests.sha256(host) : "absent");
            }
            for (String dir : NativeDependencies.systemDirectories(runtime.arch())) {
                Path d = root.resolve(dir.substring(1)).toAbsolutePath().normalize();
                record.directories.put(d, Files.isDirectory(d) ? FileDigests.directoryStatus(d) : "absent");
            }
        }
        record.stats.putAll(digests.used());
        record.read.addAll(key.files());
        FileDigests outputDigests = new FileDigests(Map.of());
        for (Map.Entry<String, Path> o : outputFiles().entrySet()) {
            record.outputs.put(o.getKey(), outputDigest(o.getValue(), outputDigests));
        }
        record.outputStats.putAll(outputDigests.used());
        Files.createDirectories(outputDirectory);
        Path temp = AtomicFiles.createTemp(outputDirectory, ".up-to-date-");
        Files.writeString(temp, key.text(), StandardCharsets.UTF_8);
        AtomicFiles.moveIntoPlace(temp, outputDirectory.resolve(INPUTS));
        String text = record.write();
        if (text == null) {
            return;   // a path with a tab or a line break: never up to date
        }
        temp = AtomicFiles.createTemp(outputDirectory, ".up-to-date-");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        AtomicFiles.moveIntoPlace(temp, outputDirectory.resolve(RECORD));
    }

    private static String outputDigest(Path file, FileDigests digests) throws IOException {
        if (Files.isSymbolicLink(file)) {
            return "link " + Files.readSymbolicLink(file);
        }
        return digests.sha256(file);
    }

    /**
     * Every file the build's outputs hold, by its path relative to the output directory (the rootfs directories of
     * other places under their absolute path): all but the logs, the lock {@link OutputSet} keeps, and the record.
     */
    private Map<String, Path> outputFiles() throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(outputDirectory);
        for (RootfsRequest rootfs : request.rootfs()) {
            Path dir = rootfs.outputDirectory().toAbsolutePath().normalize();
            if (!dir.startsWith(outputDirectory)) {
                roots.add(dir);
            }
        }
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> all;
            try (Stream<Path> walk = Files.walk(root)) {
                all = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> logDirectory == null || !p.startsWith(logDirectory))
                        .filter(p -> !p.getFileName().toString().equals(OutputSet.OUTPUT_LOCK))
                        .filter(p -> !p.equals(outputDirectory.resolve(RECORD))
                                && !p.equals(outputDirectory.resolve(INPUTS)))
                        .toList();
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            for (Path p : all) {
                files.put(root.equals(outputDirectory) ? outputDirectory.relativize(p).toString() : p.toString(), p);
            }
        }
        return files;
    }

    /** The record file: one item a line, fields separated by tabs, the path last. */
    private static final class Record {
        String key;
        String digest;
        boolean index;
        final Map<Path, FileDigests.Entry> stats = new LinkedHashMap<>();
        final Map<Path, String> discovered = new LinkedHashMap<>();
        final Map<Path, String> directories = new LinkedHashMap<>();
        final Map<String, String> outputs = new TreeMap<>();
        final Map<Path, FileDigests.Entry> outputStats = new LinkedHashMap<>();
        final Set<Path> read = new LinkedHashSet<>();

        /** The record's text, or null when a path holds a tab or a line break (such a build is not recorded). */
        String write() {
            StringBuilder s = new StringBuilder(HEADER).append('\n');
            s.append("key\t").append(key).append('\n');
            s.append("digest\t").append(digest).append('\n');
            s.append("index\t").append(index).append('\n');
            stats.forEach((p, e) -> s.append("input\t").append(e.status()).append('\t').append(e.sha256())
                    .append('\t').append(p).append('\n'));
            discovered.forEach((p, sha) -> s.append("library\t").append(sha).append('\t').append(p).append('\n'));
            directories.forEach((p, st) -> s.append("directory\t").append(st).append('\t').append(p).append('\n'));
            outputStats.forEach((p, e) -> s.append("output-status\t").append(e.status()).append('\t')
                    .append(e.sha256()).append('\t').append(p).append('\n'));
            outputs.forEach((name, sha) -> s.append("output\t").append(sha).append('\t').append(name).append('\n'));
            read.forEach(p -> s.append("read\t").append(p).append('\n'));
            s.append("end\n");
            long fields = s.chars().filter(c -> c == '\t').count();
            long expected = 3 + 3L * stats.size() + 2L * discovered.size() + 2L * directories.size()
                    + 3L * outputStats.size() + 2L * outputs.size() + read.size();
            long lines = s.chars().filter(c -> c == '\n').count();
            long expectedLines = 5L + stats.size() + discovered.size() + directories.size() + outputStats.size()
                    + outputs.size() + read.size();
            return fields == expected && lines == expectedLines ? s.toString() : null;
        }

        /** The record in {@code file}, or null when there is none or it is not complete and well-formed. */
        static Record read(Path file) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null;
            } catch (java.nio.charset.MalformedInputException e) {
                return null;
            }
            if (lines.isEmpty() || !lines.get(0).equals(HEADER) || !lines.get(lines.size() - 1).equals("end")) {
                return null;
            }
            Record r = new Record();
            try {
                for (String line : lines.subList(1, lines.size() - 1)) {
                    String[] f = line.split("\t", -1);
                    switch (f[0]) {
                        case "key" -> r.key = f[1];
                        case "digest" -> r.digest = f[1];
                        case "index" -> r.index = Boolean.parseBoolean(f[1]);
                        case "input" -> r.stats.put(Path.of(f[3]), new FileDigests.Entry(f[1], f[2]));
                        case "library" -> r.discovered.put(Path.of(f[2]), f[1]);
                        case "directory" -> r.directories.put(Path.of(f[2]), f[1]);
                        case "output-status" -> r.outputStats.put(Path.of(f[3]), new FileDigests.Entry(f[1], f[2]));
                        case "output" -> r.outputs.put(f[2], f[1]);
                        case "read" -> r.read.add(Path.of(f[1]));
                        default -> {
                            return null;
                        }
                    }
                }
            } catch (RuntimeException malformed) {
                return null;
            }
            return r.key == null || r.digest == null ? null : r;
        }
    }

    /** The files the key was made of (content inputs), for tests and people. */
    public List<Path> inputFiles() {
        return key == null ? List.of() : new ArrayList<>(key.files());
    }
}
