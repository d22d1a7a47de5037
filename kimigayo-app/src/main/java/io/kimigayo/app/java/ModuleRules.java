package io.kimigayo.app.java;

import io.kimigayo.core.hash.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule table of the module scan ({@code module-rules.txt} beside this class): the JDK modules that code reaches
 * only by reflection, {@link java.util.ServiceLoader} or a security provider lookup, so that no class reference shows
 * them. A rule is a trigger (a class or resource a jar holds, a class the code refers to, or a string constant)
 * and the modules it adds.
 */
public final class ModuleRules {

    /** What a rule looks for. */
    public enum Kind {
        /** A jar or the classes directory holds the class (or, ending in {@code /}, a class of the package). */
        CLASS,
        /** A jar holds the resource. */
        RESOURCE,
        /** A class refers to the class (or, ending in {@code /}, to a class of the package). */
        USES,
        /** A class has the string constant (or, ending in {@code .}, one starting with it). */
        STRING
    }

    /**
     * One rule.
     *
     * @param kind    what it looks for
     * @param what    the class, resource, package prefix or string
     * @param modules the modules it adds
     * @param why     what needs them
     */
    public record Rule(Kind kind, String what, List<String> modules, String why) {

        /** A short name for messages and cache lines: {@code uses javax/net/ssl/}. */
        public String id() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + what;
        }

        boolean isPrefix() {
            return what.endsWith(kind == Kind.STRING ? "." : "/");
        }

        /** Whether one of the names (class names, resources, strings: whichever this rule's kind reads) matches. */
        boolean matchesAny(Collection<String> names) {
            if (!isPrefix()) {
                return names.contains(what);
            }
            for (String name : names) {
                if (name.startsWith(what)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Pattern LINE = Pattern.compile("(class|resource|uses|string)\\s+(\\S+)\\s+(\\S+)\\s+(.+)");
    private static final ModuleRules DEFAULT = load();

    private final List<Rule> rules;
    private final String digest;

    private ModuleRules(List<Rule> rules, String digest) {
        this.rules = List.copyOf(rules);
        this.digest = digest;
    }

    /** The rules Kimigayo ships. */
    public static ModuleRules defaults() {
        return DEFAULT;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** A digest of the table, part of every cached scan's key: a changed table scans the jars again. */
    public String digest() {
        return digest;
    }

    /**
     * The rules that fire for one jar or directory.
     *
     * @param classes    the classes it holds (internal names)
     * @param resources  the other files it holds
     * @param references the classes its classes refer to
     * @param strings    its classes' string constants
     */
    List<Rule> firing(Set<String> classes, Set<String> resources, Set<String> references, Set<String> strings) {
        List<Rule> firing = new ArrayList<>();
        for (Rule rule : rules) {
            Collection<String> names = switch (rule.kind()) {
                case CLASS -> classes;
                case RESOURCE -> resources;
                case USES -> references;
                case STRING -> strings;
            };
            if (rule.matchesAny(names)) {
                firing.add(rule);
            }
        }
        return firing;
    }

    /** The rule with this {@link Rule#id()}, or null (a cache entry written by another table). */
    Rule byId(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    static ModuleRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalArgumentException("module-rules.txt line " + number + " is not "
                        + "'<class|resource|uses|string> <what> <module,...> <why>': " + line);
            }
            Kind kind = Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
            rules.add(new Rule(kind, m.group(2), List.of(m.group(3).split(",")), m.group(4).strip()));
        }
        return new ModuleRules(rules, Sha256.hex(text));
    }

    private static ModuleRules load() {
        try (InputStream in = ModuleRules.class.getResourceAsStream("module-rules.txt")) {
            if (in == null) {
                throw new IllegalStateException("module-rules.txt is missing from the kimigayo-app jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("module-rules.txt cannot be read from the kimigayo-app jar", e);
        }
    }
}
