package dev.avatarbot.schema.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.fleet.FleetListener;
import dev.avatarbot.schema.fleet.FleetReport;
import dev.avatarbot.schema.fleet.TargetResult;
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

    /**
     * Logs a fleet's progress as it goes: each wave as it starts (the canaries one at a time), each
     * target as it finishes.
     */
    protected FleetListener fleetProgress() {
        return new FleetListener() {
            @Override
            public void waveStarting(int wave, List<String> targets) {
                getLog().info("Wave " + wave + ": " + String.join(", ", targets));
            }

            @Override
            public void targetFinished(TargetResult result) {
                String line = result.name() + ": " + result.status().label() + (result.failed() ? ": " + result.error() : "");
                if (result.failed()) {
                    getLog().error(line);
                } else {
                    getLog().info(line);
                }
            }

            @Override
            public void stopped(List<String> skipped) {
                getLog().error("Stopped after a failure; not started: " + String.join(", ", skipped));
            }
        };
    }

    /**
     * Writes the fleet report as {@code target/schema-fleet/<goal>-report.json} and {@code .xml}
     * (JUnit) under the directory Maven runs in, and says where.
     */
    protected void writeFleetReport(FleetReport report) {
        Path directory = executionRoot().resolve("target").resolve("schema-fleet");
        report.writeJson(directory.resolve(report.goal() + "-report.json"));
        report.writeJUnit(directory.resolve(report.goal() + "-report.xml"));
        getLog().info("Report:   " + directory.resolve(report.goal() + "-report.json") + " (and .xml for CI)");
    }

    /** Logs a changing goal's table, writes the report files, and fails naming each failed target. */
    protected void finishFleet(FleetReport report) throws MojoFailureException {
        report.table().forEach(getLog()::info);
        writeFleetReport(report);
        if (!report.failures().isEmpty()) {
            throw new MojoFailureException(report.failureSummary() + ". Fix them and run the same command again:"
                    + " targets already done are left as they are.");
        }
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
