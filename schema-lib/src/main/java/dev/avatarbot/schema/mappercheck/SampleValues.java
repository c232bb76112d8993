package dev.avatarbot.schema.mappercheck;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.ParamNameResolver;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/**
 * Typed sample arguments for a mapped statement, built from its mapper method's signature the way
 * MyBatis would receive them: numbers, text, UUIDs, timestamps, JSON objects, domain objects with
 * every writable property set, and collections of one or two elements (the {@code <foreach>}
 * branches). Nothing is null, so every {@code #{}} binds a value of its Java type.
 */
final class SampleValues {

    private static final OffsetDateTime INSTANT = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final int DEPTH = 3;

    private final Configuration configuration;
    private final Map<String, Class<?>> mappers = new HashMap<>();

    SampleValues(Configuration configuration) {
        this.configuration = configuration;
        for (Class<?> mapper : configuration.getMapperRegistry().getMappers()) {
            mappers.put(mapper.getName(), mapper);
        }
    }

    /** The parameter object MyBatis would get for the statement, collections holding {@code elements} elements. */
    Object parameterFor(MappedStatement statement, int elements) {
        Optional<Method> method = mapperMethod(statement);
        if (method.isPresent()) {
            Type[] types = method.get().getGenericParameterTypes();
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = sample(types[i], elements, 0, 0);
            }
            return new ParamNameResolver(configuration, method.get()).getNamedParams(args);
        }
        Class<?> type = statement.getParameterMap() == null ? null : statement.getParameterMap().getType();
        if (type == null || type == Object.class || Map.class.isAssignableFrom(type)) {
            return new HashMap<String, Object>();
        }
        return sample(type, elements, 0, 0);
    }

    /** The mapper interface's abstract method that runs the statement, when there is one. */
    private Optional<Method> mapperMethod(MappedStatement statement) {
        String id = statement.getId();
        int dot = id.lastIndexOf('.');
        Class<?> mapper = dot < 0 ? null : mappers.get(id.substring(0, dot));
        if (mapper == null) {
            return Optional.empty();
        }
        String name = id.substring(dot + 1);
        for (Method method : mapper.getMethods()) {
            if (method.getName().equals(name) && !method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    private Object sample(Type type, int elements, int ordinal, int depth) {
        Class<?> raw = raw(type);
        if (raw == null || raw == Object.class) {
            return "sample";
        }
        if (raw == RowBounds.class) {
            return RowBounds.DEFAULT;
        }
        if (ResultHandler.class.isAssignableFrom(raw)) {
            return null;
        }
        Object simple = simple(raw, ordinal);
        if (simple != null) {
            return simple;
        }
        if (raw.isArray()) {
            Object array = Array.newInstance(raw.getComponentType(), elements);
            for (int i = 0; i < elements; i++) {
                Array.set(array, i, sample(raw.getComponentType(), elements, i, depth + 1));
            }
            return array;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            Collection<Object> collection = java.util.Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
            for (int i = 0; i < elements; i++) {
                collection.add(sample(element, elements, i, depth + 1));
            }
            return collection;
        }
        if (Map.class.isAssignableFrom(raw) || depth >= DEPTH || raw.isInterface()
                || Modifier.isAbstract(raw.getModifiers())) {
            return jsonObject(raw);
        }
        return bean(raw, elements, ordinal, depth);
    }

    /** A value for a type MyBatis binds with a type handler of its own, or null for other types. */
    private static Object simple(Class<?> type, int ordinal) {
        long n = 1 + ordinal;
        if (type == long.class || type == Long.class) {
            return n;
        }
        if (type == int.class || type == Integer.class) {
            return (int) n;
        }
        if (type == short.class || type == Short.class) {
            return (short) n;
        }
        if (type == byte.class || type == Byte.class) {
            return (byte) n;
        }
        if (type == double.class || type == Double.class) {
            return (double) n;
        }
        if (type == float.class || type == Float.class) {
            return (float) n;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == char.class || type == Character.class) {
            return 'a';
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "s" + n;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.valueOf(n);
        }
        if (type == BigInteger.class) {
            return BigInteger.valueOf(n);
        }
        if (type == UUID.class) {
            return new UUID(0x5a4d91e0L, n);
        }
        if (type == OffsetDateTime.class) {
            return INSTANT;
        }
        if (type == ZonedDateTime.class) {
            return INSTANT.toZonedDateTime();
        }
        if (type == Instant.class) {
            return INSTANT.toInstant();
        }
        if (type == LocalDateTime.class) {
            return INSTANT.toLocalDateTime();
        }
        if (type == LocalDate.class) {
            return INSTANT.toLocalDate();
        }
        if (type == LocalTime.class) {
            return INSTANT.toLocalTime();
        }
        if (type == java.sql.Timestamp.class) {
            return java.sql.Timestamp.from(INSTANT.toInstant());
        }
        if (type == java.sql.Date.class) {
            return java.sql.Date.valueOf(INSTANT.toLocalDate());
        }
        if (type == java.util.Date.class) {
            return java.util.Date.from(INSTANT.toInstant());
        }
        if (type == byte[].class) {
            return new byte[] {1};
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants.length == 0 ? null : constants[ordinal % constants.length];
        }
        if (isJson(type)) {
            return jsonObject(type);
        }
        return null;
    }

    private static boolean isJson(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.fasterxml.jackson.databind.JsonNode")) {
                return true;
            }
        }
        return false;
    }

    /** {@code {}} as a Jackson node when the type takes one, else an empty map. */
    private static Object jsonObject(Class<?> type) {
        if (isJson(type)) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return Map.class.isAssignableFrom(type) || type.isInterface() ? new HashMap<String, Object>() : null;
    }

    /** A domain object with every writable property set, or a record built from sample components. */
    private Object bean(Class<?> type, int elements, int ordinal, int depth) {
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = sample(components[i].getGenericType(), elements, ordinal, depth + 1);
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        Object bean;
        try {
            bean = configuration.getObjectFactory().create(type);
        } catch (RuntimeException e) {
            return null; // no default constructor: MyBatis binds null for its properties' absence too
        }
        MetaObject meta = configuration.newMetaObject(bean);
        for (String property : meta.getSetterNames()) {
            Object value = sample(genericType(type, property, meta.getSetterType(property)), elements, ordinal, depth + 1);
            if (value != null) {
                try {
                    meta.setValue(property, value);
                } catch (RuntimeException e) {
                    // a setter that refuses the sample keeps its default
                }
            }
        }
        return bean;
    }

    /** The declared (generic) type of a property, from its field when there is one. */
    private static Type genericType(Class<?> type, String property, Class<?> setterType) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(property);
                if (raw(field.getGenericType()) == setterType) {
                    return field.getGenericType();
                }
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return setterType;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
