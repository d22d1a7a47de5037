package io.kimigayo.app.java;

import org.junit.jupiter.api.Test;

import java.lang.module.InvalidModuleDescriptorException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModuleInfoReaderTest {

    @Test
    void aModuleInfoOfANewerReleaseIsRead() throws Exception {
        byte[] info = Files.readAllBytes(FileSystems.getFileSystem(URI.create("jrt:/"))
                .getPath("/modules/java.sql/module-info.class"));
        ModuleDescriptor expected = ModuleDescriptor.read(ByteBuffer.wrap(info));
        byte[] newer = info.clone();
        newer[6] = 0;
        newer[7] = 69; // Java 25's class file version
        assertThrows(InvalidModuleDescriptorException.class, () -> ModuleDescriptor.read(ByteBuffer.wrap(newer)),
                "what the JDK's own reader does with it");
        ModuleDescriptor read = ModuleInfoReader.read(newer);
        assertEquals(expected.name(), read.name());
        assertEquals(expected.requires(), read.requires());
        assertEquals(expected.exports(), read.exports());
        assertEquals(expected, ModuleInfoReader.read(info), "a current one is read as it is");
    }
}
