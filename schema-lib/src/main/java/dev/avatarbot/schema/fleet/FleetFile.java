package dev.avatarbot.schema.fleet;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.avatarbot.schema.config.ConnectionSettings;
import dev.avatarbot.schema.core.SchemaException;

/**
 * A fleet file: UTF-8, one target a line as {@code name = JDBC URL}, in rollout order; {@code #}
 * at the start of a line or after a blank starts a comment. A mistake fails with one line naming
 * the file and line, the URL shown masked.
 */
public final class FleetFile {

    /** One target line. */
    public record Entry(String name, String url, int line) {
    }

    private static final Pattern TARGET = Pattern.compile("([A-Za-z0-9_.-]+)\\s*=\\s*(\\S+)");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");
    private static final String EXAMPLE = "'eu-1 = jdbc:postgresql://db-eu-1:5432/avatar_bot'";

    private FleetFile() {
    }

    public static List<Entry> read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new SchemaException.UserError("The fleet file " + file + " does not exist: fix -Dschema.fleet.");
        } catch (CharacterCodingException e) {
            throw new SchemaException.UserError("The fleet file " + file + " is not UTF-8: save it as UTF-8.");
        } catch (IOException e) {
            throw new SchemaException.UserError("Cannot read the fleet file " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** The targets of {@code text}; {@code source} names it in errors. */
    public static List<Entry> parse(String source, String text) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = COMMENT.matcher(lines[i]).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher target = TARGET.matcher(line);
            if (!target.matches()) {
                throw new SchemaException.UserError(source + " line " + number + ": expected name = JDBC URL, such as "
                        + EXAMPLE + ", not '" + ConnectionSettings.mask(line) + "'.");
            }
            String name = target.group(1);
            String url = target.group(2);
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new SchemaException.UserError(source + " line " + number + ": the URL of " + name
                        + " must be a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/avatar_bot, not '"
                        + ConnectionSettings.mask(url) + "'.");
            }
            Integer first = seen.putIfAbsent(name, number);
            if (first != null) {
                throw new SchemaException.UserError(source + " line " + number + ": the name " + name
                        + " is already used on line " + first + ": give each target its own name.");
            }
            entries.add(new Entry(name, url, number));
        }
        if (entries.isEmpty()) {
            throw new SchemaException.UserError(source + " names no target: write one line per database, such as "
                    + EXAMPLE + ".");
        }
        return List.copyOf(entries);
    }
}
