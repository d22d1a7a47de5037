package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigBaseTest {

    @TempDir
    Path project;

    @Test
    void makeTargetsAndFiles() throws IOException {
        assertEquals(ConfigBase.TINYCONFIG, ConfigBase.parse(null, project));
        assertEquals("defconfig", ConfigBase.parse("defconfig", project).target());
        assertEquals("x86_64_defconfig", ConfigBase.parse("x86_64_defconfig", project).target());
        Files.writeString(project.resolve("my.config"), "CONFIG_64BIT=y\n");
        ConfigBase file = ConfigBase.parse("my.config", project);
        assertTrue(file.isFile());
        assertEquals(project.resolve("my.config"), file.file());
    }

    @Test
    void anythingElseMustBeAnExistingFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigBase.parse("tinyconfg", project));
        assertTrue(e.getMessage().contains("kernelConfig 'tinyconfg' is neither tinyconfig"), e.getMessage());
    }
}
