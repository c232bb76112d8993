package dev.avatarbot.schema.lint;

/**
 * One statement a production table would feel: the rule, where it is (revision and changeset), the
 * table and its size when known, what the statement does, and whether a {@code lint:allow} lets it
 * through (with its reason).
 *
 * @param rows estimated rows of the table, or -1 when unknown
 */
public record Finding(LintRule rule, Severity severity, String revision, String changeSet, String table, long rows,
                      String detail, String allowedBecause, String trace, boolean contradicted) {

    Finding(LintRule rule, Severity severity, String revision, String changeSet, String table, long rows,
            String detail, String allowedBecause) {
        this(rule, severity, revision, changeSet, table, rows, detail, allowedBecause, null, false);
    }

    /** This finding with what the trace measured for it, and whether that contradicts it. */
    Finding withTrace(String measured, boolean contradicts) {
        return new Finding(rule, severity, revision, changeSet, table, rows, detail, allowedBecause, measured, contradicts);
    }

    /** How a finding counts against {@code schema.lint.failOn}. */
    public enum Severity { ERROR, WARNING, ALLOWED }

    /** One line: severity, rule id, revision/changeset, table, what and why, the lock and the recipe. */
    public String line() {
        String where = revision + "/" + changeSet + (table == null ? "" : " on " + table
                + (rows < 0 ? "" : " (~" + rows + " rows)"));
        String text = severity + " " + rule.id() + " " + where + ": " + detail;
        if (rule == LintRule.INVALID_ALLOW) {
            return text + " Write it as " + rule.recipe() + "; rule ids: " + LintRule.allowableIds() + ".";
        }
        text += " Lock: " + rule.lock() + ". Safe recipe: " + rule.recipe() + ".";
        if (allowedBecause != null) {
            text += " Allowed: " + allowedBecause;
        }
        if (trace != null) {
            text += (contradicted ? " CONTRADICTED by the trace: " : " Trace: ") + trace;
        }
        return text;
    }
}
