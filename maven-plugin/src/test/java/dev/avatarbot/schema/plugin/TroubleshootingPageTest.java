package dev.avatarbot.schema.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The troubleshooting page of the manual ({@code src/site/markdown/troubleshooting.md}) quotes every
 * message a user can be shown for a mistake: the text of each {@code MojoFailureException} the
 * goals throw, of each {@code SchemaException.UserError} (and its subclasses) the library throws,
 * of {@code FileReading.unreadable}, of the files that build such messages in helpers
 * ({@link MavenHint}, {@code SchemaNotCurrentException}) and of the Spring Boot starter's failure report.
 *
 * <p>The messages are read from the sources, not listed here: every string literal in the argument
 * list of such a constructor (or {@code super(...)}/{@code this(...)} in such a class) that holds at
 * least three words must appear on the page, whitespace aside. The page quotes each message with
 * {@code <placeholders>} for the parts the code fills in, so a new message, or a changed wording,
 * fails this test until the page says what it means and how to fix it.
 */
class TroubleshootingPageTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private static final Path PAGE = REPOSITORY.resolve("maven-plugin/src/site/markdown/troubleshooting.md");

    private static final List<Path> SOURCES = List.of(
            REPOSITORY.resolve("schema-lib/src/main/java"),
            REPOSITORY.resolve("maven-plugin/src/main/java"),
            REPOSITORY.resolve("schema-spring-boot-starter/src/main/java"));

    /**
     * Files every literal of which is (part of) a user-facing message, built in a helper rather than
     * in the constructor call: the Maven hints, the Boot failure report, the "not current" message.
     */
    private static final Set<String> MESSAGE_FILES = Set.of("MavenHint.java", "SchemaFailureAnalyzer.java",
            "SchemaNotCurrentException.java");

    /** Calls whose arguments build a user-facing message, besides the user-error constructors. */
    private static final List<String> MESSAGE_CALLS = List.of("FileReading.unreadable(", "new FailureAnalysis(");

    private static final Pattern CLASS_EXTENDS = Pattern.compile("class\\s+(\\w+)[^{]*?\\bextends\\s+([\\w.]+)");

    @Test
    void everyUserFacingMessageIsOnTheTroubleshootingPage() throws IOException {
        String page = normalize(Files.readString(PAGE, StandardCharsets.UTF_8));
        Map<String, Set<String>> messages = userFacingMessages();
        assertThat(messages).as("user-facing messages found in the sources").hasSizeGreaterThan(80);

        Map<String, List<String>> missing = new TreeMap<>();
        messages.forEach((where, fragments) -> fragments.stream().filter(f -> !page.contains(f))
                .forEach(f -> missing.computeIfAbsent(where, w -> new ArrayList<>()).add(f)));
        assertThat(missing).as("message text missing from %s (quote the message there, with its cause and"
                + " fix)", REPOSITORY.relativize(PAGE)).isEmpty();
    }

    @Test
    void theCollectorFindsTheMessagesItIsMeantToFind() throws IOException {
        Map<String, Set<String>> messages = userFacingMessages();
        Set<String> all = messages.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        // One of each kind: a goal's MojoFailureException, a library UserError, a subclass's super(...),
        // a FileReading call, a Maven hint, the Boot starter's report; literals joined by + are one.
        assertThat(all).contains(
                "): run schema:upgrade before this step.",
                "The revision needs a message: say what it changes, e.g. -Dschema.message=\"Add avatar style\".",
                "(and 'base', the empty schema, to roll back everything).",
                "Give schema.selectsFile a properties file of table=SELECT lines.",
                "If no other tool is migrating this database, run schema:release-locks.",
                "Run mvn schema:upgrade against this database, or set avatardb.schema.mode=upgrade to upgrade it as"
                        + " the service starts.");
    }

    /** Where each message is thrown (file:line), and its literal fragments of three words or more. */
    static Map<String, Set<String>> userFacingMessages() throws IOException {
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Path root : SOURCES) {
            assertThat(root).isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    sources.put(file, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        Set<String> userErrors = userErrorTypes(sources.values());
        Pattern constructor = Pattern.compile("new\\s+(" + userErrors.stream().map(Pattern::quote)
                .collect(Collectors.joining("|")) + ")\\s*\\(");
        Map<String, Set<String>> messages = new LinkedHashMap<>();
        for (Map.Entry<Path, String> source : sources.entrySet()) {
            String text = withoutComments(source.getValue());
            String name = source.getKey().getFileName().toString();
            List<Integer> openings = new ArrayList<>();
            Matcher call = constructor.matcher(text);
            while (call.find()) {
                openings.add(call.end() - 1);
            }
            for (String messageCall : MESSAGE_CALLS) {
                for (int at = text.indexOf(messageCall); at >= 0; at = text.indexOf(messageCall, at + 1)) {
                    openings.add(at + messageCall.length() - 1);
                }
            }
            if (declaresUserError(text, userErrors)) {
                Matcher superCall = Pattern.compile("\\b(super|this)\\s*\\(").matcher(text);
                while (superCall.find()) {
                    openings.add(superCall.end() - 1);
                }
            }
            String file = REPOSITORY.relativize(source.getKey()).toString();
            if (MESSAGE_FILES.contains(name)) {
                // The whole file: its messages are built in helpers (a hint, a describe method).
                add(messages, file + " (every literal)", literals(text, 0, text.length()));
            }
            for (int opening : openings) {
                int line = (int) text.substring(0, opening).chars().filter(c -> c == '\n').count() + 1;
                add(messages, file + ":" + line, literals(text, opening, closing(text, opening)));
            }
        }
        return messages;
    }

    private static void add(Map<String, Set<String>> messages, String where, List<String> literals) {
        Set<String> fragments = new LinkedHashSet<>();
        for (String literal : literals) {
            String fragment = normalize(literal);
            if (fragment.split(" ").length >= 3) {
                fragments.add(fragment);
            }
        }
        if (!fragments.isEmpty()) {
            messages.computeIfAbsent(where, w -> new LinkedHashSet<>()).addAll(fragments);
        }
    }

    /** MojoFailureException, SchemaException.UserError, and every class of the sources that extends one of them. */
    private static Set<String> userErrorTypes(Iterable<String> sources) {
        Set<String> types = new LinkedHashSet<>(List.of("MojoFailureException", "SchemaException.UserError", "UserError"));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String source : sources) {
                Matcher declaration = CLASS_EXTENDS.matcher(source);
                while (declaration.find()) {
                    String parent = declaration.group(2);
                    String simpleParent = parent.substring(parent.lastIndexOf('.') + 1);
                    if ((types.contains(parent) || types.contains(simpleParent)) && types.add(declaration.group(1))) {
                        grew = true;
                    }
                }
            }
        }
        return types;
    }

    private static boolean declaresUserError(String source, Set<String> userErrors) {
        Matcher declaration = CLASS_EXTENDS.matcher(source);
        while (declaration.find()) {
            String parent = declaration.group(2);
            if (!parent.equals("MojoFailureException") && (userErrors.contains(parent)
                    || userErrors.contains(parent.substring(parent.lastIndexOf('.') + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The index of the parenthesis closing the one at {@code opening}, skipping literals. */
    private static int closing(String text, int opening) {
        int depth = 0;
        for (int i = opening; i < text.length(); i++) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i)) {
                i = text.indexOf("\"\"\"", i + 3) + 2;
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("Unbalanced parentheses after offset " + opening);
    }

    /**
     * The string literals (and text blocks) between two offsets, unescaped; literals joined only by
     * {@code +} count as one ({@code "a long" + " sentence"}).
     */
    private static List<String> literals(String text, int from, int to) {
        List<String> literals = new ArrayList<>();
        int previousEnd = -1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int start = i;
            String literal = null;
            if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                literal = unescape(text.substring(i + 3, end));
                i = end + 2;
            } else if (c == '"') {
                int end = endOfLiteral(text, i);
                literal = unescape(text.substring(i + 1, end));
                i = end;
            } else if (c == '\'') {
                i = endOfLiteral(text, i);
            }
            if (literal != null) {
                if (previousEnd >= 0 && text.substring(previousEnd, start).matches("\\s*\\+\\s*")) {
                    literals.set(literals.size() - 1, literals.get(literals.size() - 1) + literal);
                } else {
                    literals.add(literal);
                }
                previousEnd = i + 1;
            }
        }
        return literals;
    }

    private static int endOfLiteral(String text, int opening) {
        char quote = text.charAt(opening);
        int i = opening + 1;
        while (text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    private static String unescape(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length()) {
                char next = literal.charAt(++i);
                out.append(switch (next) {
                    case 'n', 't', 'r' -> ' ';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The source without comments (their quotes are not literals), literals kept as they are. */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3) + 3;
                out.append(source, i, end);
                i = end - 1;
            } else if (c == '"' || c == '\'') {
                int end = endOfLiteral(source, i) + 1;
                out.append(source, i, end);
                i = end - 1;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = (end < 0 ? source.length() : end) - 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2) + 2;
                // Keep the line count, so the lines reported stay right.
                out.append(source.substring(i, end).replaceAll("[^\n]", ""));
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whitespace collapsed: a message may be wrapped anywhere on the page. */
    private static String normalize(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
