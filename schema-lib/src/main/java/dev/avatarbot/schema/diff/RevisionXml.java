package dev.avatarbot.schema.diff;

import java.util.List;
import java.util.stream.Collectors;

import dev.avatarbot.schema.diff.RevisionWriter.ChangeSet;

/** {@link RevisionWriter}'s changesets as the XML of a revision file, in the house layout. */
public final class RevisionXml {

    private RevisionXml() {
    }

    /**
     * The body of a revision file: the cannot-express lines as a comment, then one changeset per
     * change with ids {@code <revision>-NN-<name>}; the caller adds the tag after it. {@code author}
     * is written as given: XML-escaped already.
     */
    public static String body(String revision, String author, List<String> cannotExpress, List<ChangeSet> changeSets) {
        StringBuilder xml = new StringBuilder();
        if (!cannotExpress.isEmpty()) {
            xml.append("    <!-- NOT WRITTEN: the diff cannot express these; add them by hand, with rollbacks:\n");
            cannotExpress.forEach(line -> xml.append("         - ").append(commentText(line)).append('\n'));
            xml.append("    -->\n\n");
        }
        for (int i = 0; i < changeSets.size(); i++) {
            ChangeSet changeSet = changeSets.get(i);
            xml.append("    <changeSet id=\"").append(revision).append('-').append("%02d".formatted(i + 1)).append('-')
                    .append(changeSet.name()).append("\" author=\"").append(author).append('"');
            if (changeSet.outsideTransaction()) {
                xml.append(" runInTransaction=\"false\"");
            }
            xml.append(">\n        <comment>").append(escape(changeSet.comment())).append("</comment>\n");
            changeSet.notes().forEach(note -> xml.append(comment(note)));
            xml.append("        <sql>\n").append(statements(changeSet.sql())).append("        </sql>\n");
            if (changeSet.rollback().isEmpty()) {
                xml.append("        <rollback/>\n");
            } else {
                xml.append("        <rollback>\n").append(statements(changeSet.rollback())).append("        </rollback>\n");
            }
            xml.append("    </changeSet>\n\n");
        }
        return xml.toString();
    }

    private static String statements(List<String> statements) {
        String indent = "            ";
        return statements.stream().map(s -> indent + s.replace("\n", "\n" + indent)).map(RevisionXml::escape)
                .collect(Collectors.joining(";\n", "", "\n"));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A note as an XML comment, wrapped at about 110 columns. */
    private static String comment(String note) {
        StringBuilder out = new StringBuilder("        <!--");
        int column = out.length();
        for (String word : commentText(note).split(" ")) {
            if (column + 1 + word.length() > 110 && column > 13) {
                out.append("\n             ");
                column = 13;
            } else {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.append(" -->\n").toString();
    }

    private static String commentText(String text) {
        return text.replace("--", "- -");
    }
}
