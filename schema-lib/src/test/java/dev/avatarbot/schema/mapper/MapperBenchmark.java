package dev.avatarbot.schema.mapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.avatarbot.schema.domain.AvatarPhoto;
import dev.avatarbot.schema.domain.InsufficientCoinsException;
import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TestPostgres;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JMH: the mappers' hot paths against hand-written JDBC running the same SQL on the same HikariCP
 * pool, one autocommitted statement per call, a connection (MyBatis: a session) taken from the
 * pool per call on both sides. Commits do not wait for the WAL flush unless
 * {@code -Dbenchmark.synchronousCommit=on}. A hot path's two sides take turns within each fork,
 * iteration by iteration ({@link Side}); prints each side's throughput and the ratio mapper / JDBC
 * with its 95% interval over the forks (target: at least 0.9; see {@link #main}). Not a test: run it with
 * {@code mvn -B -q -pl schema-lib -Pbenchmark-mappers test-compile exec:exec} (see the manual's Benchmarks page). Uses the
 * server of AVATARDB_TEST_URL, or the embedded one; creates a database of its own and drops it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MapperBenchmark {

    /** The forks find the database the main method prepared here. */
    private static final String URL_PROPERTY = "mapperbench.url";
    private static final String SYNCHRONOUS_COMMIT_PROPERTY = "benchmark.synchronousCommit";
    /** Whether a fork's first iteration (warm-up or not) runs the mapper side. */
    private static final String MAPPER_FIRST_PROPERTY = "mapperbench.mapperFirst";

    private static final int USERS = 1024;
    private static final long FIRST_TELEGRAM_ID = 7_000_000_000L;
    private static final int PHOTOS = 10;
    private static final long RICH_TELEGRAM_ID = FIRST_TELEGRAM_ID - 1;
    private static final long POOR_TELEGRAM_ID = FIRST_TELEGRAM_ID - 2;

    // The SQL the mappers run (UserMapper.xml, UserBalanceMapper.xml, AvatarPhotoMapper.xml), by hand.
    private static final String UPSERT = """
            INSERT INTO users (telegram_id, first_name, last_name, username, language_code, is_premium)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (telegram_id) DO UPDATE SET
                first_name = EXCLUDED.first_name,
                last_name = EXCLUDED.last_name,
                username = EXCLUDED.username,
                language_code = EXCLUDED.language_code,
                is_premium = EXCLUDED.is_premium""";
    private static final String[] UPSERT_KEYS = {"id", "created_at", "updated_at"};
    private static final String CREDIT = """
            INSERT INTO user_balances AS b (user_id, coins) VALUES (?, ?)
            ON CONFLICT (user_id) DO UPDATE SET coins = b.coins + EXCLUDED.coins""";
    private static final String DEBIT = """
            WITH debited AS (
                UPDATE user_balances SET coins = coins - ?
                WHERE user_id = ? AND coins >= ? AND ?
                RETURNING coins
            )
            SELECT true AS debited, coins FROM debited
            UNION ALL
            SELECT false AS debited, coins FROM user_balances
            WHERE user_id = ? AND NOT EXISTS (SELECT FROM debited)""";
    private static final String PHOTOS_IN_ORDER = """
            SELECT id, avatar_id, minio_key, "order", created_at, updated_at FROM avatar_photos
            WHERE avatar_id = ?
            ORDER BY "order", id""";

    /** One pool and one session factory over it, per fork; the rows every call works on. */
    @State(Scope.Benchmark)
    public static class Fixture {

        HikariDataSource pool;
        SqlSessionFactory sessions;
        long[] userIds = new long[USERS];
        long richUserId;
        long poorUserId;
        UUID avatarId;
        private int next;

        @Setup
        public void open() throws SQLException {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(System.getProperty(URL_PROPERTY));
            config.setMaximumPoolSize(2);
            // Both sides wait for the same WAL flush per commit; off by default, so that a shared
            // machine's disk does not drown the difference the mappers make.
            config.setConnectionInitSql("SET synchronous_commit = "
                    + ("on".equals(System.getProperty(SYNCHRONOUS_COMMIT_PROPERTY)) ? "on" : "off"));
            pool = new HikariDataSource(config);
            sessions = SchemaSessions.sqlSessionFactory(pool);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT id, telegram_id FROM users ORDER BY telegram_id")) {
                    while (rows.next()) {
                        long telegramId = rows.getLong(2);
                        if (telegramId == RICH_TELEGRAM_ID) {
                            richUserId = rows.getLong(1);
                        } else if (telegramId == POOR_TELEGRAM_ID) {
                            poorUserId = rows.getLong(1);
                        } else {
                            userIds[(int) (telegramId - FIRST_TELEGRAM_ID)] = rows.getLong(1);
                        }
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT avatar_id FROM avatar_photos LIMIT 1")) {
                    rows.next();
                    avatarId = rows.getObject(1, UUID.class);
                }
            }
        }

        @TearDown
        public void close() {
            pool.close();
        }

        int nextIndex() {
            next = (next + 1) % USERS;
            return next;
        }

        /** A Telegram update's user: one of the known ones, so the upsert takes its update path. */
        User nextUser() {
            int index = nextIndex();
            User user = new User();
            user.setTelegramId(FIRST_TELEGRAM_ID + index);
            user.setFirstName("Анна");
            user.setLastName("Петрова");
            user.setUsername("anna" + index);
            user.setLanguageCode("ru");
            user.setPremium((index & 1) == 0);
            return user;
        }
    }

    // --- upsert a user by telegram_id -----------------------------------------------------------

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public User upsertUser_mapper(Fixture fixture) {
        User user = fixture.nextUser();
        try (SqlSession session = fixture.sessions.openSession(true)) {
            session.getMapper(UserMapper.class).upsertByTelegramId(user);
        }
        return user;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public User upsertUser_jdbc(Fixture fixture) throws SQLException {
        User user = fixture.nextUser();
        try (Connection connection = fixture.pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(UPSERT, UPSERT_KEYS)) {
            statement.setLong(1, user.getTelegramId());
            statement.setString(2, user.getFirstName());
            statement.setString(3, user.getLastName());
            statement.setString(4, user.getUsername());
            statement.setString(5, user.getLanguageCode());
            statement.setBoolean(6, user.isPremium());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                user.setId(keys.getLong(1));
                user.setCreatedAt(keys.getObject(2, OffsetDateTime.class));
                user.setUpdatedAt(keys.getObject(3, OffsetDateTime.class));
            }
        }
        return user;
    }

    // --- credit -----------------------------------------------------------------------------------

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public long credit_mapper(Fixture fixture) {
        long userId = fixture.userIds[fixture.nextIndex()];
        try (SqlSession session = fixture.sessions.openSession(true)) {
            session.getMapper(UserBalanceMapper.class).credit(userId, 5);
        }
        return userId;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int credit_jdbc(Fixture fixture) throws SQLException {
        long userId = fixture.userIds[fixture.nextIndex()];
        try (Connection connection = fixture.pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(CREDIT)) {
            statement.setLong(1, userId);
            statement.setLong(2, 5);
            return statement.executeUpdate();
        }
    }

    // --- a debit that is covered ------------------------------------------------------------------

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public long debitAccepted_mapper(Fixture fixture) {
        try (SqlSession session = fixture.sessions.openSession(true)) {
            session.getMapper(UserBalanceMapper.class).debit(fixture.richUserId, 1);
        }
        return fixture.richUserId;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public Object debitAccepted_jdbc(Fixture fixture) throws SQLException {
        return debit(fixture, fixture.richUserId, 1, true);
    }

    // --- a debit that is refused ------------------------------------------------------------------

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public Object debitRefused_mapper(Fixture fixture) {
        try (SqlSession session = fixture.sessions.openSession(true)) {
            session.getMapper(UserBalanceMapper.class).debit(fixture.poorUserId, 30);
        } catch (InsufficientCoinsException refused) {
            return refused;
        }
        throw new IllegalStateException("The poor user's debit went through");
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public Object debitRefused_jdbc(Fixture fixture) throws SQLException {
        return debit(fixture, fixture.poorUserId, 30, false);
    }

    /**
     * The debit's statement, its answer read as the mapper reads it: the balance after an accepted
     * debit, or the {@link InsufficientCoinsException} the mapper would throw (returned here, not
     * thrown). Fails unless the outcome is the expected one.
     */
    private static Object debit(Fixture fixture, long userId, long amount, boolean expectDebited) throws SQLException {
        try (Connection connection = fixture.pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(DEBIT)) {
            statement.setLong(1, amount);
            statement.setLong(2, userId);
            statement.setLong(3, amount);
            statement.setBoolean(4, true);
            statement.setLong(5, userId);
            boolean debited = false;
            Long coins = null;
            try (ResultSet answer = statement.executeQuery()) {
                if (answer.next()) {
                    debited = answer.getBoolean(1);
                    coins = answer.getLong(2);
                }
            }
            if (debited != expectDebited) {
                throw new IllegalStateException("Debit of " + amount + " from user " + userId + " debited " + debited
                        + ", expected " + expectDebited);
            }
            return debited ? coins : new InsufficientCoinsException(userId, amount, coins);
        }
    }

    // --- an avatar's photos in order --------------------------------------------------------------

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public List<AvatarPhoto> listPhotos_mapper(Fixture fixture) {
        try (SqlSession session = fixture.sessions.openSession(true)) {
            return session.getMapper(AvatarPhotoMapper.class).findByAvatarId(fixture.avatarId);
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public List<AvatarPhoto> listPhotos_jdbc(Fixture fixture) throws SQLException {
        try (Connection connection = fixture.pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(PHOTOS_IN_ORDER)) {
            statement.setObject(1, fixture.avatarId);
            try (ResultSet rows = statement.executeQuery()) {
                List<AvatarPhoto> photos = new ArrayList<>();
                while (rows.next()) {
                    AvatarPhoto photo = new AvatarPhoto();
                    photo.setId(rows.getObject("id", UUID.class));
                    photo.setAvatarId(rows.getObject("avatar_id", UUID.class));
                    photo.setMinioKey(rows.getString("minio_key"));
                    photo.setOrder(rows.getInt("order"));
                    photo.setCreatedAt(rows.getObject("created_at", OffsetDateTime.class));
                    photo.setUpdatedAt(rows.getObject("updated_at", OffsetDateTime.class));
                    photos.add(photo);
                }
                return photos;
            }
        }
    }

    // --- the benchmarks: a hot path's two sides, taking turns iteration by iteration ----------------

    /**
     * Which side a fork's iteration runs: they take turns, warm-up iterations included, so that both
     * sides run in the same JVM, on the same compiled driver and pool, seconds apart, and the
     * fork's own luck (what the JIT made of it, what the server was doing) weighs on both alike.
     */
    @State(Scope.Thread)
    public static class Side {

        boolean mapper;

        @Setup(Level.Trial)
        public void beforeTheFirstIteration() {
            mapper = !Boolean.getBoolean(MAPPER_FIRST_PROPERTY); // flipped before every iteration
        }

        @Setup(Level.Iteration)
        public void takeTurns() {
            mapper = !mapper;
        }
    }

    @Benchmark
    public Object upsertUser(Fixture fixture, Side side) throws SQLException {
        return side.mapper ? upsertUser_mapper(fixture) : upsertUser_jdbc(fixture);
    }

    @Benchmark
    public Object credit(Fixture fixture, Side side) throws SQLException {
        return side.mapper ? credit_mapper(fixture) : credit_jdbc(fixture);
    }

    @Benchmark
    public Object debitAccepted(Fixture fixture, Side side) throws SQLException {
        return side.mapper ? debitAccepted_mapper(fixture) : debitAccepted_jdbc(fixture);
    }

    @Benchmark
    public Object debitRefused(Fixture fixture, Side side) throws SQLException {
        return side.mapper ? debitRefused_mapper(fixture) : debitRefused_jdbc(fixture);
    }

    @Benchmark
    public Object listPhotos(Fixture fixture, Side side) throws SQLException {
        return side.mapper ? listPhotos_mapper(fixture) : listPhotos_jdbc(fixture);
    }

    // --- the run ----------------------------------------------------------------------------------

    /** The hot paths, each a benchmark whose iterations take turns between {@code <path>_mapper} and {@code <path>_jdbc}. */
    private static final List<String> PATHS = List.of("credit", "debitAccepted", "debitRefused", "listPhotos",
            "upsertUser");
    private static final double TARGET = 0.9;

    /**
     * Runs {@code benchmark.forks} forks of every hot path (at least 3 unless set lower by hand), the
     * paths taking turns. In a fork the mapper and the JDBC side take turns iteration by iteration
     * ({@link Side}), which one first alternating from fork to fork. A fork's ratio compares each
     * iteration with its two neighbours ({@link PairedRatio#takingTurns}); the line per hot path is the
     * geometric mean of the forks' ratios with its 95% interval over the forks and whether it meets
     * 0.9: {@code met} or {@code missed} only when the whole interval says so.
     */
    public static void main(String[] args) throws RunnerException, SQLException, CommandLineOptionException {
        int forks = Integer.getInteger("benchmark.forks", 3);
        String only = System.getProperty("benchmark.include", "");
        List<String> paths = PATHS.stream().filter(path -> path.contains(only)).toList();
        PGSimpleDataSource database = TestPostgres.createDatabase();
        Map<String, List<Fork>> forksByPath = new TreeMap<>();
        try {
            new SchemaMigrations(database).upgrade();
            seed(database);
            for (int fork = 0; fork < forks; fork++) {
                for (int p = 0; p < paths.size(); p++) {
                    boolean mapperFirst = (fork + p) % 2 == 0;
                    System.out.printf(Locale.ROOT, "fork %d of %d: %s, %s first%n", fork + 1, forks, paths.get(p),
                            mapperFirst ? "mapper" : "JDBC");
                    Fork result = runOne(args, database, paths.get(p), mapperFirst);
                    forksByPath.computeIfAbsent(paths.get(p), key -> new ArrayList<>()).add(result);
                    System.out.printf(Locale.ROOT,
                            "fork %d of %d: %s mapper %.0f ops/s, JDBC %.0f ops/s: %.3fx (throughput drifted %+.0f%%)%n",
                            fork + 1, forks, paths.get(p), result.mapper(), result.jdbc(), result.ratio(),
                            (result.drift() - 1) * 100);
                }
            }
            printRatios(paths, forksByPath);
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    /**
     * One fork of one hot path, its sides taking turns. The warm-up iterations take turns too (an even
     * number, so that the measured ones start with the fork's first side).
     */
    private static Fork runOne(String[] args, PGSimpleDataSource database, String path, boolean mapperFirst)
            throws RunnerException, CommandLineOptionException {
        int warmups = evenAtLeastTwo(Integer.getInteger("benchmark.warmups", 20));
        int iterations = evenAtLeastTwo(Integer.getInteger("benchmark.iterations", 10));
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args)) // e.g. -prof gc, when run by hand
                .include(MapperBenchmark.class.getName() + "\\." + path + "$")
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(Integer.getInteger("benchmark.seconds", 2)))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(Integer.getInteger("benchmark.seconds", 2)))
                .forks(1)
                .threads(1)
                .shouldFailOnError(true)
                .jvmArgsAppend("-D" + URL_PROPERTY + "=" + shortUrl(database),
                        "-D" + MAPPER_FIRST_PROPERTY + "=" + mapperFirst,
                        "-D" + SYNCHRONOUS_COMMIT_PROPERTY + "=" + System.getProperty(SYNCHRONOUS_COMMIT_PROPERTY, "off"),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() != 1) {
            throw new IllegalStateException(path + " gave " + results.size() + " results");
        }
        List<Double> measured = results.iterator().next().getBenchmarkResults().stream()
                .flatMap(fork -> fork.getIterationResults().stream())
                .map(iteration -> iteration.getPrimaryResult().getScore()).toList();
        if (measured.size() != iterations) {
            throw new IllegalStateException(path + " measured " + measured.size() + " iterations, not " + iterations);
        }
        return new Fork(PairedRatio.sideScore(measured, mapperFirst, true),
                PairedRatio.sideScore(measured, mapperFirst, false),
                PairedRatio.takingTurns(measured, mapperFirst), PairedRatio.drift(measured));
    }

    /**
     * One fork of a hot path: each side's ops/s (the geometric mean of its iterations), the mapper /
     * JDBC ratio ({@link PairedRatio#takingTurns}) and how much the throughput drifted meanwhile.
     */
    private record Fork(double mapper, double jdbc, double ratio, double drift) {
    }

    private static int evenAtLeastTwo(int count) {
        return Math.max(2, count + count % 2);
    }

    /** The database's URL with only what the forks need (getURL() spells out every driver default). */
    private static String shortUrl(PGSimpleDataSource database) {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(database.getServerNames()[0]).append(':')
                .append(database.getPortNumbers()[0]).append('/').append(database.getDatabaseName());
        url.append("?ApplicationName=MapperBenchmark");
        if (database.getUser() != null) {
            url.append("&user=").append(URLEncoder.encode(database.getUser(), StandardCharsets.UTF_8));
        }
        if (database.getPassword() != null) {
            url.append("&password=").append(URLEncoder.encode(database.getPassword(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** The rows the calls work on: USERS users with balances, a rich and a poor one, an avatar with photos. */
    private static void seed(PGSimpleDataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (telegram_id, first_name, language_code)"
                    + " SELECT " + FIRST_TELEGRAM_ID + " + n, 'Анна', 'ru' FROM generate_series(0, " + (USERS - 1) + ") n");
            statement.execute("INSERT INTO users (telegram_id, first_name, language_code) VALUES ("
                    + RICH_TELEGRAM_ID + ", 'Rich', 'en'), (" + POOR_TELEGRAM_ID + ", 'Poor', 'en')");
            statement.execute("INSERT INTO user_balances (user_id, coins) SELECT id, 100 FROM users");
            statement.execute("UPDATE user_balances SET coins = 1000000000000000 WHERE user_id ="
                    + " (SELECT id FROM users WHERE telegram_id = " + RICH_TELEGRAM_ID + ")");
            statement.execute("UPDATE user_balances SET coins = 10 WHERE user_id ="
                    + " (SELECT id FROM users WHERE telegram_id = " + POOR_TELEGRAM_ID + ")");
            UUID avatarId = UUID.randomUUID();
            statement.execute("INSERT INTO avatars (id, user_id, name, gender, status, is_draft)"
                    + " SELECT '" + avatarId + "', id, 'Benchmark', 'female', 'ready', false FROM users"
                    + " WHERE telegram_id = " + FIRST_TELEGRAM_ID);
            statement.execute("INSERT INTO avatar_photos (id, avatar_id, minio_key, \"order\")"
                    + " SELECT gen_random_uuid(), '" + avatarId + "', 'avatars/" + avatarId + "/' || n || '.jpg', "
                    + (PHOTOS - 1) + " - n FROM generate_series(0, " + (PHOTOS - 1) + ") n");
            statement.execute("ANALYZE");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void printRatios(List<String> paths, Map<String, List<Fork>> forksByPath) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-15s %14s %14s %26s  %s%n", "hot path", "mapper ops/s", "JDBC ops/s",
                "mapper / JDBC [95% CI]", "target " + TARGET + "x");
        for (String path : paths) {
            List<Fork> forks = forksByPath.get(path);
            PairedRatio ratio = PairedRatio.of(forks.stream().map(Fork::ratio).toList());
            System.out.printf(Locale.ROOT, "%-15s %14.0f %14.0f %26s  %s%n", path,
                    median(forks.stream().map(Fork::mapper).toList()), median(forks.stream().map(Fork::jdbc).toList()),
                    ratio.describe(), ratio.verdict(TARGET));
        }
        System.out.println("ops/s: the median of the forks; the ratio: the geometric mean of the forks' ratios,"
                + " each fork's iterations against their neighbours (the sides taking turns).");
    }
}
