package dev.avatarbot.schema.lint;

import java.util.List;

/** What schema:lint found: the findings in changelog order, and how many revisions and changesets it read. */
public record LintReport(List<Finding> findings, int revisions, int changeSets, List<TracedChangeSet> traces) {

    public LintReport(List<Finding> findings, int revisions, int changeSets) {
        this(findings, revisions, changeSets, List.of());
    }

    /**
     * The findings with what the trace measured for their changeset and table, each marked when the
     * measurement contradicts it: a rewrite rule where no rewrite happened, or a lock rule where
     * nothing stronger than SHARE UPDATE EXCLUSIVE (which blocks neither reads nor writes) was held.
     */
    public LintReport withTrace(List<TracedChangeSet> traced) {
        List<Finding> marked = findings.stream().map(f -> mark(f, traced)).toList();
        return new LintReport(marked, revisions, changeSets, List.copyOf(traced));
    }

    private static Finding mark(Finding finding, List<TracedChangeSet> traced) {
        TracedChangeSet trace = traced.stream().filter(t -> t.revision().equals(finding.revision())
                && t.changeSet().equals(finding.changeSet())).findFirst().orElse(null);
        if (trace == null || !trace.measured() || finding.table() == null) {
            return finding;
        }
        String strongest = trace.strongestOn(finding.table());
        boolean rewrote = trace.rewritten().contains(finding.table());
        String measured = (strongest == null ? "no lock" : strongest) + " on " + finding.table()
                + (rewrote ? ", rewrote it." : ", no rewrite.");
        boolean contradicts = switch (finding.rule()) {
            case COLUMN_TYPE_REWRITE, VOLATILE_DEFAULT -> !rewrote;
            case INDEX_NOT_CONCURRENT, CONSTRAINT_NOT_VALID, SET_NOT_NULL, UNIQUE_NOT_USING_INDEX ->
                    strongest == null || TracedChangeSet.MODES.indexOf(strongest)
                            <= TracedChangeSet.MODES.indexOf("SHARE UPDATE EXCLUSIVE");
            default -> false;
        };
        return finding.withTrace(measured, contradicts);
    }

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
