package dev.avatarbot.schema.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarbot.schema.domain.AvatarPhoto;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.executor.resultset.DefaultResultSetHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link FlatRowsPlugin} reads exactly what MyBatis' own result handler reads. The reference is
 * MyBatis itself: the same statement in the same configuration, read through a
 * {@link org.apache.ibatis.session.ResultHandler} (with which the plugin steps aside). The statements
 * are random selects into each of the schema's result maps: columns left out, in any order, in any
 * case, null or not, extra columns, zero to five rows, under each of {@code callSettersOnNulls} and
 * {@code returnInstanceForEmptyRow}. Replay a failure with {@code -Dflatrows.seed=<seed>}.
 */
@ExtendWith(FreshDatabase.class)
class FlatRowsTest {

    private static final long SEED = Long.getLong("flatrows.seed", 20261202L);
    private static final int TRIALS = Integer.getInteger("flatrows.trials", 400);

    private static Configuration configuration;
    private static SqlSessionFactory sessions;

    @BeforeAll
    static void sessions(DataSource dataSource) {
        configuration = SchemaSessions.configuration(dataSource);
        sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    @Test
    void thisMyBatisLetsThePluginSeeTheStatement() {
        assertThat(FlatRowsPlugin.isActive()).isTrue();
    }

    @Test
    void aFlatListIsReadByFlatRowsAndEverythingElseByMyBatis() {
        MappedStatement photos = configuration.getMappedStatement(AvatarPhotoMapper.class.getName() + ".findByAvatarId");
        assertThat(resultSetHandler(photos, RowBounds.DEFAULT)).isNotInstanceOf(DefaultResultSetHandler.class);
        assertThat(resultSetHandler(photos, new RowBounds(1, 5))).isInstanceOf(DefaultResultSetHandler.class);

        ResultMap autoMapped = new ResultMap.Builder(configuration, "autoMapped", AvatarPhoto.class,
                List.of()).build();
        MappedStatement autoMapping = select("autoMapping", "SELECT 1", autoMapped);
        assertThat(resultSetHandler(autoMapping, RowBounds.DEFAULT)).isInstanceOf(DefaultResultSetHandler.class);
    }

    @Test
    void flatRowsReadWhatMyBatisReads() {
        List<ResultMap> resultMaps = configuration.getResultMapNames().stream()
                .filter(name -> name.startsWith(SchemaSessions.class.getPackageName()))
                .map(configuration::getResultMap).distinct().toList();
        assertThat(resultMaps).hasSize(SchemaSessions.MAPPERS.size());
        resultMaps = new ArrayList<>(resultMaps);
        resultMaps.add(presetRowMap());
        Random random = new Random(SEED);
        try (SqlSession session = sessions.openSession(true)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                ResultMap resultMap = resultMaps.get(random.nextInt(resultMaps.size()));
                String sql = randomSelect(random, resultMap);
                configuration.setCallSettersOnNulls(random.nextBoolean());
                configuration.setReturnInstanceForEmptyRow(random.nextBoolean());
                MappedStatement statement = select("trial" + trial, sql, resultMap);
                assertThat(resultSetHandler(statement, RowBounds.DEFAULT)).isNotInstanceOf(DefaultResultSetHandler.class);

                List<Object> byMyBatis = new ArrayList<>();
                session.select(statement.getId(), context -> byMyBatis.add(context.getResultObject()));
                session.clearCache(); // else selectList gives the (empty) list the select above left in the cache
                List<Object> byFlatRows = session.selectList(statement.getId());
                assertThat(byFlatRows).as("seed %d, trial %d: %s (callSettersOnNulls %s, returnInstanceForEmptyRow %s)",
                                SEED, trial, sql, configuration.isCallSettersOnNulls(),
                                configuration.isReturnInstanceForEmptyRow())
                        .usingRecursiveFieldByFieldElementComparator().isEqualTo(byMyBatis);
            }
        }
    }

    /**
     * A row type whose properties start set (the schema's start null or zero), so that a null the
     * reader sets, or wrongly leaves alone, shows.
     */
    public static class PresetRow {
        private String text = "preset";
        private Long number = 42L;
        private int count = 7;

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }

        public Long getNumber() {
            return number;
        }

        public void setNumber(Long number) {
            this.number = number;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }
    }

    private static ResultMap presetRowMap() {
        List<ResultMapping> mappings = List.of(
                new ResultMapping.Builder(configuration, "text", "text", String.class).build(),
                new ResultMapping.Builder(configuration, "number", "number", Long.class).build(),
                new ResultMapping.Builder(configuration, "count", "count", int.class).build());
        ResultMap resultMap = new ResultMap.Builder(configuration, "presetRow", PresetRow.class, mappings, false).build();
        configuration.addResultMap(resultMap);
        return resultMap;
    }

    /** A select with some of the result map's columns in random order and case, values or nulls, and extras. */
    private static String randomSelect(Random random, ResultMap resultMap) {
        List<ResultMapping> mappings = new ArrayList<>(resultMap.getPropertyResultMappings());
        Collections.shuffle(mappings, random);
        int rows = random.nextInt(6);
        List<String> selected = new ArrayList<>();
        List<String> sqlTypes = new ArrayList<>();
        for (ResultMapping mapping : mappings) {
            if (random.nextInt(5) == 0) {
                continue; // left out: MyBatis leaves the property alone
            }
            selected.add(label(random, mapping.getColumn()));
            sqlTypes.add(sqlType(mapping.getJavaType()));
        }
        if (random.nextBoolean()) {
            selected.add(label(random, "not_mapped"));
            sqlTypes.add("text");
        }
        if (selected.isEmpty()) {
            return "SELECT 1 AS not_mapped WHERE false";
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (VALUES ");
        for (int row = 0; row < Math.max(rows, 1); row++) {
            sql.append(row == 0 ? "(" : ", (");
            boolean allNulls = random.nextInt(8) == 0;
            for (int column = 0; column < selected.size(); column++) {
                String type = sqlTypes.get(column);
                sql.append(column == 0 ? "" : ", ")
                        .append(allNulls || random.nextInt(4) == 0 ? "NULL" : literal(random, type))
                        .append("::").append(type);
            }
            sql.append(')');
        }
        sql.append(") AS t (").append(String.join(", ", selected)).append(')');
        return rows == 0 ? sql.append(" WHERE false").toString() : sql.toString();
    }

    /** The column's label as the select spells it: as mapped, upper case or mixed (quoted, so PostgreSQL keeps it). */
    private static String label(Random random, String column) {
        String plain = column.replace("\"", "");
        return switch (random.nextInt(3)) {
            case 0 -> '"' + plain + '"';
            case 1 -> '"' + plain.toUpperCase(Locale.ROOT) + '"';
            default -> "\"" + Character.toUpperCase(plain.charAt(0)) + plain.substring(1) + '"';
        };
    }

    private static String sqlType(Class<?> javaType) {
        if (javaType == UUID.class) {
            return "uuid";
        } else if (javaType == String.class) {
            return "text";
        } else if (javaType == long.class || javaType == Long.class) {
            return "bigint";
        } else if (javaType == int.class || javaType == Integer.class) {
            return "integer";
        } else if (javaType == boolean.class || javaType == Boolean.class) {
            return "boolean";
        } else if (javaType == OffsetDateTime.class) {
            return "timestamptz";
        } else if (JsonNode.class.isAssignableFrom(javaType)) {
            return "jsonb";
        }
        throw new IllegalStateException("No SQL type for " + javaType + ": add one here");
    }

    private static String literal(Random random, String sqlType) {
        return switch (sqlType) {
            case "uuid" -> "'" + new UUID(random.nextLong(), random.nextLong()) + "'";
            case "text" -> "'text " + random.nextInt(1000) + "'";
            case "bigint" -> Long.toString(random.nextLong());
            case "integer" -> Integer.toString(random.nextInt());
            case "boolean" -> Boolean.toString(random.nextBoolean());
            case "timestamptz" -> "'" + OffsetDateTime.of(2020 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000,
                    ZoneOffset.ofHours(random.nextInt(25) - 12)) + "'";
            case "jsonb" -> "'{\"step\": " + random.nextInt(100) + ", \"tags\": [\"a\", null]}'";
            default -> throw new IllegalStateException(sqlType);
        };
    }

    private static MappedStatement select(String id, String sql, ResultMap resultMap) {
        MappedStatement statement = new MappedStatement.Builder(configuration, id, new StaticSqlSource(configuration, sql),
                SqlCommandType.SELECT).resultMaps(List.of(resultMap)).build();
        configuration.addMappedStatement(statement);
        return statement;
    }

    private static Object resultSetHandler(MappedStatement statement, RowBounds bounds) {
        return configuration.newResultSetHandler(null, statement, bounds, null, null, statement.getBoundSql(null));
    }
}
