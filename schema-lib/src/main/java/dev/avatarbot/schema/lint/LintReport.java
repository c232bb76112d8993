package dev.avatarbot.schema.lint;

import java.util.List;

/** What schema:lint found: the findings in changelog order, and how many revisions and changesets it read. */
public record LintReport(List<Finding> findings, int revisions, int changeSets) {

    public long count(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether the findings fail a build that fails on {@code failOn}. */
    public boolean fails(FailOn failOn) {
        return switch (failOn) {
            case ERROR -> count(Finding.Severity.ERROR) > 0;
            case WARNING -> count(Finding.Severity.ERROR) + count(Finding.Severity.WARNING) > 0;
            case NONE -> false;
        };
    }

    /** The line after the findings, e.g. {@code 2 revisions, 9 changesets: 1 error, 0 warnings, 1 allowed.} */
    public String summary() {
        return revisions + (revisions == 1 ? " revision, " : " revisions, ") + changeSets
                + (changeSets == 1 ? " changeset: " : " changesets: ")
                + plural(count(Finding.Severity.ERROR), "error") + ", "
                + plural(count(Finding.Severity.WARNING), "warning") + ", "
                + count(Finding.Severity.ALLOWED) + " allowed.";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
