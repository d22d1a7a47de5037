package io.kimigayo.kernel.config;

import java.util.List;

/**
 * What became of the fragments: every option asked for, the overrides between fragments, and the options that did
 * not stick with Kconfig's reasons.
 *
 * @param requests  the winning request of every option
 * @param overrides options a later fragment changed
 * @param findings  requests that did not stick
 * @param unexplained why the reasons are not Kconfig's ({@code kconfig-explain} could not be used), or null
 */
public record ConfigReport(List<ConfigRequest> requests, List<FragmentMerge.OptionOverride> overrides,
                           List<ConfigFinding> findings, String unexplained) {

    public ConfigReport {
        requests = List.copyOf(requests);
        overrides = List.copyOf(overrides);
        findings = List.copyOf(findings);
    }

    /** The findings that fail the build: hardening options that did not stick. */
    public List<ConfigFinding> failing() {
        return findings.stream().filter(ConfigFinding::fails).toList();
    }

    /** Whether the reasons of the findings are Kconfig's. */
    public boolean explained() {
        return unexplained == null;
    }

    /** The requests that stuck. */
    public List<ConfigRequest> applied() {
        List<ConfigRequest> missing = findings.stream().map(ConfigFinding::request).toList();
        return requests.stream().filter(r -> !missing.contains(r)).toList();
    }
}
