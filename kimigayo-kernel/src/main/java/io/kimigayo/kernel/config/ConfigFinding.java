package io.kimigayo.kernel.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An option a fragment asked for that did not stick after {@code olddefconfig}, with the reason Kconfig gives.
 *
 * @param request what was asked and where
 * @param got     the value in the final configuration ({@code n} when the option is absent)
 * @param reason  why, in Kconfig's words: the unmet dependency, the select that forces it, ...
 */
public record ConfigFinding(ConfigRequest request, String got, String reason) {

    /** Explains a finding from what Kconfig knows about the symbol; {@code facts} may be null (no explanation). */
    public static ConfigFinding explain(ConfigRequest request, String got, SymbolFacts facts) {
        return new ConfigFinding(request, got, reason(request.option(), got, facts));
    }

    /** Whether a build with this finding must fail: a hardening option did not stick. */
    public boolean fails() {
        return request.kind() == ConfigFragment.Kind.HARDENING;
    }

    /** One line for the build log. */
    public String describe() {
        return request.option() + " (" + request.where() + ") did not stick: "
                + (ConfigOption.OFF.equals(got) ? "it is not set" : "it is " + got) + "; " + reason;
    }

    static String reason(ConfigOption asked, String got, SymbolFacts f) {
        if (f == null) {
            return "Kconfig gave it another value (no explanation available)";
        }
        if (!f.known()) {
            return "no such option in this kernel's Kconfig";
        }
        if (!asked.isOff()) {
            char want = tristate(asked.value());
            boolean settable = f.prompts().stream().anyMatch(p -> !below(p.value(), want));
            if (!settable && f.depends() != null && below(f.depends().value(), want)) {
                List<SymbolFacts.Condition> unmet = f.terms().stream().filter(t -> below(t.value(), want)).toList();
                String named = unmet.isEmpty() ? f.depends().expression()
                        : unmet.stream().map(SymbolFacts.Condition::expression).collect(Collectors.joining(" && "));
                return "unmet dependency: " + named + (named.equals(f.depends().expression()) ? ""
                        : " (depends on " + f.depends().expression() + ")");
            }
            if (f.prompts().isEmpty()) {
                return "it has no prompt: Kconfig sets it only from defaults and selects";
            }
            if (!settable) {
                return "it cannot be set here: its prompt is visible only if " + f.prompts().get(0).expression();
            }
            if (f.choice() != null && f.chosen() != null && !f.chosen().equals(f.name())) {
                return "its choice settled on " + f.chosen() + " (one value of a choice is y)";
            }
            if ("tristate".equals(f.type()) && want == 'm') {
                return "m needs loadable module support (CONFIG_MODULES=y)";
            }
            if (f.range() != null) {
                return "the value must be in the range " + f.range();
            }
        } else {
            if (f.selected() != null && f.selected().value() != 'n') {
                return "it is selected by " + f.selected().expression();
            }
            if (f.prompts().isEmpty()) {
                return "it has no prompt: Kconfig sets it only from defaults and selects";
            }
            if (f.prompts().stream().allMatch(p -> p.value() == 'n')) {
                return "it cannot be turned off here: its prompt is visible only if "
                        + f.prompts().get(0).expression();
            }
        }
        return "Kconfig gave it " + got;
    }

    /** y, m or n for a tristate value; y for any other value (a number, a string). */
    private static char tristate(String value) {
        return switch (value) {
            case "m" -> 'm';
            case "n" -> 'n';
            default -> 'y';
        };
    }

    private static boolean below(char value, char want) {
        return rank(value) < rank(want);
    }

    private static int rank(char v) {
        return v == 'y' ? 2 : v == 'm' ? 1 : 0;
    }
}
