package io.kimigayo.rootfs.elf;

import java.io.IOException;

/**
 * A file that claims to be ELF (or was given to the ELF reader) is truncated or malformed. The message names the
 * input and says what is wrong, for example {@code "/usr/bin/x: program header 3 (offset 0x40, 56 bytes) lies
 * outside the file (1000 bytes)"}.
 */
public class ElfFormatException extends IOException {

    private final String input;

    public ElfFormatException(String input, String problem) {
        super(input + ": " + problem);
        this.input = input;
    }

    /** The name of the input (a path, or the name the caller gave to in-memory content). */
    public String input() {
        return input;
    }
}
