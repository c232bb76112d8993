package dev.avatarbot.schema.plugin;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.transfer.DataTransfer;
import dev.avatarbot.schema.transfer.SelectsFile;
import dev.avatarbot.schema.transfer.TableResult;
import dev.avatarbot.schema.transfer.TransferListener;
import dev.avatarbot.schema.transfer.TransferOptions;
import dev.avatarbot.schema.transfer.Timeline;
import dev.avatarbot.schema.transfer.TransferReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Moves the bot's data from the old database ({@code OLD_DB_*}) into the target ({@code DB_*}),
 * which must be at the newest revision ({@code migrate_data.py}). Rejected rows go to
 * {@code migrate-data-rejects/<table>.rejects.csv}, outside {@code target/} so that {@code mvn clean}
 * keeps them; the build fails when there are any, unless {@code schema.allowRejects} is set.
 */
@Mojo(name = "migrate-data", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class MigrateDataMojo extends AbstractGuardedMojo {

    /** Read and validate everything, write reject files and the summary, change nothing in the target. */
    @Parameter(property = "schema.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * The target is in service: every key and index stays up (the merge path) and the rows the
     * service writes are left alone. Without it, a target with other sessions connected is refused.
     */
    @Parameter(property = "schema.transfer.live", defaultValue = "false")
    private boolean live;

    /**
     * Print when each step began and ended, per table and per connection, from the JVM's start (Maven's
     * own start-up included) to the last connection closed: where the time goes, to set beside
     * {@code pg_restore -v}. Without it, the timeline is logged at debug ({@code -X}).
     */
    @Parameter(property = "schema.transfer.timeline", defaultValue = "false")
    private boolean timeline;

    /** Let the build pass although rows were rejected (they are still in the reject files). */
    @Parameter(property = "schema.allowRejects", defaultValue = "false")
    private boolean allowRejects;

    /** Rows per committed batch. */
    @Parameter(property = "schema.batchSize", defaultValue = "50000")
    private int batchSize;

    /** Connections that work at the same time (index builds); the machine's cores when not set. */
    @Parameter(property = "schema.jobs")
    private Integer jobs;

    /** A properties file with a SELECT per table for a source of another layout (see the manual's page Moving the data). */
    @Parameter(property = "schema.selectsFile")
    private File selectsFile;

    /**
     * Where the reject files go: {@code migrate-data-rejects} of the directory Maven runs from by
     * default. Only its owner may enter it (0700); an existing directory that others can enter is refused.
     */
    @Parameter(property = "schema.rejectDirectory")
    private File rejectDirectory;

    /** JDBC URL of the old database ({@code OLD_DB_URL}); used unless a stronger place sets its host or name. */
    @Parameter(property = "schema.source.url")
    private MaskedUrl sourceUrl;

    /** Host of the old database ({@code OLD_DB_HOST}; localhost when only its name is set). */
    @Parameter(property = "schema.source.host")
    private String sourceHost;

    /** Port of the old database ({@code OLD_DB_PORT}). */
    @Parameter(property = "schema.source.port", defaultValue = "5432")
    private String sourcePort;

    /** Name of the old database ({@code OLD_DB_NAME}). */
    @Parameter(property = "schema.source.name")
    private String sourceName;

    /** User that logs in to the old database ({@code OLD_DB_USER}). */
    @Parameter(property = "schema.source.user")
    private String sourceUser;

    /** Password of that user ({@code OLD_DB_PASSWORD}). */
    @Parameter(property = "schema.source.password")
    private Password sourcePassword;

    /**
     * The target's keys and the old database's: like the target's, the {@code schema.source.*}
     * parameters are only the {@code <configuration>} layer, a {@code -D} value is read first as the
     * strongest (see {@link AbstractConnectedMojo}).
     */
    @Override
    protected Map<String, String> configuredKeys() {
        Map<String, String> keys = super.configuredKeys();
        keys.putAll(configuredKeys(SettingsResolver.SOURCE, sourceUrl, sourceHost, sourcePort, sourceName, sourceUser,
                sourcePassword));
        return keys;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (batchSize < 1) {
            throw new MojoFailureException("schema.batchSize must be at least 1, not " + batchSize + ".");
        }
        if (jobs != null && jobs < 1) {
            throw new MojoFailureException("schema.jobs must be at least 1, not " + jobs + ".");
        }
        TransferOptions options = new TransferOptions(dryRun, batchSize,
                rejectDirectory != null ? rejectDirectory.toPath() : executionRoot().resolve("migrate-data-rejects"),
                selectsFile == null ? Map.of() : SelectsFile.read(selectsFile.toPath()), Duration.ofSeconds(5),
                jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), true, guard(), live);
        Instant goalStarted = Instant.now();
        Instant transferStarted;
        Instant transferEnded;
        TransferReport report;
        try (DatabaseHandle source = openDatabase(SettingsResolver.SOURCE); DatabaseHandle target = openDatabase()) {
            transferStarted = Instant.now();
            report = new DataTransfer(source.dataSource(), target.dataSource(), changelogSource(), options,
                    new LogListener()).run();
            transferEnded = Instant.now();
        }
        report.summaryLines().forEach(getLog()::info);
        logTimeline(report.timeline(), goalStarted, transferStarted, transferEnded);
        for (Path earlier : report.earlierRejectFiles()) {
            getLog().info("An earlier run's reject file is kept as " + earlier);
        }
        for (TableResult table : report.tables()) {
            if (table.rejectFile() != null) {
                getLog().warn(table.rejected() + " " + table.table() + " row(s) rejected: " + table.rejectFile());
            }
        }
        if (report.leftAlone() > 0) {
            getLog().info(report.leftAlone() + " row(s) the target's service wrote were left as they are.");
        }
        if (report.dryRun()) {
            getLog().info("Dry run: nothing was written to the target.");
        } else if (report.mismatches().isEmpty()) {
            getLog().info("Verified: row counts and contents of the transferred rows match for every table.");
        } else {
            throw new MojoFailureException("Verification failed, the target differs from the source: "
                    + String.join("; ", report.mismatches()) + ". Was the target empty before the transfer?");
        }
        if (report.rejected() > 0 && !allowRejects) {
            throw new MojoFailureException(report.rejected() + " row(s) could not be transferred; the reasons are in "
                    + options.rejectDirectory() + ". Fix them in the source and run again, or accept them with"
                    + " -Dschema.allowRejects=true.");
        }
    }

    private void logTimeline(Timeline steps, Instant goalStarted, Instant transferStarted, Instant transferEnded) {
        Instant jvmStarted = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        steps.add("Maven and plugin start-up (from the JVM's start)", jvmStarted, goalStarted);
        steps.add("the goal's settings, connection pools", goalStarted, transferStarted);
        steps.add("closing the connections", transferEnded, Instant.now());
        Consumer<CharSequence> log = timeline ? getLog()::info : getLog()::debug;
        log.accept("Timeline, in seconds from the JVM's start:");
        steps.lines().forEach(line -> log.accept("  " + line));
    }

    private final class LogListener implements TransferListener {
        @Override
        public void progress(String table, long done, long total, double rowsPerSecond, double secondsLeft) {
            getLog().info(String.format(Locale.ROOT, "%s: %,d of about %,d rows, %,.0f rows/s, about %.0f s left",
                    table, done, total, rowsPerSecond, secondsLeft));
        }

        @Override
        public void tableDone(TableResult result) {
            if (!result.defaultedColumns().isEmpty()) {
                getLog().info(result.table() + ": not in the source, so the target's defaults: "
                        + String.join(", ", result.defaultedColumns()));
            }
            if (!result.ignoredColumns().isEmpty()) {
                getLog().info(result.table() + ": not in the target, so ignored: " + String.join(", ", result.ignoredColumns()));
            }
            getLog().info(String.format(Locale.ROOT, "%s: %,d rows read, %,d inserted, %,d updated, %,d rejected",
                    result.table(), result.read(), result.inserted(), result.updated(), result.rejected()));
        }

        @Override
        public void note(String line) {
            getLog().info(line);
        }

        @Override
        public void restored(String table, String definition) {
            getLog().info(table + ": " + definition + " is back");
        }
    }
}
