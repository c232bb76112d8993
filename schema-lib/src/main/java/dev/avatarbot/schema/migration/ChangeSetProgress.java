package dev.avatarbot.schema.migration;

import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.listener.SqlListener;

/**
 * Which changeset Liquibase is at (its exec listener) and the statements it has sent for it (its
 * SQL listener), so that after a failure the guard knows what of the changeset committed: nothing
 * inside a transaction; outside one ({@code runInTransaction="false"}) each statement sent before
 * the one that failed, session settings aside.
 */
final class ChangeSetProgress extends AbstractChangeExecListener {

    private ChangeSet current;
    private boolean rollingBack;
    private boolean failed;
    private final List<String> sent = new ArrayList<>();
    private final SqlListener sqlListener = new SqlListener() {
        @Override
        public void writeSqlWillRun(String sql) {
            if (current != null && !failed) { // after a failure: Liquibase's own clean-up, not the changeset
                sent.add(sql);
            }
        }
    };

    /** The listener to put in Liquibase's scope; it sees every statement Liquibase sends. */
    SqlListener sqlListener() {
        return sqlListener;
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.RunStatus status) {
        start(changeSet, false);
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        start(changeSet, true);
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType execType) {
        current = null;
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        current = null;
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, Exception exception) {
        failed = true;
    }

    @Override
    public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, Exception exception) {
        failed = true;
    }

    private void start(ChangeSet changeSet, boolean rollback) {
        current = changeSet;
        rollingBack = rollback;
        failed = false;
        sent.clear();
    }

    /**
     * After a failed attempt: the statements of the changeset it stopped in that committed before
     * the one that failed; empty when it ran in a transaction (rolled back whole) or when only
     * session settings ran before the failure.
     */
    List<String> committed() {
        if (current == null || current.isRunInTransaction() || sent.isEmpty()) {
            return List.of();
        }
        return sent.subList(0, sent.size() - 1).stream().map(ChangeSetProgress::oneLine)
                .filter(s -> !SqlStatements.setsSessionOnly(s)).toList();
    }

    /**
     * After a failed attempt: the statement that failed and, running forward, the changeset's
     * statements after it ({@code database} renders them); for a rollback only the one that failed.
     */
    List<String> notApplied(Database database) {
        if (current == null || sent.isEmpty()) {
            return List.of();
        }
        String failed = oneLine(sent.get(sent.size() - 1));
        List<String> all = rollingBack ? List.of() : DeclaredChangeSets.statementsOf(current, database);
        int at = all.indexOf(failed);
        return at < 0 ? List.of(failed) : List.copyOf(all.subList(at, all.size()));
    }

    private static String oneLine(String sql) {
        return String.join("; ", SqlStatements.split(sql));
    }
}
