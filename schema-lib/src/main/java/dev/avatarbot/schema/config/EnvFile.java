package dev.avatarbot.schema.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.Secrets;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;

/** A {@code .env} file read with dotenv-java; a line it cannot parse is named in the error. */
public final class EnvFile {

    private EnvFile() {
    }

    /** The file's entries, or an empty layer when it does not exist. */
    public static SettingsLayer read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            return new SettingsLayer(absolute + " (absent)", Map.of());
        }
        try {
            Dotenv dotenv = Dotenv.configure()
                    .directory(absolute.getParent().toString())
                    .filename(absolute.getFileName().toString())
                    .load();
            Map<String, String> values = new TreeMap<>();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                values.put(entry.getKey(), entry.getValue());
            }
            return new SettingsLayer(absolute.toString(), values);
        } catch (DotenvException e) {
            // No cause: dotenv's message quotes the line, secret and all.
            throw new SchemaException.UserError(absolute + describeBadLine(absolute, e)
                    + ": write it as KEY=value (see .env.example).");
        }
    }

    private static String describeBadLine(Path file, DotenvException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String prefix = "Malformed entry ";
        if (message.startsWith(prefix)) {
            String bad = message.substring(prefix.length());
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).strip().equals(bad.strip())) {
                        return " line " + (i + 1) + " cannot be parsed: '" + Secrets.mask(bad.strip()) + "'";
                    }
                }
            } catch (IOException ignored) {
                // fall through to the message without a line number
            }
            return ": a line cannot be parsed: '" + Secrets.mask(bad.strip()) + "'";
        }
        return " cannot be read: " + Secrets.mask(message);
    }
}
