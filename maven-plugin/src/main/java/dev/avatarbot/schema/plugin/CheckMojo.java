package dev.avatarbot.schema.plugin;

import java.util.List;

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
            List<String> pending = migrations.pendingRevisions();
            getLog().info("Server:   PostgreSQL " + server.version());
            getLog().info("Database: " + server.database() + " as " + server.user());
            getLog().info("Current:  " + migrations.currentRevision().orElse("base (no revision applied)"));
            getLog().info("Pending:  " + (pending.isEmpty() ? "none" : String.join(", ", pending)));
            List<String> unknown = migrations.unknownApplied();
            if (!unknown.isEmpty()) {
                getLog().warn("Applied but unknown to this schema-lib (the database is ahead): " + String.join(", ", unknown));
            }
            migrations.lockHolder().ifPresent(holder -> getLog().warn("Liquibase's lock is held by " + holder.describe()
                    + "; if no upgrade is running, run schema:release-locks."));
            publishCurrentRevision(migrations);
            if (failOnPending && !pending.isEmpty()) {
                throw new MojoFailureException(pending.size() + " revision(s) pending (" + String.join(", ", pending)
                        + "): run schema:upgrade before this step.");
            }
        });
    }
}
