package dev.avatarbot.schema.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import dev.avatarbot.schema.compat.CompatCheck;
import dev.avatarbot.schema.compat.CompatReport;
import dev.avatarbot.schema.mappercheck.MapperSources;
import dev.avatarbot.schema.migration.ChangelogSource;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.version.Version;

/**
 * The rolling-deploy matrix between the previous schema-lib release and this one: the previous
 * release's mappers on the new schema (old app, new DB) and this release's mappers on the previous
 * schema (new app, old DB), each failing statement named, with the expand/contract step it needs.
 * The previous release is resolved from the Maven repositories.
 */
@Mojo(name = "compat", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class CompatMojo extends AbstractScratchMojo {

    private static final String GROUP = "dev.avatarbot";
    private static final String ARTIFACT = "schema-lib";

    /**
     * The schema-lib version to compare with; by default the newest release below this plugin's
     * schema-lib that the repositories hold.
     */
    @Parameter(property = "schema.previous")
    private String previous;

    /**
     * When the build fails: {@code old-app-new-db} (the previous release's mappers must work on the
     * new schema), {@code both} (also this release's mappers on the previous schema) or {@code none}.
     */
    @Parameter(property = "schema.compat.require", defaultValue = "old-app-new-db")
    private String require;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        CompatCheck.Require requirement = CompatCheck.Require.parse(require);
        String current = currentVersion();
        String previousVersion = previous != null && !previous.isBlank() ? previous.strip() : newestBelow(current);
        Path jar = resolve(previousVersion);
        getLog().info("Compatibility of schema-lib " + current + " (" + changelogSource().describe() + ") with "
                + previousVersion + " (" + jar + ")");
        try (URLClassLoader previousResources = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            CompatCheck.Release old = new CompatCheck.Release(previousVersion,
                    ChangelogSource.jar(previousResources, "schema-lib " + previousVersion), MapperSources.schemaLibJar(jar));
            CompatCheck.Release now = new CompatCheck.Release(current, changelogSource(), MapperSources.schemaLib());
            CompatReport report = withScratchDatabase(scratch -> CompatCheck.run(scratch, old, now));
            report.lines().forEach(getLog()::info);
            if (requirement.failedBy(report)) {
                throw new MojoFailureException("A rolling deploy from schema-lib " + previousVersion + " to " + current
                        + " breaks mapped statements (schema.compat.require=" + require.strip() + "); see the matrix"
                        + " above:\n  " + String.join("\n  ", report.details()));
            }
            getLog().info(requirement == CompatCheck.Require.NONE ? "Reported only (schema.compat.require=none)."
                    : "Rolling deploy from " + previousVersion + " to " + current + " passes " + require.strip() + ".");
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /** The version of the schema-lib this plugin runs with (a plugin dependency may pin another). */
    private String currentVersion() throws MojoExecutionException {
        Artifact schemaLib = plugin.getArtifactMap().get(GROUP + ":" + ARTIFACT);
        if (schemaLib == null) {
            throw new MojoExecutionException("The plugin runs without " + GROUP + ":" + ARTIFACT + ".");
        }
        return schemaLib.getVersion();
    }

    private List<RemoteRepository> repositories() {
        return session.getCurrentProject() == null ? List.of() : session.getCurrentProject().getRemoteProjectRepositories();
    }

    private String newestBelow(String current) throws MojoFailureException, MojoExecutionException {
        VersionRangeRequest request = new VersionRangeRequest(
                new DefaultArtifact(GROUP, ARTIFACT, "jar", "[0," + current + ")"), repositories(), null);
        try {
            List<Version> versions = repositorySystem.resolveVersionRange(session.getRepositorySession(), request)
                    .getVersions();
            for (int i = versions.size() - 1; i >= 0; i--) {
                if (!versions.get(i).toString().endsWith("-SNAPSHOT")) {
                    return versions.get(i).toString();
                }
            }
        } catch (VersionRangeResolutionException e) {
            throw new MojoExecutionException("Cannot list the schema-lib versions: " + e.getMessage(), e);
        }
        throw new MojoFailureException("The repositories hold no schema-lib release below " + current
                + ": name the previous one with -Dschema.previous=<version>.");
    }

    private Path resolve(String version) throws MojoFailureException {
        ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(GROUP, ARTIFACT, "jar", version),
                repositories(), null);
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(), request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException("schema-lib " + version + " is not in the repositories (" + e.getMessage()
                    + "): check -Dschema.previous.");
        }
    }
}
