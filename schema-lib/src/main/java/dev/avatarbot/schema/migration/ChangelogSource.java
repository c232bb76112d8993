package dev.avatarbot.schema.migration;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.avatarbot.schema.core.SchemaException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * Where the changelogs are read from: the schema-lib jar on the classpath (what services and the
 * plugin use), or a resources directory holding the same tree (schema-lib's own sources, so that
 * a freshly created revision applies without an install). Both resolve the master changelog at
 * the same path, and each revision file pins its {@code logicalFilePath}, so the database cannot
 * tell them apart.
 */
public final class ChangelogSource {

    /** Path of the master changelog inside the jar or the resources directory. */
    public static final String MASTER_CHANGELOG = "dev/avatarbot/schema/changelog/master.xml";

    /** Folder of the revision files, relative to the same root. */
    public static final String REVISIONS_DIRECTORY = "dev/avatarbot/schema/changelog/revisions";

    private final Path directory;
    private final ClassLoader classLoader;
    private final String label;

    private ChangelogSource(Path directory, ClassLoader classLoader) {
        this(directory, classLoader, null);
    }

    private ChangelogSource(Path directory, ClassLoader classLoader, String label) {
        this.directory = directory;
        this.classLoader = classLoader;
        this.label = label;
    }

    /**
     * The changelogs packed in another schema-lib jar (a previous release, for the compatibility
     * check), read through {@code classLoader}, which should see that jar's resources first.
     */
    public static ChangelogSource jar(ClassLoader classLoader, String label) {
        if (classLoader.getResource(MASTER_CHANGELOG) == null) {
            throw new SchemaException.UserError(label + " has no " + MASTER_CHANGELOG + ": it is not a schema-lib jar.");
        }
        return new ChangelogSource(null, classLoader, label);
    }

    /** The changelogs packed in the schema-lib jar. */
    public static ChangelogSource classpath() {
        return new ChangelogSource(null, ChangelogSource.class.getClassLoader());
    }

    /**
     * The changelogs under a resources root such as {@code schema-lib/src/main/resources}.
     *
     * @throws SchemaException.UserError when the root has no master changelog
     */
    public static ChangelogSource directory(Path resourcesRoot) {
        Path root = resourcesRoot.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve(MASTER_CHANGELOG))) {
            throw new SchemaException.UserError("No changelog at " + root.resolve(MASTER_CHANGELOG)
                    + ": point the changelog directory at schema-lib's src/main/resources.");
        }
        return new ChangelogSource(root, ChangelogSource.class.getClassLoader());
    }

    /**
     * The changelogs a build should apply: an explicitly configured resources directory; else, when
     * Maven runs inside this repository, schema-lib's own sources (so a revision just created
     * applies without an install); else the schema-lib jar.
     */
    public static ChangelogSource forBuild(Path configuredDirectory, Path executionRoot) {
        if (configuredDirectory != null) {
            return directory(configuredDirectory);
        }
        Path sources = repositorySources(executionRoot);
        return Files.isRegularFile(sources.resolve(MASTER_CHANGELOG)) ? directory(sources) : classpath();
    }

    /** Where schema-lib's changelog sources sit when {@code executionRoot} is this repository's root. */
    public static Path repositorySources(Path executionRoot) {
        return executionRoot.resolve("schema-lib/src/main/resources");
    }

    /** The resources root when reading from a directory, for tools that write revisions. */
    public Optional<Path> resourcesRoot() {
        return Optional.ofNullable(directory);
    }

    ResourceAccessor resourceAccessor() {
        if (directory == null) {
            return new ClassLoaderResourceAccessor(classLoader);
        }
        try {
            return new DirectoryResourceAccessor(directory);
        } catch (FileNotFoundException e) {
            throw new SchemaException.UserError("Changelog directory " + directory + " is gone.", e);
        }
    }

    /** A line for reports: which changelogs a goal applied. */
    public String describe() {
        if (label != null) {
            return label;
        }
        if (directory != null) {
            return "changelog sources in " + directory;
        }
        String version = ChangelogSource.class.getPackage().getImplementationVersion();
        return "schema-lib jar" + (version == null ? "" : " " + version) + " on the classpath";
    }

    @Override
    public String toString() {
        return describe();
    }
}
