package io.kimigayo.kernel;

import io.kimigayo.kernel.build.KernelArch;
import io.kimigayo.kernel.config.ConfigFragment;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelBuilderTest {

    @TempDir
    Path project;

    private final List<String> warnings = new ArrayList<>();

    private KernelRequest request(boolean hardening, List<Path> fragments) {
        return builder("x86_64").hardening(hardening).configFragments(fragments).build();
    }

    /** An offline request from the temporary project, its warnings collected. */
    private KernelRequest.Builder builder(String arch) {
        return KernelRequest.builder(arch, Instant.EPOCH, project.resolve("target/kimigayo"))
                .nativeBuild(NativeBuildSettings.builder()
                        .offline(true)
                        .cacheDirectory(project.resolve("cache"))
                        .logDirectory(project.resolve("target/kimigayo/logs"))
                        .build())
                .baseDirectory(project)
                .warnings(warnings::add);
    }

    @Test
    void kimigayosFragmentsComeFirstThenTheUsersInOrder() throws IOException {
        Files.createDirectories(project.resolve("src/kernel"));
        Files.writeString(project.resolve("src/kernel/a.config"), "CONFIG_UNIX=y\n");
        Files.writeString(project.resolve("src/kernel/b.config"), "# CONFIG_UNIX is not set\n");

        List<ConfigFragment> fragments = KernelBuilder.fragments(request(true, List.of(Path.of("src/kernel/a.config"),
                project.resolve("src/kernel/b.config"))), KernelArch.X86_64);

        assertEquals(List.of("baseline", "hardening", "src/kernel/a.config", "src/kernel/b.config"),
                fragments.stream().map(ConfigFragment::name).toList());
        assertEquals(List.of(), warnings);
    }

    @Test
    void hardeningFalseLeavesTheHardeningFragmentOutAndSaysSo() throws IOException {
        List<ConfigFragment> fragments = KernelBuilder.fragments(request(false, List.of()), KernelArch.X86_64);

        assertEquals(List.of("baseline"), fragments.stream().map(ConfigFragment::name).toList());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("hardening=false: Kimigayo's hardening fragment is NOT applied"),
                warnings.get(0));
    }

    @Test
    void aMissingFragmentIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelBuilder.fragments(
                request(true, List.of(Path.of("src/kernel/nope.config"))), KernelArch.X86_64));
        assertTrue(e.getMessage().contains("src/kernel/nope.config does not exist"), e.getMessage());
    }

    @Test
    void anUnknownArchIsRefusedBeforeAnythingIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KernelBuilder().build(builder("riscv64").build()));
        assertEquals("arch 'riscv64': Kimigayo builds x86_64 and aarch64", e.getMessage());
    }

    @Test
    void eachArchHasItsOwnFragments() throws IOException {
        List<ConfigFragment> arm64 = KernelBuilder.fragments(builder("arm64").build(), KernelArch.AARCH64);
        assertTrue(arm64.get(0).entries().stream().anyMatch(e -> e.option().name().equals("SERIAL_AMBA_PL011")));
        assertTrue(arm64.get(1).entries().stream().anyMatch(e -> e.option().name().equals("ARM64_PTR_AUTH")));
    }
}
