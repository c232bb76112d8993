package dev.avatarbot.schema.migration;

import java.io.Writer;
import java.util.List;

import dev.avatarbot.schema.core.SchemaException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.changelog.ChangeSet;

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
    static MigrationResult run(LiquibaseSession session, String revision, MigrationGuard guard) throws Exception {
        if (revision == null || revision.isBlank()) {
            throw new SchemaException.UserError("Downgrade needs a target revision: one of "
                    + String.join(", ", session.changelog().ids()) + ", or 'base' to roll back everything.");
        }
        return session.underSchemaLock(locked -> {
            StatusReader.Reading before = StatusReader.read(locked);
            before.status().refuseOverUnfinishedTransfer("downgrade");
            // Validates the target before anything runs; a retry reads the history afresh, as the
            // attempt before it may have rolled back some revisions already.
            if (!rollBack(locked, before, revision, null, guard)) {
                return MigrationResult.between(before.status(), before.status());
            }
            return MigrationResult.between(before.status(), StatusReader.read(locked).status());
        });
    }

    /** Rolls back under {@code guard}; false when there is nothing to roll back. */
    private static boolean rollBack(LiquibaseSession session, StatusReader.Reading before, String revision, Writer sql,
                                    MigrationGuard guard) throws Exception {
        boolean[] rolledBack = {false};
        boolean[] first = {true};
        GuardedApply.run(session, guard, () -> {
            StatusReader.Reading now = first[0] ? before : StatusReader.read(session);
            first[0] = false;
            rolledBack[0] |= rollBack(session, now, revision, sql);
        }, () -> lastApplied(session));
        return rolledBack[0];
    }

    /** The changeset whose rollback an attempt stopped at: the last one still applied. */
    private static String lastApplied(LiquibaseSession session) throws Exception {
        History history = History.read(session.connection());
        if (history.changeSets().isEmpty()) {
            return "the downgrade";
        }
        History.Applied last = history.changeSets().get(history.changeSets().size() - 1);
        ParsedChangelog changelog = session.changelog();
        String revision = changelog.changeSets().stream().filter(last::is).findFirst()
                .map(changelog::revisionOf).orElse("?");
        return "revision " + revision + ", changeset " + last.id() + " (rolling back)";
    }

    /** The SQL {@link #run} would execute, without running it. */
    static SqlScript sql(LiquibaseSession session, String revision) throws Exception {
        StatusReader.Reading status = StatusReader.read(session);
        String sql = SqlScript.capture(writer -> rollBack(session, status, revision, writer));
        return new SqlScript(status.status().currentOrBase(), revision, sql);
    }

    /**
     * Rolls back to {@code revision}, into {@code sql} when given; false when there is nothing to roll
     * back. It rolls back the changesets that ran after the target's tag, counted in the history:
     * rolling back "to a tag" would go by dateexecuted and take the tag's own revision with it when
     * they share one timestamp, and a count also finishes a downgrade that stopped half-way (its
     * revision's tag rolled back, a changeset before it not).
     */
    private static boolean rollBack(LiquibaseSession session, StatusReader.Reading status, String revision, Writer sql)
            throws Exception {
        List<History.Applied> applied = status.history().changeSets();
        int count;
        if (SchemaMigrations.BASE.equals(revision)) {
            count = applied.size();
        } else {
            Revision target = status.status().revisions().stream().filter(r -> r.id().equals(revision)).findFirst()
                    .orElseThrow(() -> new UnknownRevisionException(revision, status.status().declared()));
            if (!target.applied()) {
                throw new RevisionNotAppliedException(revision, status.status().current().orElse(null));
            }
            ChangeSet tag = session.changelog().revisions().stream().filter(r -> r.id().equals(revision))
                    .findFirst().orElseThrow().tagChangeSet();
            count = applied.size() - 1 - applied.indexOf(status.history().of(tag));
        }
        if (count == 0) {
            return false;
        }
        if (sql == null) {
            session.liquibase().rollback(count, null, new Contexts(), new LabelExpression());
        } else {
            session.liquibase().rollback(count, null, new Contexts(), new LabelExpression(), sql);
        }
        return true;
    }
}
