package dev.avatarbot.schema.transfer;

import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/** The databases a transfer test makes (an old one, targets), each new, all dropped by {@link #dropAll()}. */
final class TransferDatabases {

    private final List<PGSimpleDataSource> databases = new ArrayList<>();

    PGSimpleDataSource database() {
        PGSimpleDataSource dataSource = TestPostgres.createDatabase();
        databases.add(dataSource);
        return dataSource;
    }

    /** The old bot database with {@code users} generated users (see {@link OldDatabase}). */
    PGSimpleDataSource oldDatabase(int users) {
        PGSimpleDataSource old = database();
        OldDatabase.createTables(old);
        OldDatabase.fill(old, users);
        return old;
    }

    /** A new database copied from {@code template} (a target at head, say: cheaper than running the changelog again). */
    PGSimpleDataSource copyOf(PGSimpleDataSource template) {
        PGSimpleDataSource dataSource = TestPostgres.copyDatabase(template);
        databases.add(dataSource);
        return dataSource;
    }

    PGSimpleDataSource targetAtHead() {
        PGSimpleDataSource target = database();
        new SchemaMigrations(target).upgrade();
        return target;
    }

    /** Drops one database before the others (a test that makes many large ones). */
    void drop(PGSimpleDataSource database) {
        TestPostgres.dropDatabase(database);
        databases.remove(database);
    }

    void dropAll() {
        databases.forEach(TestPostgres::dropDatabase);
        databases.clear();
    }
}
