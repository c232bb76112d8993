package dev.avatarbot.schema.migration;

import java.io.Writer;

import dev.avatarbot.schema.core.SchemaException;
import liquibase.Contexts;
import liquibase.LabelExpression;

/** Rolls back every revision applied after a target ({@code base}: all of them); or writes the SQL that would. */
final class Downgrade {

    private Downgrade() {
    }

    /**
     * Under the schema lock: rolls back, and says what changed.
     *
     * @throws UnknownRevisionException    when the changelog has no such revision
     * @throws RevisionNotAppliedException when the revision is declared but not applied
     */
    static MigrationResult run(LiquibaseSession session, String revision) throws Exception {
        if (revision == null || revision.isBlank()) {
            throw new SchemaException.UserError("Downgrade needs a target revision: one of "
                    + String.join(", ", session.changelog().ids()) + ", or 'base' to roll back everything.");
        }
        return session.underSchemaLock(locked -> {
            StatusReader.Reading before = StatusReader.read(locked);
            before.status().refuseOverUnfinishedTransfer("downgrade");
            if (rollBack(locked, before, revision, null)) {
                return MigrationResult.between(before.status(), StatusReader.read(locked).status());
            }
            return MigrationResult.between(before.status(), before.status());
        });
    }

    /** The SQL {@link #run} would execute, without running it. */
    static SqlScript sql(LiquibaseSession session, String revision) throws Exception {
        StatusReader.Reading status = StatusReader.read(session);
        String sql = SqlScript.capture(writer -> rollBack(session, status, revision, writer));
        return new SqlScript(status.status().currentOrBase(), revision, sql);
    }

    /** Rolls back to {@code revision}, into {@code sql} when given; false when there is nothing to roll back. */
    private static boolean rollBack(LiquibaseSession session, StatusReader.Reading status, String revision, Writer sql)
            throws Exception {
        if (SchemaMigrations.BASE.equals(revision)) {
            int applied = status.history().changeSets().size();
            if (applied == 0) {
                return false;
            }
            if (sql == null) {
                session.liquibase().rollback(applied, null, new Contexts(), new LabelExpression());
            } else {
                session.liquibase().rollback(applied, null, new Contexts(), new LabelExpression(), sql);
            }
            return true;
        }
        Revision target = status.status().revisions().stream().filter(r -> r.id().equals(revision)).findFirst()
                .orElseThrow(() -> new UnknownRevisionException(revision, status.status().declared()));
        if (!target.applied()) {
            throw new RevisionNotAppliedException(revision, status.status().current().orElse(null));
        }
        if (target.current()) {
            // Nothing after it. Liquibase would roll back its tag changeset and all before it with it
            // when they share one timestamp: rolling back to a tag goes by dateexecuted.
            return false;
        }
        if (sql == null) {
            session.liquibase().rollback(revision, new Contexts(), new LabelExpression());
        } else {
            session.liquibase().rollback(revision, new Contexts(), new LabelExpression(), sql);
        }
        return true;
    }
}
