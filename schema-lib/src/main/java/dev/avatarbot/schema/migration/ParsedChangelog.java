package dev.avatarbot.schema.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.avatarbot.schema.core.SchemaException;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;

/**
 * The changelog of one {@link SchemaMigrations}, parsed on first use and then kept: its changesets
 * and the revisions they make up. A revision is the run of changesets closed by one that tags the
 * database; its message is the file-local {@value SchemaMigrations#REVISION_MESSAGE_PROPERTY}
 * property.
 */
final class ParsedChangelog {

    /** A revision as the changelog declares it: its id, its message and the tag changeset that closes it. */
    record DeclaredRevision(String id, String message, ChangeSet tagChangeSet) {
    }

    private final ChangelogSource source;
    private DatabaseChangeLog parsed;
    private boolean schemaChecked;
    private List<DeclaredRevision> revisions;
    private Map<ChangeSet, String> revisionOf;

    ParsedChangelog(ChangelogSource source) {
        this.source = source;
    }

    ChangelogSource source() {
        return source;
    }

    /**
     * Parses the changelog (once) without checking its files against Liquibase's XML schema: enough
     * to know its changesets and revisions, which is all that reading a database's status needs. The
     * XML parser compiles the schema again for every file, so over a long history the check is most
     * of a no-op upgrade's time; a changelog is checked before anything of it runs ({@link #liquibaseOn}).
     */
    synchronized ParsedChangelog parse(Database database) throws Exception {
        if (parsed == null) {
            parsed = parseOn(database, false);
            index(parsed.getChangeSets());
        }
        return this;
    }

    /**
     * A Liquibase on {@code database} that runs this changelog without parsing it again, once its
     * files are checked against Liquibase's XML schema (an attribute the schema does not know fails
     * here, before any changeset runs or any SQL is written).
     */
    synchronized Liquibase liquibaseOn(Database database) throws Exception {
        if (parsed == null) {
            parsed = parseOn(database, true);
            index(parsed.getChangeSets());
        } else if (!schemaChecked) {
            parseOn(database, true);
        }
        schemaChecked = true;
        return new Liquibase(parsed, source.resourceAccessor(), database);
    }

    private DatabaseChangeLog parseOn(Database database, boolean checkSchema) throws Exception {
        return Scope.child(Map.of(XmlChangelogParser.CHECK_SCHEMA, checkSchema),
                () -> new Liquibase(ChangelogSource.MASTER_CHANGELOG, source.resourceAccessor(), database)
                        .getDatabaseChangeLog());
    }

    List<ChangeSet> changeSets() {
        return parsed.getChangeSets();
    }

    /** The changesets up to and including {@code revision}'s tag; all of them for {@code null}. */
    List<ChangeSet> changeSetsUpTo(String revision) {
        if (revision == null) {
            return changeSets();
        }
        ChangeSet tag = revisions.stream().filter(r -> r.id().equals(revision)).findFirst()
                .orElseThrow(() -> new UnknownRevisionException(revision, ids())).tagChangeSet();
        return changeSets().subList(0, changeSets().indexOf(tag) + 1);
    }

    List<DeclaredRevision> revisions() {
        return revisions;
    }

    List<String> ids() {
        return revisions.stream().map(DeclaredRevision::id).toList();
    }

    /** The newest revision. */
    String head() {
        if (revisions.isEmpty()) {
            throw new SchemaException.UserError("The changelog declares no revision.");
        }
        return revisions.get(revisions.size() - 1).id();
    }

    /** {@code revision} itself, when the changelog declares it. */
    String requireDeclared(String revision) {
        if (revision == null || !ids().contains(revision)) {
            throw new UnknownRevisionException(String.valueOf(revision), ids());
        }
        return revision;
    }

    /** The revision a changeset belongs to, or {@code ?} for changesets after the last tag. */
    String revisionOf(ChangeSet changeSet) {
        return revisionOf.getOrDefault(changeSet, "?");
    }

    private void index(List<ChangeSet> changeSets) {
        List<DeclaredRevision> declared = new ArrayList<>();
        Map<ChangeSet, String> owners = new HashMap<>();
        List<ChangeSet> open = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            open.add(changeSet);
            String tag = tagOf(changeSet);
            if (tag != null) {
                declared.add(new DeclaredRevision(tag, revisionMessage(changeSet), changeSet));
                open.forEach(c -> owners.put(c, tag));
                open.clear();
            }
        }
        revisions = List.copyOf(declared);
        revisionOf = owners;
    }

    /** The tag a changeset sets, or null: a tagging changeset closes a revision. */
    private static String tagOf(ChangeSet changeSet) {
        for (Change change : changeSet.getChanges()) {
            if (change instanceof TagDatabaseChange tag) {
                return tag.getTag();
            }
        }
        return null;
    }

    /** The {@code revision.message} property of the changeset's file (local to that file). */
    private static String revisionMessage(ChangeSet changeSet) {
        DatabaseChangeLog file = changeSet.getChangeLog();
        Object message = file.getChangeLogParameters().getValue(SchemaMigrations.REVISION_MESSAGE_PROPERTY, file);
        return message == null ? "" : message.toString().strip();
    }
}
