package io.kimigayo.rootfs.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kimigayo.rootfs.tree.Content;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated, corrupted and non-ELF inputs: each gives an {@link ElfFormatException} that names the input and says
 * what is wrong, never another exception and never a hang.
 */
class MalformedElfTest {

    @TempDir
    Path dir;

    private static ElfFormatException rejects(String name, byte[] bytes, String... phrases) {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(name, bytes));
        assertEquals(name, e.input());
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' should be in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void emptyInput() {
        rejects("empty", new byte[0], "truncated", "0 bytes");
    }

    @Test
    void garbageIsNotElf() {
        rejects("/etc/motd", "hello, world, this is not ELF".getBytes(StandardCharsets.US_ASCII), "not an ELF file");
    }

    @Test
    void shortFileWithMagic() {
        rejects("short", new byte[] {0x7f, 'E', 'L', 'F', 2, 1}, "truncated", "16-byte ELF identification");
    }

    @Test
    void unknownClassAndByteOrder() {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).build();
        bytes[4] = 3;
        rejects("bad-class", bytes, "EI_CLASS", "3");
        bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).build();
        bytes[5] = 0;
        rejects("bad-data", bytes, "EI_DATA");
    }

    @Test
    void headerCutShort() {
        byte[] bytes = Arrays.copyOf(ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).build(), 40);
        rejects("cut", bytes, "truncated", "64-byte ELF64 file header");
        byte[] bytes32 = Arrays.copyOf(ElfBuilder.elf32(ByteOrder.BIG_ENDIAN).build(), 50);
        rejects("cut32", bytes32, "52-byte ELF32 file header");
    }

    @Test
    void programHeaderTableOutsideTheFile() {
        ElfBuilder builder = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).segment(ElfConstants.PT_GNU_STACK, 6);
        byte[] bytes = builder.build();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(builder.phoffField(), 0x7fff_0000L);
        rejects("far-phoff", bytes, "program header table", "lies outside the file");
        bytes = builder.build();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(builder.phoffField(), -8L);
        rejects("negative-phoff", bytes, "program header");
    }

    @Test
    void hugeProgramHeaderCountIsBoundedByTheFileSize() {
        ElfBuilder builder = ElfBuilder.elf32(ByteOrder.BIG_ENDIAN).segment(ElfConstants.PT_GNU_STACK, 6);
        byte[] bytes = builder.build();
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).putShort(builder.phnumField(), (short) 0xfffe);
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> rejects("many-phdrs", bytes, "65534 entries", "lies outside the file"));
    }

    @Test
    void tooSmallProgramHeaderEntrySize() {
        ElfBuilder builder = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).segment(ElfConstants.PT_GNU_STACK, 6);
        byte[] bytes = builder.build();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(builder.phnumField() - 2, (short) 8);
        rejects("small-phentsize", bytes, "e_phentsize is 8");
    }

    @Test
    void sectionHeaderTableOutsideTheFile() {
        ElfBuilder builder = ElfBuilder.elf64(ByteOrder.BIG_ENDIAN).symbols(".symtab", "main");
        byte[] bytes = builder.build();
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).putLong(builder.shoffField(), bytes.length - 10L);
        rejects("far-shoff", bytes, "section header 0", "lies outside the file");
        bytes = builder.build();
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).putShort(builder.shnumField(), (short) 0x7000);
        rejects("many-sections", bytes, "section header table", "28672 entries");
    }

    @Test
    void dynamicStringOutsideItsTable() {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ElfConstants.ET_DYN)
                .dynamic(ElfConstants.DT_NEEDED, 0x5000L).build();
        rejects("bad-needed", bytes, "DT_NEEDED", "0x5000", "dynamic string table");
    }

    @Test
    void strtabAddressOutsideEveryLoadSegment() {
        byte[] bytes = ElfBuilder.elf32(ByteOrder.LITTLE_ENDIAN).type(ElfConstants.ET_DYN)
                .dynamic(ElfConstants.DT_SONAME, "libx.so").strtabAddress(0x9000_0000L).build();
        rejects("bad-strtab", bytes, "DT_STRTAB address 0x90000000 is not inside any PT_LOAD segment");
    }

    @Test
    void dynamicSegmentOutsideTheFile() {
        ElfBuilder builder = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ElfConstants.ET_DYN)
                .dynamic(ElfConstants.DT_SONAME, "libx.so");
        byte[] bytes = builder.build();
        // The PT_DYNAMIC header is the second one; move its p_offset past the end.
        int dynamicHeader = builder.headerSize() + builder.phentsize();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(dynamicHeader + 8, 1L << 40);
        rejects("far-dynamic", bytes, "PT_DYNAMIC (program header 1)", "lies outside the file");
    }

    @Test
    void unterminatedInterpreter() {
        ElfBuilder builder = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).interpreter("/lib/ld.so");
        byte[] bytes = builder.build();
        // Shrink PT_INTERP's p_filesz so that the NUL falls outside it.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(builder.headerSize() + 32, 4);
        rejects("unterminated", bytes, "PT_INTERP", "no terminating NUL");
    }

    @Test
    void symbolTableLinkedToAMissingSection() {
        ElfBuilder builder = ElfBuilder.elf32(ByteOrder.BIG_ENDIAN).symbols(".symtab", "main");
        byte[] bytes = builder.build();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int shoff = buffer.getInt(builder.shoffField());
        // Section 2 is .symtab; its sh_link is at +24 in an ELF32 section header.
        buffer.putInt(shoff + 2 * 40 + 24, 99);
        rejects("bad-link", bytes, "names string table section 99");
    }

    @Test
    void everyTruncationOfARealBinaryIsAFormatError() throws Exception {
        byte[] binary = Files.readAllBytes(Gcc.compile(dir, Sample.HARDENED));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int length = 0; length < binary.length; length += length < 256 ? 1 : 97) {
                byte[] cut = Arrays.copyOf(binary, length);
                String name = "cut-" + length;
                assertThrows(ElfFormatException.class, () -> ElfFile.read(name, cut),
                        "a copy cut to " + length + " of " + binary.length + " bytes");
            }
        });
    }

    @Test
    void corruptedBinariesGiveFormatErrorsOrParse() throws Exception {
        byte[] binary = Files.readAllBytes(Gcc.compile(dir, Sample.HARDENED));
        Random random = new Random(20260101);
        int[] errors = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 3000; round++) {
                byte[] corrupt = binary.clone();
                int changes = 1 + random.nextInt(8);
                for (int i = 0; i < changes; i++) {
                    // Mostly the headers and tables at either end, where the structure is.
                    int at = random.nextBoolean() ? random.nextInt(Math.min(binary.length, 1024))
                            : binary.length - 1 - random.nextInt(Math.min(binary.length, 2048));
                    corrupt[at] = (byte) random.nextInt(256);
                }
                try {
                    ElfAuditor.audit("corrupt-" + round, corrupt);
                } catch (ElfFormatException e) {
                    errors[0]++;
                    assertTrue(e.getMessage().startsWith("corrupt-" + round + ": "), e.getMessage());
                } catch (RuntimeException e) {
                    fail("round " + round + " threw " + e, e);
                }
            }
        });
        assertTrue(errors[0] > 0, "some corruptions should be detected");
    }

    @Test
    void pathInputsAreNamedByTheirPath() throws Exception {
        Path file = dir.resolve("not-elf.sh");
        Files.writeString(file, "#!/bin/sh\necho hi\n");
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(file));
        assertEquals(file.toString(), e.input());
        assertFalse(ElfFile.isElf(file));
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThrows(ElfFormatException.class, () -> ElfFile.read(empty));
        assertFalse(ElfFile.isElf(empty));
        ElfFormatException fromContent = assertThrows(ElfFormatException.class,
                () -> ElfFile.read("/usr/bin/tree-name", Content.of(file)));
        assertEquals("/usr/bin/tree-name", fromContent.input());
    }

    @Test
    void isElfChecksOnlyTheMagic() throws Exception {
        assertTrue(ElfFile.isElf(new byte[] {0x7f, 'E', 'L', 'F'}));
        assertFalse(ElfFile.isElf(new byte[] {0x7f, 'E', 'L'}));
        assertFalse(ElfFile.isElf(new byte[0]));
        assertFalse(ElfFile.isElf("MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(ElfFile.isElf(Content.of(new byte[] {0x7f, 'E', 'L', 'F', 9, 9})));
        assertFalse(ElfFile.isElf(Content.of(new byte[] {1, 2})));
    }
}
