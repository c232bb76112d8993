package dev.avatarbot.schema.plugin.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
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

    /**
     * The set-up of every case: the changelog sources copied, {@code it_<folder>} at head and then
     * changed by hand with {@code sql} (none: unchanged), and a {@code .env} naming it.
     */
    public static String developerDatabase(Object adminUrl, Object repositoryRoot, File basedir, String sql)
            throws IOException, SQLException {
        ItDatabase.copyChangelogSources(repositoryRoot, basedir);
        String url = ItDatabase.create(adminUrl, basedir);
        migrations(url, basedir).upgrade();
        if (sql != null) {
            ItDatabase.execute(url, sql);
        }
        ItDatabase.writeFile(basedir, ".env", "DB_URL=" + url + "\n");
        return url;
    }

    /**
     * What every case checks of the written revision, which it returns: the goal said so, the tag
     * is last, every changeset but the tag has a rollback.
     */
    public static String checkedRevision(File basedir) throws IOException {
        String log = Files.readString(basedir.toPath().resolve("build.log"), StandardCharsets.UTF_8);
        check(Pattern.compile("Created revision \\d{8}_[a-z_]+ from \\d+ difference\\(s\\) with the newest revision: ")
                .matcher(log).find(), "the goal names the revision it wrote");
        String revision = writtenRevision(basedir);
        check(Pattern.compile("(?s)<tagDatabase tag=\"[^\"]+\"/>\\s*</changeSet>\\s*</databaseChangeLog>\\s*$")
                .matcher(revision).find(), "the tag is last");
        check(count(revision, "<changeSet ") - 1 == count(revision, "<rollback>") + count(revision, "<rollback/>"),
                "every changeset but the tag has a rollback");
        return revision;
    }

    /** The written revision applied to {@code fresh} (at head) gives the developer's catalog. */
    public static void assertApplyGivesDevelopersCatalog(String fresh, Object adminUrl, File basedir) throws SQLException {
        migrations(fresh, basedir).upgrade();
        String developer = ItDatabase.urlOf(adminUrl, "it_" + basedir.getName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        check(ItDatabase.catalog(fresh).equals(ItDatabase.catalog(developer)),
                "applied, the revision gives the developer's catalog: " + ItDatabase.catalog(fresh));
    }

    /** Downgrading {@code fresh} to head gives head's catalog again. */
    public static void assertDowngradeGivesHead(String fresh, Object adminUrl, File basedir) throws SQLException {
        migrations(fresh, basedir).downgradeTo(HEAD);
        check(ItDatabase.catalog(fresh).equals(headCatalog(adminUrl, basedir)), "downgraded, the database is at head again");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
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
     * Creates {@code it_<folder>_fresh} at head and returns its URL, for
     * {@link #assertApplyGivesDevelopersCatalog} and {@link #assertDowngradeGivesHead}.
     */
    public static String freshAtHead(Object adminUrl, File basedir) throws SQLException {
        String url = ItDatabase.urlOf(adminUrl, createNamed(adminUrl, basedir, "_fresh"));
        migrations(url, basedir).upgradeTo(HEAD);
        return url;
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
