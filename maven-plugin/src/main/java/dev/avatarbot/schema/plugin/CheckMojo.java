package dev.avatarbot.schema.plugin;

import java.util.List;

import dev.avatarbot.schema.migration.SchemaStatus;
import dev.avatarbot.schema.migration.ServerInfo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Connects and reports the server, the database's revision and what is pending ({@code manage_db.py check}). */
@Mojo(name = "check", aggregator = true, requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractMigrationsMojo {

    /** Fail the build when any revision is pending (for release pipelines). */
    @Parameter(property = "schema.failOnPending", defaultValue = "false")
    private boolean failOnPending;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withMigrations((migrations, database) -> {
            ServerInfo server = ServerInfo.of(database.dataSource());
            SchemaStatus status = migrations.status();
            List<String> pending = status.pending();
            getLog().info("Server:   PostgreSQL " + server.version());
            getLog().info("Database: " + server.database() + " as " + server.user());
            getLog().info("Current:  " + status.current().orElse("base (no revision applied)"));
            getLog().info("Pending:  " + (pending.isEmpty() ? "none" : String.join(", ", pending)));
            warnAboutUnknown(status);
            status.liquibaseLock().ifPresent(holder -> getLog().warn("Liquibase's lock is held by " + holder.describe()
                    + "; if no upgrade is running, run schema:release-locks."));
            status.unfinishedTransfer().ifPresent(transfer -> getLog().warn("Transfer: " + transfer.describe() + ". "
                    + MavenHint.RERUN_MIGRATE_DATA));
            publishCurrentRevision(status.currentOrBase());
            if (failOnPending && !pending.isEmpty()) {
                throw new MojoFailureException(pending.size() + " revision(s) pending (" + String.join(", ", pending)
                        + "): run schema:upgrade before this step.");
            }
        });
    }
}
