package dev.avatarbot.schema.mapper;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.session.ResultHandler;

/**
 * Gives an {@code <update>} whose parameter is a {@link ReturnedRow} the rows its SQL returned, so a
 * statement can write and answer in one round trip and still be an update to MyBatis (the session is
 * dirty, {@code commit()} commits it, {@code rollback()} undoes it). {@link SchemaSessions} adds it
 * to every configuration it builds or customizes; {@code UserBalanceMapper.debit} needs it.
 *
 * <p>Every other statement is left exactly as MyBatis made it: {@link #plugin} wraps only the
 * statement handler of a {@link ReturnedRow} parameter, with a plain delegate (no proxy).
 */
public final class ReturnedRowPlugin implements Interceptor {

    @Override
    public Object plugin(Object target) {
        if (target instanceof StatementHandler handler
                && handler.getBoundSql().getParameterObject() instanceof ReturnedRow answer) {
            answer.willBeRead();
            return new Reading(handler, answer);
        }
        return target;
    }

    /** Never called: {@link #plugin} wraps without MyBatis' proxies. */
    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        return invocation.proceed();
    }

    /** The statement handler of a {@link ReturnedRow} statement: after the update, its rows go to the parameter. */
    private record Reading(StatementHandler handler, ReturnedRow answer) implements StatementHandler {

        @Override
        public int update(Statement statement) throws SQLException {
            int updated = handler.update(statement);
            ResultSet rows = statement.getResultSet();
            if (rows == null) {
                throw new SQLException("The statement of " + answer.getClass().getSimpleName()
                        + " returned no rows to read: its SQL must end in a SELECT or RETURNING");
            }
            try (rows) {
                answer.read(rows);
            }
            return updated;
        }

        @Override
        public Statement prepare(Connection connection, Integer transactionTimeout) throws SQLException {
            return handler.prepare(connection, transactionTimeout);
        }

        @Override
        public void parameterize(Statement statement) throws SQLException {
            handler.parameterize(statement);
        }

        /** A batch runs its statements later, all at once: too late for the answer the caller waits for. */
        @Override
        public void batch(Statement statement) throws SQLException {
            throw new SQLException("The statement of " + answer.getClass().getSimpleName()
                    + " cannot run in a BATCH session: its caller needs its answer at once");
        }

        @Override
        public <E> List<E> query(Statement statement, ResultHandler resultHandler) throws SQLException {
            return handler.query(statement, resultHandler);
        }

        @Override
        public <E> Cursor<E> queryCursor(Statement statement) throws SQLException {
            return handler.queryCursor(statement);
        }

        @Override
        public BoundSql getBoundSql() {
            return handler.getBoundSql();
        }

        @Override
        public ParameterHandler getParameterHandler() {
            return handler.getParameterHandler();
        }
    }
}
