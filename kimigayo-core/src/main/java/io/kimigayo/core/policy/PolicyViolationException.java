package io.kimigayo.core.policy;

import java.io.IOException;
import java.util.List;

/** The rootfs breaks one of Kimigayo's rules; the message lists every offence and how to allow it if wanted. */
public class PolicyViolationException extends IOException {

    private final List<String> offences;

    public PolicyViolationException(String rule, List<String> offences, String remedy) {
        super(rule + ":\n  " + String.join("\n  ", offences) + "\n" + remedy);
        this.offences = List.copyOf(offences);
    }

    public List<String> offences() {
        return offences;
    }
}
