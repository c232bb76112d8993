package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import dev.avatarbot.schema.core.FileReading;
import dev.avatarbot.schema.core.SchemaException;

/**
 * The per-table SELECTs for a source of another layout: a UTF-8 properties file whose keys are
 * target table names and whose values are SELECTs returning columns named like the target's
 * (continue long lines with a backslash).
 */
public final class SelectsFile {

    private SelectsFile() {
    }

    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw FileReading.unreadable("selects file", file, e, "Give schema.selectsFile a properties file of"
                    + " table=SELECT lines.");
        }
        Map<String, String> selects = new LinkedHashMap<>();
        for (String table : properties.stringPropertyNames()) {
            if (Arrays.stream(TransferTable.values()).noneMatch(t -> t.table.equals(table))) {
                throw new SchemaException.UserError("The selects file " + file + " names '" + table + "', which is not"
                        + " a table of the schema: use users, user_balances, user_states, avatars or avatar_photos.");
            }
            selects.put(table, properties.getProperty(table).strip());
        }
        return selects;
    }
}
