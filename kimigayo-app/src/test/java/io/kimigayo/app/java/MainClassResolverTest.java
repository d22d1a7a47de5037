package io.kimigayo.app.java;

import io.kimigayo.app.TestClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order in which the main class is found, and the errors when it cannot be. */
class MainClassResolverTest {

    @TempDir
    Path temp;

    private final MainClassResolver resolver = new MainClassResolver();

    private Path compile(String name, Map<String, String> sources) throws IOException {
        return TestClasses.compile(temp, name, sources);
    }

    private static String main(String pkgClass) {
        int dot = pkgClass.lastIndexOf('.');
        return "package " + pkgClass.substring(0, dot) + "; public class " + pkgClass.substring(dot + 1)
                + " { public static void main(String[] args) { } }";
    }

    /** A jar with a manifest of these attributes (and one entry). */
    private Path jar(String fileName, Map<String, String> attributes) throws IOException {
        Path jar = temp.resolve(fileName);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("README"));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void theRulesInTheirOrder() throws IOException {
        Path classes = compile("one", Map.of("app.Only", main("app.Only")));
        Path boot = jar("boot.jar", Map.of("Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
                "Start-Class", "com.example.Application"));
        Path shaded = jar("shaded.jar", Map.of("Main-Class", "com.example.Shaded"));

        assertEquals(new MainClassResolver.MainClass("com.example.Configured", "configured"),
                resolver.resolve(" com.example.Configured ", boot, "com.example.FromPlugin", classes));
        MainClassResolver.MainClass start = resolver.resolve(null, boot, "com.example.FromPlugin", classes);
        assertEquals("com.example.Application", start.name());
        assertTrue(start.reason().contains("Start-Class in boot.jar") && start.reason().contains("Spring Boot"),
                start.reason());
        assertEquals("com.example.FromPlugin", resolver.resolve("  ", shaded, "com.example.FromPlugin", classes)
                .name(), "a blank setting counts as none; the jar plugin's setting comes before the manifest");
        assertEquals(new MainClassResolver.MainClass("com.example.Shaded", "Main-Class in shaded.jar's manifest"),
                resolver.resolve(null, shaded, null, classes));
        assertEquals(new MainClassResolver.MainClass("app.Only",
                "the only class with public static void main in one-classes"),
                resolver.resolve(null, null, null, classes));
        Path launcherOnly = jar("launcher.jar", Map.of("Main-Class",
                "org.springframework.boot.loader.launch.JarLauncher"));
        assertEquals("app.Only", resolver.resolve(null, launcherOnly, null, classes).name(),
                "Spring Boot's launcher is never the answer: it needs the nested jar layout");
        assertEquals("app.Only", resolver.resolve(null, temp.resolve("not-built.jar"), null, classes).name());
    }

    @Test
    void onlyPublicStaticVoidMainWithAStringArrayCounts() throws IOException {
        Path classes = compile("kinds", Map.of(
                "app.Real", main("app.Real"),
                "app.NotStatic", "package app; public class NotStatic { public void main(String[] a) { } }",
                "app.NotPublic", "package app; public class NotPublic { static void main(String[] a) { } }",
                "app.OtherArgs", "package app; public class OtherArgs { public static void main(String a) { } }",
                "app.Returns", "package app; public class Returns { public static int main(String[] a) {"
                        + " return 0; } }",
                "app.Varargs", "package app.more; public class Varargs { }".replace("app.more", "app")));
        assertEquals(List.of("app.Real"), MainClassResolver.classesWithMain(classes));
        Path varargs = compile("varargs", Map.of("app.V", "package app; public class V {"
                + " public static void main(String... a) { } }", "app.Outer", "package app; public class Outer {"
                + " public static class Inner { public static void main(String[] a) { } } }"));
        assertEquals(List.of("app.Outer$Inner", "app.V"), MainClassResolver.classesWithMain(varargs),
                "varargs is String[]; a nested class is named as the JVM names it");
    }

    @Test
    void severalCandidatesAreListed() throws IOException {
        Path classes = compile("two", Map.of("app.Server", main("app.Server"), "app.tools.Migrate",
                main("app.tools.Migrate")));
        MainClassResolver.MainClassException e = assertThrows(MainClassResolver.MainClassException.class,
                () -> resolver.resolve(null, null, null, classes));
        assertEquals(List.of("app.Server", "app.tools.Migrate"), e.candidates());
        assertTrue(e.getMessage().contains("app.Server, app.tools.Migrate"), e.getMessage());
        assertTrue(e.getMessage().contains("name the one to run"), e.getMessage());
    }

    @Test
    void noneIsAClearError() throws IOException {
        Path classes = compile("none", Map.of("app.Lib", "package app; public class Lib { }"));
        Path launcherOnly = jar("launcher.jar", Map.of("Main-Class",
                "org.springframework.boot.loader.launch.JarLauncher"));
        for (Path jar : java.util.Arrays.asList(null, launcherOnly, jar("library.jar", Map.of("Implementation-Title",
                "lib")))) {
            MainClassResolver.MainClassException e = assertThrows(MainClassResolver.MainClassException.class,
                    () -> resolver.resolve(null, jar, null, classes));
            assertTrue(e.getMessage().startsWith("no main class"), e.getMessage());
            assertTrue(e.candidates().isEmpty());
        }
        assertThrows(MainClassResolver.MainClassException.class,
                () -> resolver.resolve(null, null, null, temp.resolve("no-classes")));
    }

    @Test
    void aNameThatIsNoClassNameIsRefused() throws IOException {
        for (String bad : List.of("target/classes/App.class", "two words", "1app.Main", "app.Main;")) {
            MainClassResolver.MainClassException e = assertThrows(MainClassResolver.MainClassException.class,
                    () -> resolver.resolve(bad, null, null, temp));
            assertTrue(e.getMessage().contains("'" + bad + "' is not a class name"), e.getMessage());
        }
        assertEquals("app.Main$Inner", resolver.resolve("app.Main$Inner", null, null, temp).name());
    }

    @Test
    void aModulesMainClassAttributeCounts() throws IOException {
        Path classes = compile("modular", Map.of("module-info", "module com.example.app { }",
                "app.A", main("app.A"), "app.B", main("app.B")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // what `jar --main-class` writes into module-info.class
        Path jarFile = temp.resolve("modular.jar");
        int rc = java.util.spi.ToolProvider.findFirst("jar").orElseThrow().run(new java.io.PrintStream(out),
                new java.io.PrintStream(out), "--create", "--file", jarFile.toString(), "--main-class", "app.B", "-C",
                classes.toString(), ".");
        assertEquals(0, rc, out.toString());
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(jarFile.toFile())) {
            Files.write(classes.resolve("module-info.class"),
                    jar.getInputStream(jar.getEntry("module-info.class")).readAllBytes());
        }
        MainClassResolver.MainClass main = resolver.resolve(null, null, null, classes);
        assertEquals("app.B", main.name());
        assertTrue(main.reason().contains("module-info"), main.reason());
    }
}
