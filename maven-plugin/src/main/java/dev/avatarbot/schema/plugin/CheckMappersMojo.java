package dev.avatarbot.schema.plugin;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.avatarbot.schema.mappercheck.MapperCheck;
import dev.avatarbot.schema.mappercheck.MapperReport;
import dev.avatarbot.schema.mappercheck.MapperSources;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Proves the mappers against the schema: on a scratch database at the newest revision, every
 * mapped statement of schema-lib and of the service ({@code schema.mappers}, read from its build
 * output) is run in each branch of its dynamic SQL, in a transaction that is rolled back, and its
 * result columns are compared with its mapping. Fails naming the statement, the branch and the cause.
 */
@Mojo(name = "check-mappers", aggregator = true, requiresProject = false, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMappersMojo extends AbstractScratchMojo {

    /**
     * The service's own mappers, checked beside schema-lib's, comma-separated: packages of mapper
     * interfaces ({@code com.acme.mapper}, with their XML beside them) or patterns of mapper XML files
     * under the build's output directory ({@code com/acme/**}{@code /*Mapper.xml}). Compile first.
     */
    @Parameter(property = "schema.mappers")
    private String mappers;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<String> entries = mappers == null ? List.of()
                : Arrays.stream(mappers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<Path> outputDirectories = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(classpath(outputDirectories), getClass().getClassLoader())) {
            MapperSources sources = MapperSources.with(entries, loader, outputDirectories);
            MapperReport report = withScratchDatabase(database -> {
                String revision = new SchemaMigrations(database, changelogSource()).upgrade().to();
                getLog().info("Mappers on the schema at " + revision + " (" + changelogSource().describe() + ")");
                return new MapperCheck(database).run(sources);
            });
            getLog().info("Mappers: " + report.describeMappers());
            report.skipped().forEach(getLog()::warn);
            getLog().info(report.summary());
            report.orThrow();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the class loader of the project's classes: " + e.getMessage(), e);
        }
    }

    /**
     * The compile class path of the project (of every project in the reactor when run from a
     * multi-module root), its output directories collected into {@code outputDirectories}.
     */
    private URL[] classpath(List<Path> outputDirectories) throws MojoExecutionException {
        MavenProject current = session.getCurrentProject();
        List<MavenProject> projects = current != null && current.isExecutionRoot() && session.getProjects().size() > 1
                ? session.getProjects() : current == null ? List.of() : List.of(current);
        Set<String> elements = new LinkedHashSet<>();
        for (MavenProject project : projects) {
            if (project.getBuild() != null && project.getBuild().getOutputDirectory() != null) {
                outputDirectories.add(Path.of(project.getBuild().getOutputDirectory()));
            }
            try {
                elements.addAll(project.getCompileClasspathElements());
            } catch (DependencyResolutionRequiredException e) {
                throw new MojoExecutionException("The dependencies of " + project.getId() + " are not resolved: "
                        + e.getMessage(), e);
            }
        }
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Not a class path element: " + element, e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
