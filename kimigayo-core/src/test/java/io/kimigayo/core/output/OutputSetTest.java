package io.kimigayo.core.output;

import io.kimigayo.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outputs of a goal switch as a whole: a build killed with SIGKILL at any moment of its commit leaves, for the
 * next reader, all the old outputs or all the new ones; and what killed builds leave behind is removed once they are
 * gone, never while they live.
 */
class OutputSetTest {

    @TempDir
    Path temp;

    /** The generation each output says, by name ("-" when it is missing). */
    private static List<String> generations(Path out) throws IOException {
        List<String> seen = new ArrayList<>();
        seen.add(read(out.resolve("image/index.json")));
        String layer = read(out.resolve("image/blobs/sha256/layer"));
        seen.add(layer.equals("-") ? "-" : layer.substring(0, layer.length() / 1000));
        seen.add(read(out.resolve("image.tar")));
        seen.add(read(out.resolve("image.digest")));
        return seen;
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "-";
    }

    private static List<String> staging(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging-")).toList();
        }
    }

    /** Starts the probe and waits until it has staged its outputs. */
    private static Process stage(Path out, String generation, long waitMillis, long commitDelay) throws Exception {
        Process child = ChildJvm.start(OutputSetProbe.class,
                Map.of(OutputSet.COMMIT_DELAY, Long.toString(commitDelay)), false, out.toString(), generation,
                Long.toString(waitMillis));
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        assertTrue(line != null && line.startsWith("staged "), "the probe said: " + line);
        return child;
    }

    @Test
    void aKillAtAnyMomentOfTheCommitLeavesAllTheOldOutputsOrAllTheNewOnes() throws Exception {
        long delay = 150; // between the renames: a commit here moves 3 old outputs aside and 3 new ones in
        int interrupted = 0;
        for (long killAfter = 0; killAfter <= 6 * delay; killAfter += delay) {
            Path out = temp.resolve("out-" + killAfter);
            OutputSetProbe.write(out, "old", 0);
            assertEquals(List.of("old", "old", "old", "old"), generations(out));

            Process child = stage(out, "new", 0, delay);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(out.resolve(OutputSet.JOURNAL)) && child.isAlive()) {
                assertTrue(System.nanoTime() < deadline, "the commit never began");
                Thread.sleep(1);
            }
            Thread.sleep(killAfter);
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));

            if (Files.exists(out.resolve(OutputSet.JOURNAL))) {
                interrupted++; // killed between two renames: the next reader completes the switch
            }
            OutputSet.recover(out);
            assertEquals(List.of("new", "new", "new", "new"), generations(out),
                    "killed " + killAfter + " ms into the commit: the journal was written, so the new set stands");
            assertFalse(Files.exists(out.resolve(OutputSet.JOURNAL)));
        }
        assertTrue(interrupted >= 4, "the kills fell between renames " + interrupted + " times: the test did "
                + "not exercise a half-done commit");
    }

    @Test
    void aKillBeforeTheCommitKeepsTheOldOutputsAndItsStagingGoesOnceTheBuildIsGone() throws Exception {
        Path out = temp.resolve("out");
        OutputSetProbe.write(out, "old", 0);
        Process child = stage(out, "new", 60_000, 0);
        try {
            List<String> staged = staging(out);
            assertEquals(1, staged.size(), staged.toString());

            // another build begins while this one lives: the live build's staging stays, even once it is old
            OutputSet.removeStale(out, Instant.now().plusSeconds(3600));
            assertEquals(staged, staging(out), "a live build's staging directory was removed");

            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(List.of("old", "old", "old", "old"), generations(out), "killed before its commit");

            OutputSet.removeStale(out, Instant.now());
            assertEquals(staged, staging(out), "a lock freed an instant ago may be a build that is just starting");
            OutputSet.removeStale(out, Instant.now().plusSeconds(60));
            assertEquals(List.of(), staging(out), "the killed build's staging directory is removed");
            assertEquals(List.of("old", "old", "old", "old"), generations(out));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aCommitRetiresOutputsTheBuildNoLongerWrites() throws Exception {
        Path out = temp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("image.oci.tar"), "from an older build");
        OutputSetProbe.write(out, "new", 0);
        assertFalse(Files.exists(out.resolve("image.oci.tar")));
        assertEquals(List.of("new", "new", "new", "new"), generations(out));
        assertEquals(List.of(), staging(out), "a finished build leaves no staging directory");
    }

    @Test
    void aDamagedJournalIsRefusedNamingIt() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve(OutputSet.JOURNAL), "staging ../../etc\ninstall passwd\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> OutputSet.recover(out));
        assertTrue(e.getMessage().contains(out.resolve(OutputSet.JOURNAL) + " is damaged"), e.getMessage());
    }
}
