package dev.avatarbot.schema.mapper;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.reflection.ExceptionUtil;
import org.apache.ibatis.reflection.Reflector;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;
import org.apache.ibatis.reflection.invoker.Invoker;
import org.apache.ibatis.reflection.wrapper.DefaultObjectWrapperFactory;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.TypeHandler;
import org.apache.ibatis.type.UnknownTypeHandler;

/**
 * The rows of a statement whose one result map is flat, read as MyBatis reads them (a column absent
 * from the result set leaves its property alone, a null is not set unless {@code callSettersOnNulls},
 * a row of nulls only is null unless {@code returnInstanceForEmptyRow}), without the work MyBatis does
 * again on every row and column: upper-casing each column name to look it up, a {@code MetaObject} per
 * row, parsing each property name. Flat: every mapping an {@code <id>} or {@code <result>} of one
 * column into a plain property through its known type handler, auto-mapping off, nothing nested,
 * no constructor mapping, no discriminator, MyBatis' own object factory and wrapper factory.
 */
final class FlatRows {

    private final Configuration configuration;
    private final Constructor<?> rowConstructor;
    private final List<Column> columns;

    /** One mapping: the column, its type handler, the property's setter. */
    private record Column(String name, String upperCaseName, TypeHandler<?> typeHandler, String property,
            Invoker setter, boolean primitive) {

        void set(Object row, Object value) {
            try {
                setter.invoke(row, new Object[] {value});
            } catch (Throwable fault) {
                Throwable cause = ExceptionUtil.unwrapThrowable(fault);
                throw new ReflectionException("Could not set property '" + property + "' of '" + row.getClass()
                        + "' with value '" + value + "' Cause: " + cause, cause);
            }
        }
    }

    private FlatRows(Configuration configuration, Constructor<?> rowConstructor, List<Column> columns) {
        this.configuration = configuration;
        this.rowConstructor = rowConstructor;
        this.columns = columns;
    }

    /** The statement's reader, or null when its results are not flat (MyBatis' own handler reads them). */
    static FlatRows of(MappedStatement statement) {
        Configuration configuration = statement.getConfiguration();
        if (statement.getResultMaps().size() != 1 || statement.getResultSets() != null
                || configuration.getObjectFactory().getClass() != DefaultObjectFactory.class
                || configuration.getObjectWrapperFactory().getClass() != DefaultObjectWrapperFactory.class) {
            return null;
        }
        ResultMap resultMap = statement.getResultMaps().get(0);
        Class<?> type = resultMap.getType();
        if (!Boolean.FALSE.equals(resultMap.getAutoMapping()) || resultMap.hasNestedResultMaps()
                || resultMap.hasNestedQueries() || resultMap.getDiscriminator() != null
                || !resultMap.getConstructorResultMappings().isEmpty()
                || configuration.getTypeHandlerRegistry().hasTypeHandler(type)
                || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        Constructor<?> rowConstructor;
        try {
            rowConstructor = type.getConstructor();
        } catch (NoSuchMethodException noPublicConstructor) {
            return null;
        }
        Reflector reflector = configuration.getReflectorFactory().findForClass(type);
        List<Column> columns = new ArrayList<>();
        for (ResultMapping mapping : resultMap.getPropertyResultMappings()) {
            String property = mapping.getProperty();
            TypeHandler<?> typeHandler = mapping.getTypeHandler();
            if (mapping.getColumn() == null || property == null || property.indexOf('.') >= 0
                    || property.indexOf('[') >= 0 || mapping.getNestedQueryId() != null
                    || mapping.getNestedResultMapId() != null || mapping.getResultSet() != null
                    || mapping.isCompositeResult() || typeHandler == null || typeHandler instanceof UnknownTypeHandler
                    || !reflector.hasSetter(property)) {
                return null;
            }
            columns.add(new Column(mapping.getColumn(), mapping.getColumn().toUpperCase(Locale.ENGLISH), typeHandler,
                    property, reflector.getSetInvoker(property), reflector.getSetterType(property).isPrimitive()));
        }
        return new FlatRows(configuration, rowConstructor, List.copyOf(columns));
    }

    /** Every row of {@code rows}, mapped. */
    List<Object> read(ResultSet rows) throws SQLException {
        List<Column> present = presentIn(rows.getMetaData());
        boolean callSettersOnNulls = configuration.isCallSettersOnNulls();
        boolean returnInstanceForEmptyRow = configuration.isReturnInstanceForEmptyRow();
        List<Object> read = new ArrayList<>();
        while (rows.next()) {
            Object row = newRow();
            boolean found = false;
            for (Column column : present) {
                Object value = column.typeHandler().getResult(rows, column.name());
                if (value != null) {
                    found = true;
                    column.set(row, value);
                } else if (callSettersOnNulls && !column.primitive()) {
                    column.set(row, null);
                }
            }
            read.add(found || returnInstanceForEmptyRow ? row : null);
        }
        return read;
    }

    /**
     * The mappings whose column the result set has, matched as MyBatis matches them: by label (or name,
     * without {@code useColumnLabel}), both upper-cased in English. Once per result set, not per row.
     */
    private List<Column> presentIn(ResultSetMetaData metaData) throws SQLException {
        int count = metaData.getColumnCount();
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            String name = configuration.isUseColumnLabel() ? metaData.getColumnLabel(i + 1) : metaData.getColumnName(i + 1);
            names[i] = name.toUpperCase(Locale.ENGLISH);
        }
        List<Column> present = new ArrayList<>(columns.size());
        for (Column column : columns) {
            for (String name : names) {
                if (column.upperCaseName().equals(name)) {
                    present.add(column);
                    break;
                }
            }
        }
        return present;
    }

    private Object newRow() {
        try {
            return rowConstructor.newInstance();
        } catch (ReflectiveOperationException fault) {
            throw new ReflectionException("Error instantiating " + rowConstructor.getDeclaringClass() + ". Cause: "
                    + ExceptionUtil.unwrapThrowable(fault), fault);
        }
    }
}
