package dev.avatarbot.schema.plugin.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import dev.avatarbot.schema.authoring.RevisionAuthor;

/**
 * Fixture releases of schema-lib for the compat ITs: a copy of the build's schema-lib jar,
 * installed into the ITs' repository under another version, with a revision added and
 * {@code UserMapper.xml} edited. What a release of this project would have been.
 */
public final class ItSchemaLibRelease {

    private static final String CHANGELOG = "dev/avatarbot/schema/changelog/";
    private static final String USER_MAPPER = "dev/avatarbot/schema/mapper/UserMapper.xml";

    private ItSchemaLibRelease() {
    }

    /**
     * Installs {@code dev.avatarbot:schema-lib:<version>}: the build's jar, plus a revision
     * {@code message} whose change is {@code revisionSql} (none when null), with UserMapper.xml
     * passed through {@code userMapper}.
     */
    public static void install(Object itRepository, File workDirectory, String version, String message,
                               String revisionSql, UnaryOperator<String> userMapper) throws IOException {
        Path artifactDirectory = Path.of(itRepository.toString(), "dev/avatarbot/schema-lib");
        Path snapshot = snapshotDirectory(artifactDirectory);
        String snapshotVersion = snapshot.getFileName().toString();
        Path sourceJar = snapshot.resolve("schema-lib-" + snapshotVersion + ".jar");

        Path resources = workDirectory.toPath().resolve("release-" + version);
        Set<String> changelogFiles = new HashSet<>();
        try (ZipFile jar = new ZipFile(sourceJar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith(CHANGELOG) && !entry.isDirectory()) {
                    Path target = resources.resolve(entry.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        if (revisionSql != null) {
            Path file = new RevisionAuthor(resources).create(message, "it", LocalDate.of(2026, 11, 25)).file();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, text.replace("<empty/>", "<sql>" + revisionSql + "</sql>"), StandardCharsets.UTF_8);
        }
        try (Stream<Path> files = Files.walk(resources)) {
            files.filter(Files::isRegularFile).forEach(f -> changelogFiles.add(resources.relativize(f).toString().replace('\\', '/')));
        }

        Path versionDirectory = artifactDirectory.resolve(version);
        Files.createDirectories(versionDirectory);
        Path targetJar = versionDirectory.resolve("schema-lib-" + version + ".jar");
        try (ZipFile jar = new ZipFile(sourceJar.toFile());
             OutputStream out = Files.newOutputStream(targetJar);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (changelogFiles.contains(entry.getName())) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    if (entry.getName().equals(USER_MAPPER)) {
                        zip.write(userMapper.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                    } else {
                        in.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
            for (String name : changelogFiles) {
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(resources.resolve(name), zip);
                zip.closeEntry();
            }
        }
        String pom = Files.readString(snapshot.resolve("schema-lib-" + snapshotVersion + ".pom"), StandardCharsets.UTF_8);
        int own = pom.indexOf("<artifactId>schema-lib</artifactId>");
        pom = pom.substring(0, own) + "<artifactId>schema-lib</artifactId>\n  <version>" + version + "</version>"
                + pom.substring(own + "<artifactId>schema-lib</artifactId>".length());
        Files.writeString(versionDirectory.resolve("schema-lib-" + version + ".pom"), pom, StandardCharsets.UTF_8);
        writeMetadata(artifactDirectory);
    }

    /** The UserMapper.xml of a release in which users.username is called {@code column}. */
    public static String renameUsername(String xml, String column) {
        return xml.replaceAll("(?<!#\\{)(?<!property=\")\\busername\\b", column);
    }

    /** The UserMapper.xml of a release whose statements no longer use users.username. */
    public static String withoutUsername(String xml) {
        return xml.replaceAll("(?m)^\\s*<result property=\"username\" column=\"username\"/>\\n", "")
                .replace("last_name, username, language_code", "last_name, language_code")
                .replace("#{lastName}, #{username}, ", "#{lastName}, ")
                .replaceAll("(?m)^\\s*username = [^\\n]*\\n", "");
    }

    private static Path snapshotDirectory(Path artifactDirectory) throws IOException {
        try (Stream<Path> versions = Files.list(artifactDirectory)) {
            return versions.filter(p -> p.getFileName().toString().endsWith("-SNAPSHOT")).findFirst()
                    .orElseThrow(() -> new IOException("No schema-lib snapshot in " + artifactDirectory));
        }
    }

    /** The artifact's maven-metadata-local.xml listing every version directory, as an install leaves it. */
    private static synchronized void writeMetadata(Path artifactDirectory) throws IOException {
        List<String> versions = new ArrayList<>();
        try (Stream<Path> children = Files.list(artifactDirectory)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(versions::add);
        }
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata>
                  <groupId>dev.avatarbot</groupId>
                  <artifactId>schema-lib</artifactId>
                  <versioning>
                    <versions>
                """);
        for (String version : versions) {
            xml.append("      <version>").append(version).append("</version>\n");
        }
        xml.append("""
                    </versions>
                    <lastUpdated>20261125000000</lastUpdated>
                  </versioning>
                </metadata>
                """);
        Files.writeString(artifactDirectory.resolve("maven-metadata-local.xml"), xml.toString(), StandardCharsets.UTF_8);
    }
}
