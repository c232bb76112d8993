package dev.avatarbot.schema.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One place settings come from (the command line, the environment, a {@code .env} file, the
 * plugin's configuration), with its values under the {@code DB_*} / {@code OLD_DB_*} key names.
 */
public record SettingsLayer(String name, Map<String, String> values) {

    /** Property prefix of the target's keys: {@code schema.url} is {@code DB_URL}. */
    public static final String TARGET_PROPERTY_PREFIX = "schema.";
    /** Property prefix of the source's keys: {@code schema.source.url} is {@code OLD_DB_URL}. */
    public static final String SOURCE_PROPERTY_PREFIX = "schema.source.";

    private static final String[] KEYS = {"URL", "HOST", "PORT", "NAME", "USER", "PASSWORD"};

    public String get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code -Dschema.url=...}, {@code -Dschema.source.url=...} and so on, renamed to their keys. */
    public static SettingsLayer fromProperties(String name, Map<?, ?> properties) {
        Map<String, String> values = new TreeMap<>();
        for (String key : KEYS) {
            String suffix = key.toLowerCase(Locale.ROOT);
            putIfSet(values, SettingsResolver.TARGET + key, properties.get(TARGET_PROPERTY_PREFIX + suffix));
            putIfSet(values, SettingsResolver.SOURCE + key, properties.get(SOURCE_PROPERTY_PREFIX + suffix));
        }
        return new SettingsLayer(name, values);
    }

    /** The {@code DB_*} and {@code OLD_DB_*} variables of an environment. */
    public static SettingsLayer fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        for (String key : KEYS) {
            putIfSet(values, SettingsResolver.TARGET + key, environment.get(SettingsResolver.TARGET + key));
            putIfSet(values, SettingsResolver.SOURCE + key, environment.get(SettingsResolver.SOURCE + key));
        }
        return new SettingsLayer("environment", values);
    }

    private static void putIfSet(Map<String, String> values, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            values.put(key, value.toString());
        }
    }
}
