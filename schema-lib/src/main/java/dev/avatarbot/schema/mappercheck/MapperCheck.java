package dev.avatarbot.schema.mappercheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.keygen.Jdbc3KeyGenerator;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.executor.resultset.ResultSetHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.mapping.StatementType;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.transaction.jdbc.JdbcTransaction;
import org.postgresql.util.PSQLException;

/**
 * Proves mapped statements against a database: every statement of the loaded mappers, in each
 * branch of its dynamic SQL, is rendered, bound to typed sample values and run inside a transaction
 * that is rolled back; a query's result columns are compared with its result map, and the rows it
 * returns are mapped as MyBatis maps them. Before the statements run, every table gets one generated
 * row ({@link SampleRows}) that the sample parameters find, so a query has a real row to map.
 *
 * <p>A statement passes only when it runs, or when the server ran it and the sample data tripped a
 * constraint (a foreign key, a unique key, a check: SQLSTATE class 23) or a trigger raised an
 * exception (P0001): the schema had nothing against it. Anything else fails, named with its branch
 * and SQLSTATE: an unknown column, table or function, a type mismatch (classes 42 and 0A), a NOT NULL
 * column left empty (23502), a data error in the SQL itself (class 22, {@code 'x'::bigint}), a
 * timeout (57014), an internal error (XX000); and a result that does not fit its mapping, by its
 * columns' types or on a real row (named with the column and the property it goes to).
 *
 * <p>The database is expected at the revision to prove against (a scratch database at head, for the
 * Maven goal) and is left as it was, but for its sequences, which a rollback does not wind back:
 * point it at a scratch database, not at production.
 *
 * <pre>{@code
 * new SchemaMigrations(scratch).upgrade();
 * MapperReport report = new MapperCheck(scratch).run(MapperSources.schemaLib()).orThrow();
 * }</pre>
 */
public final class MapperCheck {

    /** Branch combinations tried per statement before the rest are reported as skipped. */
    public static final int DEFAULT_BUDGET = 64;

    /** SQLSTATE class 23: a row the constraints refuse. */
    private static final String INTEGRITY_CONSTRAINT_VIOLATION = "23";
    /** An insert leaves a required column empty: every sample value is set, so the statement omits the column. */
    private static final String NOT_NULL_VIOLATION = "23502";
    /** PL/pgSQL's RAISE EXCEPTION without its own SQLSTATE. */
    private static final String RAISE_EXCEPTION = "P0001";

    private final DataSource database;
    private int budget = DEFAULT_BUDGET;

    public MapperCheck(DataSource database) {
        this.database = database;
    }

    /** At most this many branch combinations per statement (at least one). */
    public MapperCheck budget(int combinations) {
        if (combinations < 1) {
            throw new SchemaException.UserError("The branch budget must be at least 1, not " + combinations + ".");
        }
        this.budget = combinations;
        return this;
    }

    /** Checks every statement the sources load; failures are in the report ({@link MapperReport#orThrow()}). */
    public MapperReport run(MapperSources sources) {
        Configuration configuration = sources.load(database);
        SampleValues samples = new SampleValues(configuration);
        ResultColumns results = new ResultColumns(configuration);
        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int run = 0;
        long skippedCount = 0;
        List<MappedStatement> statements = statements(configuration);
        Map<String, Integer> mappers = new HashMap<>();
        statements.forEach(statement -> mappers.merge(mapperName(statement), 1, Integer::sum));
        try (Connection connection = DatabaseConnections.open(database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET statement_timeout = '30s'");
            }
            connection.setAutoCommit(false);
            SampleRows.Seeded seeded = SampleRows.insert(connection);
            skipped.addAll(seeded.emptyTables());
            Executor executor = configuration.newExecutor(new JdbcTransaction(connection), ExecutorType.SIMPLE);
            Run runner = new Run(connection, seeded.savepoint(), executor, results);
            for (MappedStatement statement : statements) {
                StatementResult result = check(runner, configuration, statement, samples);
                failures.addAll(result.failures());
                run += result.run();
                if (result.skipped() > 0) {
                    skippedCount += result.skipped();
                    skipped.add(name(statement) + ": " + result.skipped() + " of " + (result.skipped() + result.run())
                            + " branch combinations skipped (budget " + budget + ")");
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new SchemaException("The mapper check lost its database: " + e.getMessage(), e);
        }
        return new MapperReport(statements.size(), run, skippedCount, failures, skipped, mappers);
    }

    private record StatementResult(List<String> failures, int run, long skipped) {
    }

    /**
     * What every rendering runs with: the connection, the savepoint after the sample rows (each
     * rendering is rolled back to it), an executor for MyBatis's own row mapping (nested selects
     * included; never closed, which would close the connection) and the result-column comparison.
     */
    private record Run(Connection connection, Savepoint seeded, Executor executor, ResultColumns results) {
    }

    private StatementResult check(Run run, Configuration configuration, MappedStatement statement,
                                  SampleValues samples) {
        if (statement.getStatementType() == StatementType.CALLABLE) {
            return new StatementResult(List.of(), 0, 0); // stored procedure calls need OUT parameters registered: not checked
        }
        Renderings renderings = new Renderings(configuration, statement, samples, budget);
        Map<String, String> bySql = new HashMap<>();
        List<String> outcomes = new ArrayList<>();
        for (Renderings.Rendering rendering : renderings.all()) {
            outcomes.add(rendering.problem() != null ? rendering.problem()
                    : bySql.computeIfAbsent(rendering.bound().getSql(),
                            sql -> execute(run, statement, rendering.parameter(), rendering.bound())));
        }
        return new StatementResult(failureLines(statement, renderings.branches(), renderings.combinations(), outcomes),
                bySql.size(), renderings.skipped());
    }

    /**
     * One line per distinct problem, labelled with the decisions every failing combination shares
     * (nothing when every combination fails the same way).
     */
    private static List<String> failureLines(MappedStatement statement, Branches branches,
                                             List<Branches.Combination> combinations, List<String> outcomes) {
        Map<String, List<Branches.Combination>> byProblem = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).isEmpty()) {
                byProblem.computeIfAbsent(outcomes.get(i), problem -> new ArrayList<>()).add(combinations.get(i));
            }
        }
        List<String> lines = new ArrayList<>();
        byProblem.forEach((problem, failing) -> {
            String label = "";
            if (failing.size() < combinations.size()) {
                List<Integer> shared = new ArrayList<>();
                for (int d = 0; d < branches.decisions().size(); d++) {
                    int choice = failing.get(0).choices()[d];
                    int decision = d;
                    if (failing.stream().allMatch(c -> c.choices()[decision] == choice)) {
                        shared.add(d);
                    }
                }
                label = branches.label(failing.get(0), shared);
            }
            lines.add(name(statement) + (label.isEmpty() ? "" : " [" + label + "]") + ": " + problem);
        });
        return lines;
    }

    /**
     * Runs one rendering, then rolls back to the sample rows; the problem, or "" when it works. A
     * query's result is compared with its result map by the columns' types, then each row it returned
     * is mapped as MyBatis maps it, so a result map that cannot take a real row fails too.
     */
    private static String execute(Run run, MappedStatement statement, Object parameter, BoundSql bound) {
        Connection connection = run.connection();
        try {
            try (PreparedStatement prepared = prepare(connection, statement, bound.getSql())) {
                ParameterHandler parameters = new DefaultParameterHandler(statement, parameter, bound);
                try {
                    parameters.setParameters(prepared);
                } catch (RuntimeException e) {
                    return "cannot bind the parameters: " + rootMessage(e);
                }
                // MyBatis maps the rows of a <select> only: an <update> that answers with rows (the
                // debit's) hands them to its parameter (ReturnedRowPlugin), not to a result map.
                if (prepared.execute() && statement.getSqlCommandType() == SqlCommandType.SELECT
                        && !statement.getResultMaps().isEmpty()) {
                    ResultSet rows = prepared.getResultSet();
                    String problems = String.join("; ", run.results().compare(statement.getResultMaps(), rows.getMetaData()));
                    return problems.isEmpty() ? mapRows(run, statement, parameters, bound, prepared) : problems;
                }
                return "";
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08")) {
                throw new SchemaException("The mapper check lost its database: " + e.getMessage(), e);
            }
            return ranOnTheSchema(state) ? "" : serverMessage(e) + " (SQLSTATE " + state + ")";
        } finally {
            try {
                connection.rollback(run.seeded());
            } catch (SQLException e) {
                throw new SchemaException("Cannot roll back the mapper check's transaction: " + e.getMessage(), e);
            }
        }
    }

    /** Maps the rows of the executed query with MyBatis's own result handling; the problem, or "". */
    private static String mapRows(Run run, MappedStatement statement, ParameterHandler parameters, BoundSql bound,
                                  PreparedStatement executed) throws SQLException {
        ResultSetHandler handler = statement.getConfiguration().newResultSetHandler(run.executor(), statement,
                RowBounds.DEFAULT, parameters, null, bound);
        try {
            handler.handleResultSets(executed);
            return "";
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                throw new SchemaException("The mapper check lost its database: " + sql.getMessage(), sql);
            }
            return RowMappingProblem.describe(statement, e);
        }
    }

    /**
     * Whether a statement that failed so still ran on the schema: the sample values tripped a
     * constraint (23xxx: a foreign key, a unique key, a check) or a trigger raised an exception
     * (P0001). A NOT NULL violation is the statement's own fault: every sample value is set, so it
     * left a required column out. Anything else (an unknown column, a data error in the SQL itself,
     * a timeout, an internal error) fails the check.
     */
    static boolean ranOnTheSchema(String sqlState) {
        return sqlState.startsWith(INTEGRITY_CONSTRAINT_VIOLATION) && !sqlState.equals(NOT_NULL_VIOLATION)
                || sqlState.equals(RAISE_EXCEPTION);
    }

    private static PreparedStatement prepare(Connection connection, MappedStatement statement, String sql)
            throws SQLException {
        if (statement.getKeyGenerator() instanceof Jdbc3KeyGenerator) {
            String[] keyColumns = statement.getKeyColumns();
            return keyColumns == null || keyColumns.length == 0
                    ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                    : connection.prepareStatement(sql, keyColumns);
        }
        return connection.prepareStatement(sql);
    }

    static List<MappedStatement> statements(Configuration configuration) {
        Set<MappedStatement> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String name : configuration.getMappedStatementNames()) {
            if (name.contains(".")) {
                seen.add(configuration.getMappedStatement(name, false));
            }
        }
        List<MappedStatement> statements = new ArrayList<>(seen);
        statements.sort(Comparator.comparing(MappedStatement::getId));
        return statements;
    }

    private static String mapperName(MappedStatement statement) {
        String name = name(statement);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** {@code UserMapper.findByTelegramId} for {@code dev.avatarbot.schema.mapper.UserMapper.findByTelegramId}. */
    static String name(MappedStatement statement) {
        String id = statement.getId();
        int last = id.lastIndexOf('.');
        if (last < 0) {
            return id;
        }
        String namespace = id.substring(0, last);
        return namespace.substring(namespace.lastIndexOf('.') + 1) + id.substring(last);
    }

    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        String message = e.getMessage() == null ? e.getSQLState() : e.getMessage();
        return message.strip().lines().findFirst().orElse(message).replaceFirst("^ERROR: ", "");
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }
}
