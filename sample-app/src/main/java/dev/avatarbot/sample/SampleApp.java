package dev.avatarbot.sample;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.avatarbot.sample.report.AvatarReportMapper;
import dev.avatarbot.sample.report.AvatarReportRow;
import dev.avatarbot.schema.config.ConnectionSettings;
import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.config.EnvFile;
import dev.avatarbot.schema.config.SettingsLayer;
import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.mapper.SchemaSessions;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * A small service on the schema: a HikariCP pool, {@link SchemaMigrations#verifyCurrent()} before
 * anything else, then one conversation of the bot through the mappers ({@link BotFlow}).
 *
 * <p>The database comes from {@code DB_*} in the environment or {@code .env} (see .env.example);
 * with none configured it runs on the embedded PostgreSQL that the build upgraded, under
 * {@code target/schema-embedded} of the directory it runs from.
 */
public final class SampleApp {

    private SampleApp() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try (DatabaseHandle database = openDatabase(out);
             HikariDataSource pool = pool(database)) {
            start(pool, out);
        } catch (SchemaException.UserError e) {
            System.err.println("sample-app: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Refuses a database that is not at the schema's newest revision, then runs the bot's flow. */
    static void start(javax.sql.DataSource dataSource, PrintStream out) {
        SchemaStatus schema = new SchemaMigrations(dataSource).verifyCurrent();
        out.println("Schema is current: " + schema.currentOrBase());
        SqlSessionFactory sessions = SchemaSessions.sqlSessionFactory(dataSource);
        sessions.getConfiguration().addMapper(AvatarReportMapper.class); // the service's own mapper beside schema-lib's
        long userId = new BotFlow(sessions, out).run(5_123_456_789L);
        printReport(sessions, userId, out);
    }

    /** The service's own report query: each avatar with its photo count and first photo. */
    static void printReport(SqlSessionFactory sessions, long userId, PrintStream out) {
        try (SqlSession session = sessions.openSession()) {
            out.println();
            out.println("Report (the service's own mapper):");
            for (AvatarReportRow row : session.getMapper(AvatarReportMapper.class).avatarsOf(userId, null)) {
                out.printf("  %s  \"%s\"  %s  %d photos, first %s%n", row.getAvatarId(), row.getName(), row.getStatus(),
                        row.getPhotos(), row.getFirstPhotoKey());
            }
        }
    }

    private static DatabaseHandle openDatabase(PrintStream out) {
        SettingsResolver resolver = new SettingsResolver(List.of(
                SettingsLayer.fromEnvironment(System.getenv()),
                EnvFile.read(Path.of(".env"))));
        Optional<ConnectionSettings> configured = resolver.resolve(SettingsResolver.TARGET,
                ConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
        ConnectionSettings settings = configured.orElseGet(() -> {
            out.println("No database configured (DB_URL or DB_HOST/DB_NAME): using the embedded PostgreSQL"
                    + " in target/schema-embedded.");
            return new ConnectionSettings(ConnectionSettings.EMBEDDED, null, null, null, null, null,
                    ConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
        });
        DatabaseHandle database = DatabaseHandle.open(settings, Path.of("target", "schema-embedded"));
        out.println("Database: " + database.describe());
        return database;
    }

    private static HikariDataSource pool(DatabaseHandle database) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.dataSource());
        config.setMaximumPoolSize(4);
        config.setPoolName("sample-app");
        return new HikariDataSource(config);
    }
}
