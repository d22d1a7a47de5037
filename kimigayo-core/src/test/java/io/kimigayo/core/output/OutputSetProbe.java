package io.kimigayo.core.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A build's output step in a JVM of its own, so that a test can kill it: stages {@code image/}, {@code image.tar} and
 * {@code image.digest}, all saying {@code <generation>}, says {@code staged}, waits {@code <wait ms>}, then commits
 * (slowed down by {@link OutputSet#COMMIT_DELAY} when set) and says {@code committed}.
 *
 * <p>Arguments: {@code <output directory> <generation> <wait ms>}.
 */
public final class OutputSetProbe {

    static final List<String> NAMES = List.of("image", "image.tar", "image.digest");

    private OutputSetProbe() {
    }

    public static void main(String[] args) throws Exception {
        write(Path.of(args[0]), args[1], Long.parseLong(args[2]));
    }

    static void write(Path out, String generation, long waitMillis) throws Exception {
        try (OutputSet set = OutputSet.begin(out)) {
            Path image = Files.createDirectories(set.staging().resolve("image"));
            Files.createDirectories(image.resolve("blobs/sha256"));
            Files.writeString(image.resolve("index.json"), generation);
            Files.writeString(image.resolve("blobs/sha256/layer"), generation.repeat(1000));
            Files.writeString(set.staging().resolve("image.tar"), generation);
            Files.writeString(set.staging().resolve("image.digest"), generation);
            System.out.println("staged " + set.staging());
            System.out.flush();
            Thread.sleep(waitMillis);
            set.commit(NAMES, List.of("image.oci.tar"));
            System.out.println("committed");
        }
    }
}
