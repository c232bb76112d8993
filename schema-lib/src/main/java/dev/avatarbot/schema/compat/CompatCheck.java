package dev.avatarbot.schema.compat;

import java.util.Locale;

import javax.sql.DataSource;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.mappercheck.MapperCheck;
import dev.avatarbot.schema.mappercheck.MapperReport;
import dev.avatarbot.schema.mappercheck.MapperSources;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;

/**
 * Whether a rolling deploy from a previous release to this one is safe, on one scratch database
 * taken the way a deploy takes production: brought to the previous release's head, where the new
 * mappers run (new instances may start before the upgrade); then upgraded with this release's
 * changelogs, where the previous release's mappers run (old instances still serve during the
 * rollout). The columns before and after name the expand/contract step a failure needs.
 */
public final class CompatCheck {

    /** When a compatibility failure fails the build. */
    public enum Require {
        /** The previous release's mappers must work on the new schema (upgrade first, then roll out). */
        OLD_APP_NEW_DB,
        /** Both directions must work. */
        BOTH,
        /** Report only. */
        NONE;

        /** {@code old-app-new-db}, {@code both} or {@code none}. */
        public static Require parse(String text) {
            String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "old-app-new-db" -> OLD_APP_NEW_DB;
                case "both" -> BOTH;
                case "none" -> NONE;
                default -> throw new SchemaException.UserError("The compatibility requirement must be old-app-new-db,"
                        + " both or none, not '" + text + "'.");
            };
        }

        /** Whether the report fails this requirement. */
        public boolean failedBy(CompatReport report) {
            return switch (this) {
                case OLD_APP_NEW_DB -> !report.oldAppNewDb().passed();
                case BOTH -> !report.oldAppNewDb().passed() || !report.newAppOldDb().passed();
                case NONE -> false;
            };
        }
    }

    /** One release: its name for the report, its changelogs and its mappers. */
    public record Release(String name, ChangelogSource changelogs, MapperSources mappers) {
    }

    private CompatCheck() {
    }

    /** Runs both directions on {@code scratch}, an empty database that is left at the current release's head. */
    public static CompatReport run(DataSource scratch, Release previous, Release current) {
        new SchemaMigrations(scratch, previous.changelogs()).upgrade();
        Catalog before = Catalog.read(scratch);
        MapperReport newAppOldDb = new MapperCheck(scratch).run(current.mappers());

        new SchemaMigrations(scratch, current.changelogs()).upgrade();
        Catalog after = Catalog.read(scratch);
        MapperReport oldAppNewDb = new MapperCheck(scratch).run(previous.mappers());

        SchemaChanges changes = SchemaChanges.between(before, after);
        return new CompatReport(previous.name(), current.name(), oldAppNewDb, newAppOldDb, changes.contractHints(),
                changes.expandHints());
    }
}
