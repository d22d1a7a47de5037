package io.kimigayo.rootfs.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kimigayo.rootfs.tree.Content;

/**
 * The ELF reader on any bytes: a parsed file (then audited), or an {@link ElfFormatException} with a message; never
 * another exception, an error or a hang. Seeds: {@code src/test/resources/io/kimigayo/rootfs/elf/ElfFuzzTestInputs}.
 * A plain test run replays the seeds and every finding kept there; {@code JAZZER_FUZZ=1} fuzzes (see .ci/run).
 */
class ElfFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void elf(byte[] data) {
        try {
            ElfAuditor.audit(ElfFile.read("fuzz", data));
        } catch (ElfFormatException e) {
            Typed.message(e);
        }
        try {
            ElfFile.readLinkage("fuzz", Content.of(data));
        } catch (ElfFormatException e) {
            Typed.message(e);
        } catch (java.io.IOException e) {
            throw new AssertionError("reading bytes in memory cannot fail with " + e, e);
        }
    }

    /** A typed error must say something. */
    static final class Typed {
        private Typed() {
        }

        static void message(Exception e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("an error without a message", e);
            }
        }
    }
}
