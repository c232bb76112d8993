package dev.avatarbot.schema.core;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Why a file a user named cannot be read, said as a user mistake. */
public final class FileReading {

    private FileReading() {
    }

    /**
     * One line for a file that cannot be read: {@code Cannot read the selects file x.sql: it does
     * not exist}, then {@code fix}.
     */
    public static SchemaException.UserError unreadable(String what, Path file, IOException e, String fix) {
        return new SchemaException.UserError("Cannot read the " + what + " " + file.toAbsolutePath().normalize() + ": "
                + reason(e) + ". " + fix);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e.getMessage() != null && e.getMessage().contains("Is a directory")) {
            return "it is a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
