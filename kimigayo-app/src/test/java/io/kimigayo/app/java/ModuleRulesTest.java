package io.kimigayo.app.java;

import io.kimigayo.app.TestClasses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule table: every rule fires on what it describes and adds modules the JDK has; the docs list every rule. */
class ModuleRulesTest {

    @TempDir
    Path temp;

    private Jdk jdk;

    /** For a rule on a package: a class of that package the code can refer to. */
    private static final Map<String, String> USED_CLASS = Map.of(
            "javax/net/ssl/", "javax.net.ssl.SSLContext",
            "java/net/http/", "java.net.http.HttpClient");

    @BeforeEach
    void setUp() throws IOException {
        jdk = Jdk.at(HostTools.javaHome());
    }

    @Test
    void everyRuleNamesModulesOfTheJdk() throws IOException {
        JdkModules modules = JdkModules.of(jdk, null);
        assertTrue(ModuleRules.defaults().rules().size() >= 10, ModuleRules.defaults().rules().toString());
        for (ModuleRules.Rule rule : ModuleRules.defaults().rules()) {
            for (String module : rule.modules()) {
                assertTrue(modules.isModule(module), rule.id() + ": " + module + " is not a module of JDK 17");
            }
            assertFalse(rule.why().isBlank(), rule.id());
        }
    }

    @Test
    void everyRuleFiresOnWhatItDescribesAndNotOnPlainCode() throws IOException {
        Path plain = jar("plain", Map.of("app.Plain", "package app; public class Plain { String s = \"hello\"; }"),
                Map.of());
        assertEquals(List.of(), new ModuleScanner().scan(jdk, List.of(plain), null).rules());
        int n = 0;
        for (ModuleRules.Rule rule : ModuleRules.defaults().rules()) {
            Path trigger = trigger(rule, "rule" + n++);
            ModuleScanner.Result result = new ModuleScanner().scan(jdk, List.of(trigger), null);
            assertTrue(result.rules().stream().anyMatch(r -> r.rule().equals(rule)), rule.id() + " did not fire: "
                    + result);
            assertEquals(trigger.getFileName().toString(), result.rules().stream().filter(r -> r.rule().equals(rule))
                    .findFirst().orElseThrow().target());
            List<String> expanded = expand(result.modules());
            for (String module : rule.modules()) {
                assertTrue(expanded.contains(module), rule.id() + ": " + module + " not in " + result.modules());
            }
        }
    }

    /** A jar showing the rule's trigger. */
    private Path trigger(ModuleRules.Rule rule, String name) throws IOException {
        String what = rule.what();
        return switch (rule.kind()) {
            case CLASS -> {
                String className = (what.endsWith("/") ? what + "Holder" : what).replace('/', '.');
                int dot = className.lastIndexOf('.');
                yield jar(name, Map.of(className, "package " + className.substring(0, dot) + "; public class "
                        + className.substring(dot + 1) + " { }"), Map.of());
            }
            case RESOURCE -> jar(name, Map.of("app.Plain", "package app; public class Plain { }"),
                    Map.of(what, "app.Plain\n"));
            case USES -> {
                String used = what.endsWith("/") ? USED_CLASS.get(what) : what.replace('/', '.');
                assertTrue(used != null, "ModuleRulesTest needs a class of " + what + " in USED_CLASS");
                yield jar(name, Map.of("app.User", "package app; public class User { Object o = " + used
                        + ".class; }"), Map.of());
            }
            case STRING -> jar(name, Map.of("app.ByName", "package app; public class ByName { String s = \""
                    + (what.endsWith(".") ? what + "Something" : what) + "\"; }"), Map.of());
        };
    }

    /** The modules with those they imply through requires transitive (what jlink puts in). */
    private List<String> expand(List<String> modules) throws IOException {
        java.util.Set<String> all = new java.util.TreeSet<>(modules);
        java.lang.module.ModuleFinder finder = java.lang.module.ModuleFinder.ofSystem();
        java.lang.module.Configuration config = java.lang.module.Configuration.empty().resolve(finder,
                java.lang.module.ModuleFinder.of(), modules);
        config.modules().forEach(m -> all.add(m.name()));
        return List.copyOf(all);
    }

    @Test
    void aPublishedLibraryReachingTheJdkByNameGetsItsModule() throws Exception {
        // Gson's UnsafeAllocator loads sun.misc.Unsafe with Class.forName: no class reference shows jdk.unsupported,
        // and without it Gson cannot make objects of classes that lack a no-argument constructor
        Path gson = Path.of(com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleScanner.Result withRules = new ModuleScanner().scan(jdk, List.of(gson), null);
        ModuleScanner.Result withoutRules = new ModuleScanner(ModuleRules.parse("")).scan(jdk, List.of(gson), null);
        assertTrue(withRules.modules().contains("jdk.unsupported"), withRules.toString());
        assertFalse(expand(withoutRules.modules()).contains("jdk.unsupported"),
                "the class references alone miss it: " + withoutRules.modules());
        assertTrue(withRules.rules().stream().anyMatch(r -> r.rule().id().equals("string sun.misc.Unsafe")
                && r.target().equals(gson.getFileName().toString())), withRules.rules().toString());
        // Micrometer's JVM metrics: the class rule and the string rule agree on jdk.management
        Path micrometer = Path.of(io.micrometer.core.instrument.MeterRegistry.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        ModuleScanner.Result metrics = new ModuleScanner().scan(jdk, List.of(micrometer), null);
        assertTrue(metrics.modules().contains("jdk.management"), metrics.toString());
        assertTrue(metrics.rules().stream().anyMatch(r -> r.rule().id().equals(
                "class io/micrometer/core/instrument/binder/jvm/")), metrics.rules().toString());
    }

    @Test
    void aChangedTableScansCachedJarsAgain() throws IOException {
        Path cache = temp.resolve("cache");
        Path jar = jar("netty-like", Map.of("app.ByName", "package app; public class ByName {"
                + " String s = \"sun.misc.Unsafe\"; }"), Map.of());
        ModuleRules none = ModuleRules.parse("# nothing\n");
        assertEquals(List.of("java.base"), new ModuleScanner(none).scan(jdk, List.of(jar), cache).modules());
        assertEquals(List.of("java.base", "jdk.unsupported"), new ModuleScanner().scan(jdk, List.of(jar), cache)
                .modules(), "the default table's answer, not the cached one of another table");
    }

    @Test
    void aBadLineIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModuleRules.parse("# header\nclass only-two-fields\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void theUserGuideListsEveryRule() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "user", "java.md"));
        for (ModuleRules.Rule rule : ModuleRules.defaults().rules()) {
            String row = "| " + rule.kind().name().toLowerCase(java.util.Locale.ROOT) + " | `" + rule.what() + "` | "
                    + String.join(", ", rule.modules()) + " |";
            assertTrue(guide.contains(row), "docs/user/java.md lacks the row starting '" + row + "'");
        }
    }

    /** Compiles classes (name to source) into a jar, with extra files (path to text). */
    private Path jar(String name, Map<String, String> sources, Map<String, String> files) throws IOException {
        Path classes = TestClasses.compile(temp, name, sources);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = classes.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        return TestClasses.jar(classes, temp.resolve(name + "-1.0.jar"));
    }
}
