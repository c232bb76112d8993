package dev.avatarbot.schema.test.spring;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.avatarbot.schema.test.SchemaDatabase;

/** A test class's one {@code static SchemaDatabase} field, where Spring's test framework looks for it. */
final class SchemaDatabaseField {

    private SchemaDatabaseField() {
    }

    /** The field in the class, its superclasses, or the classes a {@code @Nested} test sits in; empty when there is none. */
    static Optional<Field> of(Class<?> testClass) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> outer = testClass; outer != null && fields.isEmpty(); outer = outer.getEnclosingClass()) {
            for (Class<?> type = outer; type != null && type != Object.class && fields.isEmpty(); type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && SchemaDatabase.class.isAssignableFrom(field.getType())) {
                        fields.add(field);
                    }
                }
            }
        }
        if (fields.size() > 1) {
            throw new IllegalStateException(testClass.getName() + " has " + fields.size() + " static SchemaDatabase fields ("
                    + fields.stream().map(Field::getName).toList() + "): keep one, which becomes the test context's DataSource");
        }
        return fields.stream().findFirst();
    }

    /** The field's value, which must be set. */
    static SchemaDatabase read(Field field) {
        try {
            field.setAccessible(true);
            SchemaDatabase database = (SchemaDatabase) field.get(null);
            if (database == null) {
                throw new IllegalStateException(field + " is null: assign it SchemaDatabase.atHead() or atRevision(...)");
            }
            return database;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field + ": " + e.getMessage(), e);
        }
    }
}
