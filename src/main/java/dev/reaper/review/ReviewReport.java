package dev.reaper.review;

import java.util.List;

/**
 * What a review produced.
 *
 * @param target  what was reviewed, as people say it ("staged changes", "main..feature", "commit abc1234")
 * @param files   the files of the change that were reviewed
 * @param notes   what the reader should know: findings dropped, files skipped, parts that failed
 * @param costUsd what the review cost
 */
public record ReviewReport(String target, List<String> files, List<Finding> findings, List<String> notes,
                           double costUsd) {

    public ReviewReport {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** Whether a finding is at or above the threshold: the review then fails ({@code --fail-on}). */
    public boolean failsAt(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }
}
