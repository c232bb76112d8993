package dev.avatarbot.schema.migration;

import java.util.ArrayList;
import java.util.List;

import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

/** Reads every changeset of a changelog with the SQL PostgreSQL would get for it; no database needed. */
final class DeclaredChangeSets {

    private DeclaredChangeSets() {
    }

    static List<DeclaredChangeSet> read(ChangelogSource source) {
        ParsedChangelog changelog = new ParsedChangelog(source);
        OfflineConnection offline = new OfflineConnection("offline:postgresql", source.resourceAccessor());
        return LiquibaseSession.offline(offline, changelog, session -> {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(offline);
            changelog.liquibaseOn(database);
            List<DeclaredChangeSet> declared = new ArrayList<>();
            for (ChangeSet changeSet : changelog.changeSets()) {
                StringBuilder text = new StringBuilder(changeSet.getComments() == null ? "" : changeSet.getComments());
                for (Change change : changeSet.getChanges()) {
                    if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                        text.append('\n').append(sql.getSql());
                    }
                }
                declared.add(new DeclaredChangeSet(changelog.revisionOf(changeSet), changeSet.getId(),
                        changeSet.getAuthor(), changeSet.isRunInTransaction(), statementsOf(changeSet, database),
                        text.toString()));
            }
            return declared;
        });
    }

    /** The SQL statements {@code database} is sent for the changeset's changes, the revision's tag aside. */
    static List<String> statementsOf(ChangeSet changeSet, Database database) {
        List<String> statements = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            if (change instanceof TagDatabaseChange) {
                continue; // the revision's bookkeeping, not a change of the schema
            }
            for (SqlStatement statement : change.generateStatements(database)) {
                for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                    statements.addAll(SqlStatements.split(sql.toSql()));
                }
            }
        }
        return List.copyOf(statements);
    }
}
