package dev.avatarbot.schema.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarbot.schema.domain.Avatar;
import dev.avatarbot.schema.domain.AvatarPhoto;
import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.domain.UserBalance;
import dev.avatarbot.schema.domain.UserState;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.reflection.ParamNameResolver;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every lookup the mappers do uses an index: each mapped statement whose SQL has a WHERE, taken
 * from the MyBatis configuration (so a new lookup is checked without being listed here), is
 * EXPLAINed with sample values on tables holding a few thousand analysed rows, and its plan must
 * not read any of the schema's tables with a sequential scan. The planner's settings are left
 * alone ({@code enable_seqscan} stays on).
 */
@ExtendWith(FreshDatabase.class)
class MapperIndexUsageTest {

    private static final Set<String> TABLES = Set.of("users", "user_balances", "user_states", "avatars", "avatar_photos");
    private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int USERS = 5000;
    private static final long FIRST_TELEGRAM_ID = 100_000_000L;

    private static DataSource database;
    private static Configuration configuration;

    // Sample values: rows in the middle of the generated data.
    private static long userId;
    private static long telegramId;
    private static long balanceId;
    private static long stateId;
    private static UUID avatarId;
    private static List<UUID> photoIds;

    @BeforeAll
    static void fill(DataSource dataSource) throws SQLException {
        database = dataSource;
        new SchemaMigrations(dataSource).upgrade();
        configuration = SchemaSessions.sqlSessionFactory(dataSource).getConfiguration();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (telegram_id, first_name, language_code)"
                    + " SELECT " + FIRST_TELEGRAM_ID + " + n, 'User ' || n, 'ru' FROM generate_series(1, " + USERS + ") n");
            statement.execute("INSERT INTO user_balances (user_id, coins) SELECT id, 100 FROM users");
            statement.execute("INSERT INTO user_states (user_id) SELECT id FROM users");
            statement.execute("INSERT INTO avatars (id, user_id, name, gender, status, is_draft)"
                    + " SELECT gen_random_uuid(), u.id, 'Avatar', 'female', CASE k WHEN 1 THEN 'ready' ELSE 'draft' END, k = 2"
                    + " FROM users u, generate_series(1, 2) k");
            statement.execute("INSERT INTO avatar_photos (id, avatar_id, minio_key, \"order\")"
                    + " SELECT gen_random_uuid(), a.id, 'avatars/' || a.id || '/' || k || '.jpg', k"
                    + " FROM avatars a, generate_series(0, 3) k");
            statement.execute("ANALYZE");

            telegramId = FIRST_TELEGRAM_ID + USERS / 2;
            userId = single(statement, "SELECT id FROM users WHERE telegram_id = " + telegramId, Long.class);
            balanceId = single(statement, "SELECT id FROM user_balances WHERE user_id = " + userId, Long.class);
            stateId = single(statement, "SELECT id FROM user_states WHERE user_id = " + userId, Long.class);
            avatarId = single(statement, "SELECT id FROM avatars WHERE user_id = " + userId + " ORDER BY id LIMIT 1", UUID.class);
            photoIds = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT id FROM avatar_photos WHERE avatar_id = '" + avatarId + "' ORDER BY id")) {
                while (rows.next()) {
                    photoIds.add(rows.getObject(1, UUID.class));
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyMapperLookupUsesAnIndex() {
        return lookups().stream().map(statement -> DynamicTest.dynamicTest(statement.getId(), () -> {
            String plan = explain(statement);
            List<String> seqScans = seqScansOnOurTables(plan);
            if (!seqScans.isEmpty()) {
                fail("%s reads %s with a sequential scan; add an index for its WHERE. Plan:%n%s",
                        statement.getId(), seqScans, JSON.readTree(plan).toPrettyString());
            }
        }));
    }

    /** The list comes from MyBatis, so it cannot quietly be empty or miss the lookups we know of. */
    @Test
    void theLookupsComeFromTheMyBatisConfiguration() {
        List<String> ids = lookups().stream().map(MappedStatement::getId).toList();

        assertThat(ids).contains(
                UserMapper.class.getName() + ".findByTelegramId",
                UserBalanceMapper.class.getName() + ".debitOrReadBalance",
                AvatarMapper.class.getName() + ".findByUserId",
                AvatarPhotoMapper.class.getName() + ".findByAvatarId",
                AvatarPhotoMapper.class.getName() + ".reorder",
                UserMapper.class.getName() + ".deleteById");
        assertThat(ids).as("statements without a WHERE are not lookups")
                .doesNotContain(UserMapper.class.getName() + ".upsertByTelegramId",
                        UserBalanceMapper.class.getName() + ".addOrCreate");
    }

    /** The check itself sees a sequential scan when there is one. */
    @Test
    void aLookupWithoutAnIndexIsCaught() throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement explain = connection.prepareStatement(
                     "EXPLAIN (FORMAT JSON) SELECT id FROM avatar_photos WHERE minio_key = ?")) {
            explain.setString(1, "avatars/x/1.jpg");
            assertThat(seqScansOnOurTables(planOf(explain))).containsExactly("avatar_photos");
        }
    }

    /** Every mapped statement whose SQL, bound to sample values, has a WHERE. */
    private static List<MappedStatement> lookups() {
        Set<String> ids = new TreeSet<>();
        for (String name : configuration.getMappedStatementNames()) {
            if (name.contains(".")) { // MyBatis also files each statement under its short name
                ids.add(name);
            }
        }
        List<MappedStatement> lookups = new ArrayList<>();
        for (String id : ids) {
            MappedStatement statement = configuration.getMappedStatement(id);
            if (WHERE.matcher(statement.getBoundSql(parameterFor(statement)).getSql()).find()) {
                lookups.add(statement);
            }
        }
        return lookups;
    }

    private static String explain(MappedStatement statement) throws SQLException {
        Object parameter = parameterFor(statement);
        BoundSql sql = statement.getBoundSql(parameter);
        try (Connection connection = database.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + sql.getSql())) {
            new DefaultParameterHandler(statement, parameter, sql).setParameters(explain);
            return planOf(explain);
        }
    }

    private static String planOf(PreparedStatement explain) throws SQLException {
        try (ResultSet result = explain.executeQuery()) {
            result.next();
            return result.getString(1);
        }
    }

    /** The tables of ours that the plan reads with a Seq Scan, at any depth (subplans and CTEs included). */
    private static List<String> seqScansOnOurTables(String plan) {
        List<String> tables = new ArrayList<>();
        try {
            collectSeqScans(JSON.readTree(plan), tables);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable plan: " + plan, e);
        }
        return tables;
    }

    private static void collectSeqScans(JsonNode node, List<String> tables) {
        if (node.isObject() && "Seq Scan".equals(node.path("Node Type").asText())
                && TABLES.contains(node.path("Relation Name").asText())) {
            tables.add(node.path("Relation Name").asText());
        }
        node.forEach(child -> collectSeqScans(child, tables));
    }

    /** The parameter MyBatis itself would pass: the mapper method's sample arguments, named as MyBatis names them. */
    private static Object parameterFor(MappedStatement statement) {
        String id = statement.getId();
        Class<?> mapper;
        try {
            mapper = Class.forName(id.substring(0, id.lastIndexOf('.')));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(id + ": its namespace is not a mapper interface", e);
        }
        String methodName = id.substring(id.lastIndexOf('.') + 1);
        List<Method> methods = Arrays.stream(mapper.getMethods()).filter(m -> m.getName().equals(methodName)).toList();
        if (methods.size() != 1) {
            throw new IllegalStateException(id + ": expected one method " + methodName + " in " + mapper.getName()
                    + ", found " + methods.size());
        }
        Method method = methods.get(0);
        Parameter[] parameters = method.getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Param param = parameters[i].getAnnotation(Param.class);
            String name = param != null ? param.value() : parameters[i].getName();
            arguments[i] = sample(mapper, name, parameters[i].getType(), id);
        }
        return new ParamNameResolver(configuration, method).getNamedParams(arguments);
    }

    private static Object sample(Class<?> mapper, String name, Class<?> type, String statementId) {
        if (type == long.class || type == Long.class) {
            switch (name) {
                case "telegramId":
                    return telegramId;
                case "userId":
                    return userId;
                case "amount":
                case "coins":
                    return 10L;
                case "id":
                    if (mapper == UserMapper.class) {
                        return userId;
                    } else if (mapper == UserBalanceMapper.class) {
                        return balanceId;
                    } else if (mapper == UserStateMapper.class) {
                        return stateId;
                    }
                    break;
                default:
                    break;
            }
        } else if (type == UUID.class) {
            if (name.equals("avatarId") || (name.equals("id") && mapper == AvatarMapper.class)) {
                return avatarId;
            } else if (name.equals("id") && mapper == AvatarPhotoMapper.class) {
                return photoIds.get(0);
            }
        } else if (type == String.class && name.equals("status")) {
            return "ready";
        } else if (type == List.class && name.equals("photoIds")) {
            return photoIds;
        } else if (type == JsonNode.class) {
            return JSON.createObjectNode().put("step", "sample");
        } else if (type == User.class) {
            User user = new User();
            user.setId(userId);
            user.setTelegramId(telegramId);
            user.setFirstName("Sample");
            user.setLanguageCode("ru");
            return user;
        } else if (type == DebitAttempt.class) {
            DebitAttempt attempt = new DebitAttempt(userId, 10);
            attempt.willBeRead(); // as ReturnedRowPlugin does, so that the plan has the UPDATE's scan
            return attempt;
        } else if (type == UserBalance.class) {
            UserBalance balance = new UserBalance();
            balance.setId(balanceId);
            balance.setUserId(userId);
            balance.setCoins(10);
            return balance;
        } else if (type == UserState.class) {
            UserState state = new UserState();
            state.setId(stateId);
            state.setUserId(userId);
            state.setStateData(JSON.createObjectNode());
            return state;
        } else if (type == Avatar.class) {
            Avatar avatar = new Avatar();
            avatar.setId(avatarId);
            avatar.setUserId(userId);
            avatar.setName("Sample");
            avatar.setGender("female");
            avatar.setStatus("ready");
            return avatar;
        } else if (type == AvatarPhoto.class) {
            AvatarPhoto photo = new AvatarPhoto();
            photo.setId(photoIds.get(0));
            photo.setAvatarId(avatarId);
            photo.setMinioKey("avatars/sample.jpg");
            photo.setOrder(1);
            return photo;
        }
        throw new IllegalStateException(statementId + ": no sample value for its parameter " + name + " ("
                + type.getSimpleName() + "); add one to MapperIndexUsageTest.sample");
    }

    private static <T> T single(Statement statement, String sql, Class<T> type) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("No row for " + sql);
            }
            return rows.getObject(1, type);
        }
    }
}
