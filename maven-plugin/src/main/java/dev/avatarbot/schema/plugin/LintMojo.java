package dev.avatarbot.schema.plugin;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.lint.FailOn;
import dev.avatarbot.schema.lint.Finding;
import dev.avatarbot.schema.lint.LintOptions;
import dev.avatarbot.schema.lint.LintReport;
import dev.avatarbot.schema.lint.LintTrace;
import dev.avatarbot.schema.lint.SchemaLint;
import dev.avatarbot.schema.lint.TableStats;
import dev.avatarbot.schema.lint.TracedChangeSet;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks every revision's changesets for locks and table rewrites a production table would feel:
 * one line per finding (rule id, revision/changeset, table, lock, safe recipe), then a summary.
 * Table sizes come from {@code schema.lint.stats}, else from the configured database when there is
 * one; findings on tables below {@code schema.lint.smallTable} rows are warnings.
 */
@Mojo(name = "lint", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class LintMojo extends AbstractScratchMojo {

    /** When the findings fail the build: {@code error}, {@code warning} (errors and warnings) or {@code none}. */
    @Parameter(property = "schema.lint.failOn", defaultValue = "error")
    private String failOn;

    /** A stats file (from schema.lint.exportStats) with each table's estimated rows, read instead of a database. */
    @Parameter(property = "schema.lint.stats")
    private File stats;

    /** Writes the configured database's table sizes to this file, for CI runs without access to it. */
    @Parameter(property = "schema.lint.exportStats")
    private File exportStats;

    /** Tables with fewer estimated rows than this get warnings instead of errors. */
    @Parameter(property = "schema.lint.smallTable", defaultValue = "10000")
    private long smallTable;

    /**
     * Applies each pending revision (after the configured database's current one, or all without a
     * database) on a scratch database and reports the locks each changeset really took and the tables
     * it rewrote; static findings the measurement contradicts are marked.
     */
    @Parameter(property = "schema.lint.trace", defaultValue = "false")
    private boolean trace;

    /**
     * Whether the revisions are applied through {@code schema:upgrade}, whose guard sets a
     * {@code lock_timeout} on every changeset. False when they are applied another way (the output of
     * {@code schema:sql} run with psql): then a locking statement without a {@code lock_timeout} of its
     * own is reported ({@code no-lock-timeout}).
     */
    @Parameter(property = "schema.lint.guarded", defaultValue = "true")
    private boolean guarded;

    /**
     * The service's own mappers, read beside schema-lib's for {@code mapper-uses-dropped}, as
     * schema:check-mappers takes them: packages of mapper interfaces or patterns of mapper XML files
     * under the build's output directory. Compile first.
     */
    @Parameter(property = "schema.mappers")
    private String mappers;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        FailOn threshold = FailOn.of(failOn);
        LintReport report;
        try (ServiceMappers service = ServiceMappers.of(session, mappers)) {
            report = SchemaLint.lint(changelogSource(), service.sources(),
                    new LintOptions(tableStats(), smallTable, guarded));
        }
        if (trace) {
            String from = databaseConfigured()
                    ? withMigrationsReturning(migrations -> migrations.status().currentOrBase()) : SchemaMigrations.BASE;
            List<TracedChangeSet> traced = withScratchDatabase(scratch -> LintTrace.trace(changelogSource(), scratch, from));
            traced.forEach(t -> getLog().info(t.line()));
            report = report.withTrace(traced);
        }
        for (Finding finding : report.findings()) {
            switch (finding.severity()) {
                case ERROR -> getLog().error(finding.line());
                case WARNING -> getLog().warn(finding.line());
                default -> getLog().info(finding.line());
            }
        }
        getLog().info("Lint: " + report.summary());
        if (report.fails(threshold)) {
            throw new MojoFailureException("schema:lint failed (schema.lint.failOn=" + failOn.strip() + "): "
                    + report.summary() + " Apply the safe recipes, or allow a rule in its changeset with"
                    + " -- lint:allow <rule-id> <reason>.");
        }
    }

    private TableStats tableStats() throws MojoExecutionException, MojoFailureException {
        if (exportStats == null && stats != null) {
            TableStats read = TableStats.readFile(stats.toPath());
            getLog().info("Table sizes: " + read.size() + " tables from " + stats + ".");
            return read;
        }
        if (exportStats == null && !databaseConfigured()) {
            getLog().info("Table sizes unknown (no database configured, no schema.lint.stats): every finding is"
                    + " an error.");
            return TableStats.none();
        }
        try (DatabaseHandle database = openDatabase();
             Connection connection = DatabaseConnections.open(database.dataSource())) {
            TableStats live = TableStats.read(connection);
            if (exportStats != null) {
                live.writeFile(exportStats.toPath());
                getLog().info("Wrote the sizes of " + live.size() + " tables to " + exportStats + ".");
            }
            return stats != null ? TableStats.readFile(stats.toPath()) : live;
        } catch (SQLException e) {
            throw new MojoExecutionException("Could not close the connection: " + e.getMessage(), e);
        }
    }
}
