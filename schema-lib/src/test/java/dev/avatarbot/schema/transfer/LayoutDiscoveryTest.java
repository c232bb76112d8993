package dev.avatarbot.schema.transfer;

import static dev.avatarbot.schema.testing.TestPostgres.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.Map;

import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The target's layout is read from the one catalog model: an enum column casts to its enum, a
 * {@code varchar(n)} column to {@code character varying} without its length (an explicit cast to
 * {@code varchar(n)} would cut a longer value short, where the column's own assignment refuses it).
 */
class LayoutDiscoveryTest {

    @TempDir
    Path rejects;

    private final TransferDatabases databases = new TransferDatabases();

    @AfterEach
    void dropDatabases() {
        databases.dropAll();
    }

    @Test
    void anEnumColumnCastsToItsEnumAndAVarcharToItsTypeWithoutTheLength() throws Exception {
        PGSimpleDataSource old = databases.oldDatabase(2);
        PGSimpleDataSource target = databases.targetAtHead();
        execute(target, """
                CREATE TYPE "Avatar Status" AS ENUM ('draft', 'ready');
                ALTER TABLE avatars ALTER COLUMN status TYPE "Avatar Status" USING status::"Avatar Status",
                    ALTER COLUMN name TYPE varchar(8)""");
        try (Connection src = old.getConnection(); Connection dst = target.getConnection()) {
            TableLayout layout = LayoutDiscovery.describe(src, dst, TransferTable.AVATARS, Map.of(),
                    OffsetDateTime.now());

            assertThat(layout.column("status").typed("s")).isEqualTo("CAST(s.\"status\" AS \"Avatar Status\")");
            assertThat(layout.column("name").typed("s")).isEqualTo("CAST(s.\"name\" AS character varying)");
            assertThat(layout.column("created_at").type()).isEqualTo("timestamp with time zone");
            assertThat(layout.column("id").type()).isEqualTo("uuid");
            assertThat(layout.column("avatar_data").typed("s"))
                    .isEqualTo("COALESCE(CAST(s.\"avatar_data\" AS jsonb), '{}'::jsonb)");
        }
    }

    @Test
    void aTransferIntoAnEnumColumnLoadsItsLabels() {
        PGSimpleDataSource old = databases.oldDatabase(10);
        PGSimpleDataSource target = databases.targetAtHead();
        execute(target, """
                CREATE TYPE "Avatar Status" AS ENUM ('draft', 'ready');
                ALTER TABLE avatars ALTER COLUMN status TYPE "Avatar Status" USING CAST(status AS "Avatar Status")""");

        TransferReport report = transfer(old, target);

        assertThat(report.rejected()).isZero();
        assertThat(TestPostgres.query(target, "SELECT string_agg(status::text || ' ' || n, ',' ORDER BY status)"
                + " FROM (SELECT status, count(*) n FROM avatars GROUP BY status) s")).isEqualTo("draft 5,ready 15");
    }

    @Test
    void aValueTooLongForAVarcharIsNeverCutShort() {
        PGSimpleDataSource old = databases.oldDatabase(10);
        PGSimpleDataSource target = databases.targetAtHead();
        execute(target, "ALTER TABLE avatars ALTER COLUMN name TYPE varchar(8)");

        // 'Avatar 1' to 'Avatar 9' fit; 'Avatar 10' to 'Avatar 20' do not, and the target's column refuses them.
        assertThatThrownBy(() -> transfer(old, target)).hasMessageContaining("value too long for type character varying(8)");
        assertThat(TestPostgres.query(target, "SELECT count(*) FROM avatars WHERE name NOT IN"
                + " (SELECT 'Avatar ' || g FROM generate_series(1, 9) g)")).isEqualTo("0");
        assertThat(TestPostgres.query(target, "SELECT count(*) - count(DISTINCT name) FROM avatars")).isEqualTo("0");
    }

    private TransferReport transfer(PGSimpleDataSource old, PGSimpleDataSource target) {
        return new DataTransfer(old, target, TransferOptions.defaults(rejects).withBatchSize(7), TransferListener.NONE)
                .run();
    }
}
