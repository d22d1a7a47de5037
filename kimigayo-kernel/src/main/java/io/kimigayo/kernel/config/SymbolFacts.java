package io.kimigayo.kernel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Kconfig knows about one symbol, as {@code kconfig-explain} prints it: its type and value, its direct
 * dependencies (whole and conjunct by conjunct), the visibility of its prompts, what selects it, its choice, its
 * range, and the menuconfig help text.
 *
 * @param name     the symbol
 * @param known    whether any Kconfig file defines it
 * @param type     bool, tristate, string, integer, hex
 * @param value    the value Kconfig computed
 * @param depends  the direct dependencies, or null when there are none
 * @param terms    the conjuncts of the direct dependencies
 * @param prompts  one condition per prompt: the option can be set only where one of them holds
 * @param selected the reverse dependencies ({@code select}), or null
 * @param choice   the choice the option belongs to, or null
 * @param chosen   the value that choice settled on, or null
 * @param range    the range of an int or hex option, or null
 * @param help     menuconfig's help text for the symbol
 */
public record SymbolFacts(String name, boolean known, String type, String value, Condition depends,
                          List<Condition> terms, List<Condition> prompts, Condition selected, String choice,
                          String chosen, String range, String help) {

    /** A Kconfig expression with its value, such as {@code n NET [=n]}. */
    public record Condition(char value, String expression) {
    }

    public SymbolFacts {
        terms = List.copyOf(terms);
        prompts = List.copyOf(prompts);
    }

    /**
     * Reads the output of {@code kconfig-explain}.
     *
     * @throws IllegalArgumentException when a line is not in its format
     */
    public static Map<String, SymbolFacts> parse(String output) {
        Map<String, SymbolFacts> facts = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        Builder current = null;
        StringBuilder helpText = null;
        String helpName = null;
        for (String line : output.split("\n", -1)) {
            if (helpText != null) {
                if (line.equals("help-end")) {
                    help.put(helpName, helpText.toString().strip());
                    helpText = null;
                } else {
                    helpText.append(line).append('\n');
                }
                continue;
            }
            int space = line.indexOf(' ');
            String tag = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            switch (tag) {
                case "unknown" -> facts.put(rest, new SymbolFacts(rest, false, null, null, null, List.of(),
                        List.of(), null, null, null, null, ""));
                case "symbol" -> current = new Builder(rest);
                case "type" -> builder(current, line).type = rest;
                case "value" -> builder(current, line).value = rest;
                case "depends" -> builder(current, line).depends = condition(rest, line);
                case "term" -> builder(current, line).terms.add(condition(rest, line));
                case "prompt" -> builder(current, line).prompts.add(condition(rest, line));
                case "selected" -> builder(current, line).selected = condition(rest, line);
                case "choice" -> builder(current, line).choice = rest;
                case "chosen" -> builder(current, line).chosen = rest;
                case "range" -> builder(current, line).range = rest;
                case "end" -> {
                    Builder b = builder(current, line);
                    facts.put(b.name, b.build());
                    current = null;
                }
                case "help-begin" -> {
                    helpName = rest;
                    helpText = new StringBuilder();
                }
                default -> {
                    // Kconfig's own messages (warnings about the configuration file) are not ours to parse.
                }
            }
        }
        help.forEach((name, text) -> facts.computeIfPresent(name, (n, f) -> new SymbolFacts(f.name, f.known, f.type,
                f.value, f.depends, f.terms, f.prompts, f.selected, f.choice, f.chosen, f.range, text)));
        return facts;
    }

    private static Builder builder(Builder current, String line) {
        if (current == null) {
            throw new IllegalArgumentException("kconfig-explain: '" + line + "' outside a symbol block");
        }
        return current;
    }

    private static Condition condition(String rest, String line) {
        if (rest.length() < 2 || "ymn".indexOf(rest.charAt(0)) < 0 || rest.charAt(1) != ' ') {
            throw new IllegalArgumentException("kconfig-explain: '" + line + "' has no y/m/n value");
        }
        return new Condition(rest.charAt(0), rest.substring(2));
    }

    private static final class Builder {
        private final String name;
        private String type;
        private String value;
        private Condition depends;
        private final List<Condition> terms = new ArrayList<>();
        private final List<Condition> prompts = new ArrayList<>();
        private Condition selected;
        private String choice;
        private String chosen;
        private String range;

        Builder(String name) {
            this.name = name;
        }

        SymbolFacts build() {
            return new SymbolFacts(name, true, type, value, depends, terms, prompts, selected, choice, chosen, range,
                    "");
        }
    }
}
