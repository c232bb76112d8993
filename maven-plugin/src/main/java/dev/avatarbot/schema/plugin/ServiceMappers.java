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

import dev.avatarbot.schema.mappercheck.MapperSources;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * schema-lib's mappers and the service's ({@code schema.mappers}), loaded from the project's compile
 * class path (every project's in the reactor when run from a multi-module root): what check-mappers
 * runs and lint reads. Closing it closes the class loader of the project's classes.
 */
final class ServiceMappers implements AutoCloseable {

    private final URLClassLoader loader;
    private final MapperSources sources;

    private ServiceMappers(URLClassLoader loader, MapperSources sources) {
        this.loader = loader;
        this.sources = sources;
    }

    /** @param mappers the comma-separated schema.mappers entries, or null for schema-lib's mappers only */
    static ServiceMappers of(MavenSession session, String mappers) throws MojoExecutionException {
        List<String> entries = mappers == null ? List.of()
                : Arrays.stream(mappers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<Path> outputDirectories = new ArrayList<>();
        URLClassLoader loader = new URLClassLoader(classpath(session, outputDirectories),
                ServiceMappers.class.getClassLoader());
        return new ServiceMappers(loader, MapperSources.with(entries, loader, outputDirectories));
    }

    MapperSources sources() {
        return sources;
    }

    @Override
    public void close() throws MojoExecutionException {
        try {
            loader.close();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the class loader of the project's classes: " + e.getMessage(), e);
        }
    }

    /** The compile class path of the projects, their output directories collected into {@code outputDirectories}. */
    private static URL[] classpath(MavenSession session, List<Path> outputDirectories) throws MojoExecutionException {
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
