package dev.avatarbot.schema.mappercheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.mapper.SchemaSessions;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;

/**
 * Which mappers a check loads: schema-lib's own (through {@link SchemaSessions}, with its type
 * handlers) or another schema-lib release's ({@link #schemaLibJar}), plus a service's, each entry either a package of mapper interfaces
 * ({@code com.acme.report}, their XML beside them by MyBatis's naming) or a pattern of mapper XML
 * files under the service's class path directories ({@code com/acme/**}{@code /*Mapper.xml}).
 */
public final class MapperSources {

    /** Where a schema-lib jar keeps its mapper XML. */
    static final String SCHEMA_LIB_MAPPERS = "dev/avatarbot/schema/mapper/*.xml";

    private final boolean ownMappers;
    private final List<String> entries;
    private final ClassLoader classLoader;
    private final List<Path> classpathDirectories;

    private MapperSources(boolean ownMappers, List<String> entries, ClassLoader classLoader,
                          List<Path> classpathDirectories) {
        this.ownMappers = ownMappers;
        this.entries = List.copyOf(entries);
        this.classLoader = classLoader;
        this.classpathDirectories = List.copyOf(classpathDirectories);
    }

    /** schema-lib's five mappers only. */
    public static MapperSources schemaLib() {
        return new MapperSources(true, List.of(), MapperSources.class.getClassLoader(), List.of());
    }

    /**
     * The mappers of another schema-lib jar (a previous release) instead of this one's: its mapper
     * XML, and its interfaces and domain types loaded from that jar ahead of this one's.
     */
    public static MapperSources schemaLibJar(Path jar) {
        try {
            ClassLoader loader = new ChildFirstClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                    MapperSources.class.getClassLoader());
            return new MapperSources(false, List.of(SCHEMA_LIB_MAPPERS), loader, List.of(jar));
        } catch (java.net.MalformedURLException e) {
            throw new SchemaException("Not a jar path: " + jar, e);
        }
    }

    /**
     * schema-lib's mappers and a service's: {@code entries} are packages or XML patterns,
     * {@code classLoader} sees the service's classes, {@code classpathDirectories} are where the
     * patterns are matched (a build's output directory).
     */
    public static MapperSources with(List<String> entries, ClassLoader classLoader, List<Path> classpathDirectories) {
        List<String> cleaned = new ArrayList<>();
        for (String entry : entries) {
            if (entry != null && !entry.isBlank()) {
                cleaned.add(entry.strip());
            }
        }
        return new MapperSources(true, cleaned, classLoader, classpathDirectories);
    }

    /** The entries as given, for reports. */
    public List<String> entries() {
        return entries;
    }

    /**
     * A MyBatis configuration with every mapper loaded.
     *
     * @throws SchemaException.UserError when an entry matches no mapper or a mapper does not parse
     */
    Configuration load(DataSource dataSource) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // MyBatis finds mapper packages, XML files and the types they name through the context class loader.
        thread.setContextClassLoader(classLoader);
        try {
            Configuration configuration = ownMappers ? SchemaSessions.configuration(dataSource)
                    : SchemaSessions.typeHandlersOnly(dataSource);
            for (String entry : entries) {
                int before = configuration.getMappedStatementNames().size();
                if (isPattern(entry)) {
                    loadXml(configuration, entry);
                } else {
                    configuration.addMappers(entry);
                }
                if (configuration.getMappedStatementNames().size() == before) {
                    throw new SchemaException.UserError("The mapper entry '" + entry + "' matched no mapped statement: "
                            + "give a package of mapper interfaces (com.acme.mapper) or a pattern of mapper XML"
                            + " files (com/acme/**/*Mapper.xml) under " + describeDirectories() + ".");
                }
            }
            return configuration;
        } catch (SchemaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SchemaException.UserError("The mappers do not load: " + rootMessage(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean isPattern(String entry) {
        return entry.contains("/") || entry.contains("*") || entry.endsWith(".xml");
    }

    private void loadXml(Configuration configuration, String pattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        for (Path directory : classpathDirectories) {
            if (Files.isRegularFile(directory)) {
                loadXmlFromJar(configuration, directory, matcher);
                continue;
            }
            if (!Files.isDirectory(directory)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(directory)) {
                files = walk.filter(Files::isRegularFile).filter(file -> matcher.matches(directory.relativize(file)))
                        .sorted().toList();
            } catch (IOException e) {
                throw new SchemaException("Cannot list " + directory + ": " + e.getMessage(), e);
            }
            for (Path file : files) {
                String resource = directory.relativize(file).toString().replace('\\', '/');
                if (configuration.isResourceLoaded(resource)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    new XMLMapperBuilder(in, configuration, resource, configuration.getSqlFragments()).parse();
                } catch (IOException e) {
                    throw new SchemaException("Cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void loadXmlFromJar(Configuration configuration, Path jar, PathMatcher matcher) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            List<? extends java.util.zip.ZipEntry> entries = zip.stream()
                    .filter(entry -> !entry.isDirectory() && matcher.matches(Path.of(entry.getName())))
                    .sorted(java.util.Comparator.comparing(java.util.zip.ZipEntry::getName)).toList();
            for (java.util.zip.ZipEntry entry : entries) {
                if (configuration.isResourceLoaded(entry.getName())) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    new XMLMapperBuilder(in, configuration, entry.getName(), configuration.getSqlFragments()).parse();
                }
            }
        } catch (IOException e) {
            throw new SchemaException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    private String describeDirectories() {
        return classpathDirectories.isEmpty() ? "the class path"
                : String.join(", ", classpathDirectories.stream().map(Path::toString).toList());
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
            if (e.getMessage() != null) {
                message = e.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.strip().lines().findFirst().orElse("");
    }
}
