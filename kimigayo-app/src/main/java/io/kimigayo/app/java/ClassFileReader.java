package io.kimigayo.app.java;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads what the module scan and the main-class search need from one class file: its name, whether it has a
 * {@code public static void main(String[])}, its string constants (for the module rules) and the classes it refers
 * to, found the way jdeps' dependency finder finds them, so that an in-process scan gives jdeps' answer:
 * <ul>
 *   <li>every {@code CONSTANT_Class} entry (an array class by its element type);</li>
 *   <li>the types in every {@code CONSTANT_NameAndType} descriptor (the fields and methods the code uses);</li>
 *   <li>the descriptors and {@code Signature} attributes of the class, its fields and methods (generic types that
 *       appear nowhere else, such as {@code List<java.sql.Connection>} in a field's signature);</li>
 *   <li>the types of the annotations in {@code RuntimeVisibleAnnotations} and
 *       {@code RuntimeVisibleParameterAnnotations} (not their element values).</li>
 * </ul>
 * Like jdeps (its default {@code -filter:package}), a class in the class's own package is not counted. Like jdeps,
 * it does not count {@code CONSTANT_MethodType} entries, string constants, code attributes (local
 * variable tables) or annotation element values: checked against jdeps 17 in {@code ModuleScannerTest}.
 */
final class ClassFileReader {

    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_STATIC = 0x0008;

    private ClassFileReader() {
    }

    /**
     * What one class file holds.
     *
     * @param name       its internal name ({@code app/Main})
     * @param references the internal names ({@code java/sql/Connection}) of the classes it refers to, outside its
     *                   own package (jdeps' default {@code -filter:package})
     * @param strings    its string constants
     * @param mainMethod whether it declares {@code public static void main(String[])}
     */
    record ClassFile(String name, Set<String> references, Set<String> strings, boolean mainMethod) {
    }

    /**
     * Reads a class file.
     *
     * @param source names the class file in error messages
     * @throws UnreadableClassException when the bytes are not a class file this reader understands
     */
    static ClassFile read(byte[] bytes, String source) throws UnreadableClassException {
        try {
            Set<String> found = new HashSet<>();
            Reader reader = new Reader(bytes, found);
            String self = reader.read();
            String pkg = self.substring(0, Math.max(0, self.lastIndexOf('/')));
            Set<String> references = new HashSet<>();
            for (String name : found) {
                // jdeps' default -filter:package: a dependence within the class's own package is not counted
                if (!name.substring(0, Math.max(0, name.lastIndexOf('/'))).equals(pkg)) {
                    references.add(name);
                }
            }
            return new ClassFile(self, references, reader.strings, reader.mainMethod);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableClassException(source + " is not a readable class file (" + e + ")", e);
        }
    }

    /** A class file that cannot be read: truncated, damaged, or of a format this reader does not know. */
    static final class UnreadableClassException extends IOException {
        UnreadableClassException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final Set<String> names;
        private final Set<String> strings = new HashSet<>();
        private boolean mainMethod;
        private String[] utf8;

        Reader(byte[] bytes, Set<String> names) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
            this.names = names;
        }

        /** Reads the class file and returns the class's own name. */
        String read() throws IOException {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("bad magic number");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            utf8 = new String[count];
            int[] classes = new int[count];
            int[] classNameOf = new int[count];
            int[] descriptors = new int[count];
            int[] stringConstants = new int[count];
            int nClasses = 0;
            int nDescriptors = 0;
            int nStrings = 0;
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> {
                        classNameOf[i] = in.readUnsignedShort();
                        classes[nClasses++] = classNameOf[i];
                    }
                    case 12 -> {
                        in.readUnsignedShort();
                        descriptors[nDescriptors++] = in.readUnsignedShort();
                    }
                    case 8 -> stringConstants[nStrings++] = in.readUnsignedShort();
                    case 16, 19, 20 -> in.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
            for (int c = 0; c < nClasses; c++) {
                String name = utf8(classes[c]);
                if (name.startsWith("[")) {
                    signature(name);
                } else {
                    names.add(name);
                }
            }
            for (int d = 0; d < nDescriptors; d++) {
                signature(utf8(descriptors[d]));
            }
            for (int c = 0; c < nStrings; c++) {
                strings.add(utf8(stringConstants[c]));
            }
            in.readUnsignedShort(); // access flags
            int self = in.readUnsignedShort();
            String selfName = utf8(self > 0 && self < count ? classNameOf[self] : 0);
            in.readUnsignedShort(); // super class: a CONSTANT_Class entry, already counted
            int interfaces = in.readUnsignedShort();
            in.skipNBytes(2L * interfaces);
            for (int kind = 0; kind < 2; kind++) { // fields, then methods
                int members = in.readUnsignedShort();
                for (int m = 0; m < members; m++) {
                    int flags = in.readUnsignedShort();
                    String name = utf8(in.readUnsignedShort());
                    String descriptor = utf8(in.readUnsignedShort());
                    signature(descriptor);
                    if (kind == 1 && (flags & (ACC_PUBLIC | ACC_STATIC)) == (ACC_PUBLIC | ACC_STATIC)
                            && name.equals("main") && descriptor.equals("([Ljava/lang/String;)V")) {
                        mainMethod = true;
                    }
                    attributes();
                }
            }
            attributes();
            return selfName;
        }

        private void attributes() throws IOException {
            int count = in.readUnsignedShort();
            for (int a = 0; a < count; a++) {
                String name = utf8(in.readUnsignedShort());
                int length = in.readInt();
                switch (name) {
                    case "Signature" -> signature(utf8(in.readUnsignedShort()));
                    case "RuntimeVisibleAnnotations" -> annotations();
                    case "RuntimeVisibleParameterAnnotations" -> {
                        int parameters = in.readUnsignedByte();
                        for (int p = 0; p < parameters; p++) {
                            annotations();
                        }
                    }
                    default -> in.skipNBytes(length);
                }
            }
        }

        private void annotations() throws IOException {
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                annotation(true);
            }
        }

        private void annotation(boolean counted) throws IOException {
            String type = utf8(in.readUnsignedShort());
            if (counted) {
                signature(type);
            }
            int pairs = in.readUnsignedShort();
            for (int p = 0; p < pairs; p++) {
                in.readUnsignedShort();
                elementValue();
            }
        }

        private void elementValue() throws IOException {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 'e' -> in.readInt();
                case '@' -> annotation(false);
                case '[' -> {
                    int n = in.readUnsignedShort();
                    for (int i = 0; i < n; i++) {
                        elementValue();
                    }
                }
                default -> in.readUnsignedShort();
            }
        }

        private String utf8(int index) throws IOException {
            String s = index > 0 && index < utf8.length ? utf8[index] : null;
            if (s == null) {
                throw new IOException("constant pool entry " + index + " is not a UTF-8 string");
            }
            return s;
        }

        /** Adds the classes of a field or method descriptor, or of a class, field or method signature. */
        private void signature(String s) throws IOException {
            int i = 0;
            if (s.startsWith("<")) {
                i = formalTypeParameters(s, 1);
            }
            if (i < s.length() && s.charAt(i) == '(') {
                i++;
                while (s.charAt(i) != ')') {
                    i = type(s, i);
                }
                i = type(s, i + 1);
                while (i < s.length() && s.charAt(i) == '^') {
                    i = type(s, i + 1);
                }
            } else {
                while (i < s.length()) {
                    i = type(s, i);
                }
            }
        }

        private int formalTypeParameters(String s, int i) throws IOException {
            while (s.charAt(i) != '>') {
                i = s.indexOf(':', i);
                if (i < 0) {
                    throw new IOException("bad signature " + s);
                }
                while (s.charAt(i) == ':') {
                    i++;
                    if (s.charAt(i) != ':') {
                        i = type(s, i);
                    }
                }
            }
            return i + 1;
        }

        /** Reads one type (descriptor or signature syntax) at {@code i}; returns the index after it. */
        private int type(String s, int i) throws IOException {
            switch (s.charAt(i)) {
                case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 'V' -> {
                    return i + 1;
                }
                case '[' -> {
                    return type(s, i + 1);
                }
                case 'T' -> {
                    return s.indexOf(';', i) + 1;
                }
                case 'L' -> {
                    StringBuilder name = new StringBuilder();
                    i++;
                    while (true) {
                        char c = s.charAt(i);
                        if (c == ';') {
                            names.add(name.toString());
                            return i + 1;
                        } else if (c == '<') {
                            names.add(name.toString());
                            i++;
                            while (s.charAt(i) != '>') {
                                char w = s.charAt(i);
                                if (w == '*') {
                                    i++;
                                } else {
                                    i = type(s, w == '+' || w == '-' ? i + 1 : i);
                                }
                            }
                            i++;
                        } else if (c == '.') {
                            name.append('$');
                            i++;
                        } else {
                            name.append(c);
                            i++;
                        }
                    }
                }
                default -> throw new IOException("bad type in " + s + " at " + i);
            }
        }
    }
}
