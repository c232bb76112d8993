package dev.avatarbot.schema.plugin;

import java.io.File;
import java.util.function.Function;

import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that works on the database with the revisions of a changelog. */
public abstract class AbstractMigrationsMojo extends AbstractConnectedMojo {

    /**
     * A resources directory holding {@code dev/avatarbot/schema/changelog/master.xml}. By default,
     * inside the avatar-db repository its {@code schema-lib/src/main/resources}, elsewhere the
     * schema-lib jar this plugin depends on.
     */
    @Parameter(property = "schema.changelogDirectory")
    private File changelogDirectory;

    protected ChangelogSource changelogSource() {
        return changelogSource(changelogDirectory);
    }

    /** Runs {@code work} with the schema API on the configured database. */
    protected void withMigrations(MigrationsWork work) throws MojoExecutionException, MojoFailureException {
        try (DatabaseHandle database = openDatabase()) {
            work.run(new SchemaMigrations(database.dataSource(), changelogSource()), database);
        }
    }

    /** Runs {@code work} with the schema API on the configured database and returns its result. */
    protected <T> T withMigrationsReturning(Function<SchemaMigrations, T> work)
            throws MojoExecutionException, MojoFailureException {
        try (DatabaseHandle database = openDatabase()) {
            return work.apply(new SchemaMigrations(database.dataSource(), changelogSource()));
        }
    }

    @FunctionalInterface
    protected interface MigrationsWork {
        void run(SchemaMigrations migrations, DatabaseHandle database)
                throws MojoExecutionException, MojoFailureException;
    }

    /** Warns when the database has revisions this schema-lib does not declare. */
    protected void warnAboutUnknown(SchemaStatus status) {
        if (!status.unknownApplied().isEmpty()) {
            getLog().warn("Applied but unknown to this schema-lib (the database is ahead): "
                    + String.join(", ", status.unknownApplied()));
        }
    }

    /** Publishes the database's revision ({@code base} for none) for later build steps, as {@code ${schema.current}}. */
    protected void publishCurrentRevision(String revision) {
        if (session.getCurrentProject() != null) {
            session.getCurrentProject().getProperties().setProperty("schema.current", revision);
        }
    }
}
