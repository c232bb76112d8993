package dev.avatarbot.schema.plugin.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * For the schema:create -Dschema.diff ITs: the revision the goal wrote, and its round trip on a
 * fresh database at head (applied: the developer's catalog; downgraded: head's catalog again).
 */
public final class DiffRoundTrip {

    /** The revision the initial one is followed by in every IT. */
    public static final String HEAD = "20250520_initial";

    private DiffRoundTrip() {
    }

    /** The IT's changelog sources, as copied by {@link ItDatabase#copyChangelogSources}. */
    public static ChangelogSource changelog(File basedir) {
        return ChangelogSource.directory(basedir.toPath().resolve("schema-lib/src/main/resources"));
    }

    /** The revision files the goal wrote (every one but the initial revision). */
    public static List<Path> writtenRevisions(File basedir) throws IOException {
        Path revisions = basedir.toPath().resolve("schema-lib/src/main/resources").resolve(ChangelogSource.REVISIONS_DIRECTORY);
        try (Stream<Path> files = Files.list(revisions)) {
            return files.filter(f -> !f.getFileName().toString().equals(HEAD + ".xml")).sorted().toList();
        }
    }

    /** The one revision the goal wrote, as text. */
    public static String writtenRevision(File basedir) throws IOException {
        List<Path> written = writtenRevisions(basedir);
        if (written.size() != 1) {
            throw new AssertionError("expected one written revision, found " + written);
        }
        return Files.readString(written.get(0), StandardCharsets.UTF_8);
    }

    /**
     * Creates {@code it_<folder>_fresh} at head and returns its URL; {@link #apply} then brings it to
     * the written revision.
     */
    public static String freshAtHead(Object adminUrl, File basedir) throws SQLException {
        String url = ItDatabase.urlOf(adminUrl, createNamed(adminUrl, basedir, "_fresh"));
        migrations(url, basedir).upgradeTo(HEAD);
        return url;
    }

    public static void apply(String url, File basedir) {
        migrations(url, basedir).upgrade();
    }

    public static void downgradeToHead(String url, File basedir) {
        migrations(url, basedir).downgradeTo(HEAD);
    }

    /** The catalog lines of a database at head (built in {@code it_<folder>_head}). */
    public static List<String> headCatalog(Object adminUrl, File basedir) throws SQLException {
        String url = ItDatabase.urlOf(adminUrl, createNamed(adminUrl, basedir, "_head"));
        migrations(url, basedir).upgradeTo(HEAD);
        return ItDatabase.catalog(url);
    }

    private static SchemaMigrations migrations(String url, File basedir) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return new SchemaMigrations(dataSource, changelog(basedir));
    }

    private static String createNamed(Object adminUrl, File basedir, String suffix) throws SQLException {
        String database = "it_" + basedir.getName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + suffix;
        ItDatabase.execute(ItDatabase.adminUrl(adminUrl), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        ItDatabase.execute(ItDatabase.adminUrl(adminUrl), "CREATE DATABASE " + database);
        return database;
    }
}
