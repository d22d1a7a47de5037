package io.kimigayo.rootfs.policy;

import io.kimigayo.core.policy.PolicyViolationException;
import io.kimigayo.rootfs.RootfsManifest.FileAudit;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Audits trees holding real ELF files that the host's gcc builds. */
class ElfAuditGateTest {

    private static final String SOURCE = """
            #include <stdio.h>
            #include <string.h>
            int main(int argc, char **argv) {
                char buf[64];
                strncpy(buf, argc > 1 ? argv[1] : "hello", sizeof buf - 1);
                buf[sizeof buf - 1] = 0;
                puts(buf);
                return 0;
            }
            """;

    private static final String LIBRARY = """
            int answer(void) { return 42; }
            """;

    @TempDir
    static Path dir;

    private static Path hardened;
    private static Path weak;
    private static Path weakPartialRelro;
    private static Path library;

    @BeforeAll
    static void compile() throws Exception {
        Files.writeString(dir.resolve("main.c"), SOURCE);
        Files.writeString(dir.resolve("lib.c"), LIBRARY);
        hardened = gcc("hardened", "-fPIE", "-pie", "-fstack-protector-strong", "-Wl,-z,relro,-z,now",
                "main.c");
        weak = gcc("weak", "-no-pie", "-fno-PIE", "-fno-stack-protector", "-Wl,-z,execstack", "-Wl,-z,norelro",
                "main.c");
        weakPartialRelro = gcc("weak-partial", "-no-pie", "-fno-PIE", "-Wl,-z,execstack", "-Wl,-z,relro",
                "-Wl,-z,lazy", "main.c");
        library = gcc("libweak.so", "-shared", "-fPIC", "-Wl,-z,execstack", "-Wl,-z,norelro", "lib.c");
    }

    private static Path gcc(String output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcc", "-O0", "-o", output));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gcc did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return dir.resolve(output);
    }

    private static Map<String, FileAudit> byPath(List<FileAudit> audits) {
        return audits.stream().collect(Collectors.toMap(FileAudit::path, Function.identity()));
    }

    private static FileTree tree() {
        FileTree tree = new FileTree();
        tree.addFile("/usr/bin/good", Content.of(hardened), 0755, 0, 0);
        tree.addFile("/usr/bin/bad", Content.of(weak), 0755, 0, 0);
        tree.addFile("/usr/lib/libweak.so", Content.of(library), 0755, 0, 0);
        tree.addFile("/etc/init.d/rcS", Content.of("#!/bin/sh\necho up\n".getBytes(StandardCharsets.UTF_8)),
                0755, 0, 0);
        tree.addFile("/etc/empty", Content.of(new byte[0]), 0644, 0, 0);
        tree.addFile("/etc/short", Content.of(new byte[]{0x7f, 'E', 'L'}), 0644, 0, 0);
        tree.addFile("/etc/notelf", Content.of(new byte[]{0x7f, 'E', 'L', 'G', 1, 2, 3, 4}), 0644, 0, 0);
        tree.addSymlink("/bin/good", "/usr/bin/good", 0, 0);
        tree.addHardlink("/bin/bad-again", "/usr/bin/bad", 0, 0);
        tree.addDirectory("/var/empty", 0755, 0, 0);
        return tree;
    }

    @Test
    void onlyRegularElfFilesAreAuditedInPathOrder() throws IOException {
        List<FileAudit> audits = new ElfAuditGate().audit(tree());
        assertEquals(List.of("/usr/bin/bad", "/usr/bin/good", "/usr/lib/libweak.so"),
                audits.stream().map(FileAudit::path).toList(),
                "scripts, short and non-ELF files, symlinks, hard links and directories are skipped");
    }

    @Test
    void hardenedPieHasNoProblems() throws IOException {
        FileAudit good = byPath(new ElfAuditGate().audit(tree())).get("/usr/bin/good");
        assertEquals("executable", good.kind());
        assertEquals("x86_64", good.machine());
        assertTrue(good.pie());
        assertTrue(good.nxStack());
        assertEquals("full", good.relro());
        assertTrue(good.stackProtector());
        assertEquals("/lib64/ld-linux-x86-64.so.2", good.interpreter());
        assertTrue(good.needed().contains("libc.so.6"), good.needed().toString());
        assertEquals(List.of(), good.problems());
    }

    @Test
    void weakExecutableListsWhatItLacks() throws IOException {
        FileAudit bad = byPath(new ElfAuditGate().audit(tree())).get("/usr/bin/bad");
        assertEquals("executable", bad.kind());
        assertFalse(bad.pie());
        assertFalse(bad.nxStack());
        assertEquals("none", bad.relro());
        assertFalse(bad.stackProtector());
        assertEquals(List.of("not PIE", "executable stack", "no RELRO"), bad.problems());
    }

    @Test
    void partialRelroIsAProblem() throws IOException {
        FileTree tree = new FileTree().addFile("/bin/partial", Content.of(weakPartialRelro), 0755, 0, 0);
        FileAudit audit = new ElfAuditGate().audit(tree).get(0);
        assertEquals("partial", audit.relro());
        assertEquals(List.of("not PIE", "executable stack", "partial RELRO"), audit.problems());
    }

    @Test
    void sharedLibrariesAreAuditedButNotJudged() throws IOException {
        FileAudit lib = byPath(new ElfAuditGate().audit(tree())).get("/usr/lib/libweak.so");
        assertEquals("shared_library", lib.kind());
        assertFalse(lib.nxStack());
        assertEquals("none", lib.relro());
        assertNull(lib.interpreter());
        assertEquals(List.of(), lib.problems());
    }

    @Test
    void offencesNameEachWeakExecutableAndWhatItLacks() throws IOException {
        List<String> offences = ElfAuditGate.offences(new ElfAuditGate().audit(tree()));
        assertEquals(List.of("/usr/bin/bad: not PIE, executable stack, no RELRO"), offences);
    }

    @Test
    void hardenedOnlyTreeHasNoOffences() throws IOException {
        FileTree tree = new FileTree()
                .addFile("/bin/busybox", Content.of(hardened), 0755, 0, 0)
                .addFile("/usr/lib/libweak.so", Content.of(library), 0755, 0, 0)
                .addSymlink("/bin/sh", "/bin/busybox", 0, 0);
        List<FileAudit> audits = new ElfAuditGate().audit(tree);
        assertEquals(2, audits.size());
        assertEquals(List.of(), ElfAuditGate.offences(audits));
    }

    @Test
    void treeWithoutElfFilesHasNoAudits() throws IOException {
        FileTree tree = new FileTree()
                .addFile("/etc/passwd", Content.of("root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)),
                        0644, 0, 0);
        assertEquals(List.of(), new ElfAuditGate().audit(tree));
        assertEquals(List.of(), ElfAuditGate.offences(List.of()));
    }

    @Test
    void weakExecutablesFailTheBuildOnlyWhenFailOnAuditIsSet() throws IOException {
        List<FileAudit> audits = List.of(
                new FileAudit("/bin/ok", "executable", "x86_64", true, true, "full", true, null, List.of(), List.of()),
                new FileAudit("/bin/weak", "executable", "x86_64", false, true, "full", true, null, List.of(),
                        List.of("not PIE")));
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> ElfAuditGate.enforce(audits, true, "executables of X", "Fix them"));
        assertEquals("executables of X without the hardening Kimigayo requires (PIE, NX stack, full RELRO):\n"
                + "  /bin/weak: not PIE\nFix them", e.getMessage());
        assertEquals(List.of("/bin/weak: not PIE"), e.offences());
        ElfAuditGate.enforce(audits, false, "executables of X", "Fix them");
        ElfAuditGate.enforce(audits.subList(0, 1), true, "executables of X", "Fix them");
    }

    @Test
    void filesForAnotherMachineOrAnotherMuslLoaderAreForeign() throws IOException {
        FileTree tree = new FileTree();
        tree.addFile("/bin/hardened", Content.of(hardened), 0755, 0, 0);
        List<FileAudit> audits = new ElfAuditGate().audit(tree);
        String host = audits.get(0).machine();
        io.kimigayo.rootfs.nativebuild.TargetArch hostArch = io.kimigayo.rootfs.nativebuild.TargetArch.parse(host);
        io.kimigayo.rootfs.nativebuild.TargetArch other = hostArch == io.kimigayo.rootfs.nativebuild.TargetArch.X86_64
                ? io.kimigayo.rootfs.nativebuild.TargetArch.AARCH64 : io.kimigayo.rootfs.nativebuild.TargetArch.X86_64;
        assertEquals(List.of(), ElfAuditGate.foreign(audits, hostArch));
        assertEquals(List.of("/bin/hardened: " + host), ElfAuditGate.foreign(audits, other));

        FileAudit wrongLoader = new FileAudit("/bin/app", "executable", other.id(), true, true, "full", true,
                hostArch.muslLoader(), List.of("libc.so"), List.of());
        FileAudit glibcLoader = new FileAudit("/opt/java/bin/java", "executable", other.id(), true, true, "full",
                true, "/lib/ld-linux-aarch64.so.1", List.of("libc.so.6"), List.of());
        assertEquals(List.of("/bin/app: interpreter " + hostArch.muslLoader() + ", expected " + other.muslLoader()),
                ElfAuditGate.foreign(List.of(wrongLoader, glibcLoader), other));
    }
}
