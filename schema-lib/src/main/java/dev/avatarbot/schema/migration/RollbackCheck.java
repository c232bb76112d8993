package dev.avatarbot.schema.migration;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.core.SchemaException;

/**
 * Rehearses every revision's rollback on an empty database: apply it, roll it back, compare the
 * catalog with the one before, apply it again and compare with the first application. Stops at
 * the first revision that fails, naming it and what its rollback left behind.
 */
public final class RollbackCheck {

    private RollbackCheck() {
    }

    /** Returns the revisions that passed, oldest first. */
    public static List<String> run(DataSource emptyDatabase, ChangelogSource changelog) {
        SchemaMigrations migrations = new SchemaMigrations(emptyDatabase, changelog);
        SchemaStatus status = migrations.status();
        if (status.current().isPresent() || !Catalog.read(emptyDatabase).isEmpty()) {
            throw new SchemaException.UserError("Rehearsing rollbacks needs an empty database.");
        }
        List<String> passed = new ArrayList<>();
        String previous = SchemaMigrations.BASE;
        for (Revision revision : status.revisions()) {
            String id = revision.id();
            Catalog before = Catalog.read(emptyDatabase);
            step(id, "applying it", () -> migrations.upgradeTo(id));
            Catalog applied = Catalog.read(emptyDatabase);
            String back = previous;
            step(id, "rolling it back", () -> migrations.downgradeTo(back));
            List<String> left = Catalog.read(emptyDatabase).differencesFrom(before);
            if (!left.isEmpty()) {
                throw new SchemaException.UserError("Revision " + id + " does not roll back cleanly; after its rollback: "
                        + String.join("; ", left) + ". Fix its <rollback> sections.");
            }
            step(id, "applying it again", () -> migrations.upgradeTo(id));
            List<String> different = Catalog.read(emptyDatabase).differencesFrom(applied);
            if (!different.isEmpty()) {
                throw new SchemaException.UserError("Revision " + id + " gives another schema when applied again after"
                        + " its rollback: " + String.join("; ", different) + ".");
            }
            passed.add(id);
            previous = id;
        }
        return passed;
    }

    private static void step(String revision, String what, Runnable action) {
        try {
            action.run();
        } catch (SchemaException.UserError e) {
            throw e;
        } catch (SchemaException e) {
            throw new SchemaException.UserError("Revision " + revision + " fails when " + what + ": " + e.getMessage(), e);
        }
    }
}
