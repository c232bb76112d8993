package dev.avatarbot.schema.mappercheck;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.avatarbot.schema.core.SchemaException;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.scripting.xmltags.ChooseSqlNode;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.ForEachSqlNode;
import org.apache.ibatis.scripting.xmltags.IfSqlNode;
import org.apache.ibatis.scripting.xmltags.MixedSqlNode;
import org.apache.ibatis.scripting.xmltags.SetSqlNode;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.TrimSqlNode;
import org.apache.ibatis.scripting.xmltags.WhereSqlNode;
import org.apache.ibatis.session.Configuration;

/**
 * The dynamic-SQL decisions of one statement ({@code <if>} true or false, each {@code <when>} and
 * the {@code <otherwise>} of a {@code <choose>}, one or two elements for the {@code <foreach>}es),
 * the combinations of them to try within a budget, and the SQL tree that forces one combination.
 *
 * <p>MyBatis keeps the tree in private fields ({@code DynamicSqlSource.rootSqlNode} and the nodes'
 * children); they are read by reflection and a forced copy is built with the nodes' public
 * constructors, so the statement renders exactly as MyBatis would with those tests decided.
 */
final class Branches {

    /** Options of the element-count decision: one element, two elements. */
    static final int[] FOREACH_SIZES = {1, 2};

    private static final SqlNode EMPTY = new MixedSqlNode(List.of());

    private final Configuration configuration;
    private final SqlNode root;
    private final List<Decision> decisions = new ArrayList<>();
    private final Map<SqlNode, Integer> index = new IdentityHashMap<>();
    private int foreachDecision = -1;

    /** One point where the rendered SQL can take different shapes, with a label per option. */
    record Decision(List<String> labels) {
    }

    /** One combination of options, one per decision, in {@link #decisions()} order. */
    record Combination(int[] choices) {
    }

    private Branches(Configuration configuration, SqlNode root) {
        this.configuration = configuration;
        this.root = root;
        if (root != null) {
            collect(root);
        }
    }

    /** The decisions of a statement's SQL; a static statement has none. */
    static Branches of(Configuration configuration, SqlSource source) {
        if (source instanceof DynamicSqlSource) {
            return new Branches(configuration, read(source, "rootSqlNode", SqlNode.class));
        }
        return new Branches(configuration, null);
    }

    boolean isDynamic() {
        return root != null;
    }

    List<Decision> decisions() {
        return decisions;
    }

    /** How many elements each collection of the parameter should hold under this combination. */
    int elements(Combination combination) {
        return foreachDecision < 0 ? 1 : FOREACH_SIZES[combination.choices()[foreachDecision]];
    }

    /** Every combination of the options, or when they exceed the budget a set that tries each option once. */
    List<Combination> combinations(int budget) {
        long total = total();
        List<Combination> all = new ArrayList<>();
        if (total <= budget) {
            int[] choices = new int[decisions.size()];
            for (long n = 0; n < total; n++) {
                all.add(new Combination(choices.clone()));
                for (int i = choices.length - 1; i >= 0; i--) {
                    if (++choices[i] < decisions.get(i).labels().size()) {
                        break;
                    }
                    choices[i] = 0;
                }
            }
            return all;
        }
        // Each option at least once: all-first, all-second, ...; then each option alone against the first of the others.
        Set<List<Integer>> seen = new LinkedHashSet<>();
        int widest = decisions.stream().mapToInt(d -> d.labels().size()).max().orElse(1);
        for (int k = 0; k < widest; k++) {
            List<Integer> choices = new ArrayList<>();
            for (Decision decision : decisions) {
                choices.add(Math.min(k, decision.labels().size() - 1));
            }
            seen.add(choices);
        }
        for (int i = 0; i < decisions.size(); i++) {
            for (int option = 1; option < decisions.get(i).labels().size(); option++) {
                List<Integer> choices = new ArrayList<>(java.util.Collections.nCopies(decisions.size(), 0));
                choices.set(i, option);
                seen.add(choices);
            }
        }
        for (List<Integer> choices : seen) {
            if (all.size() == budget) {
                break;
            }
            all.add(new Combination(choices.stream().mapToInt(Integer::intValue).toArray()));
        }
        return all;
    }

    /** The number of combinations of all options (saturating at {@link Long#MAX_VALUE}). */
    long total() {
        long total = 1;
        for (Decision decision : decisions) {
            total = Math.multiplyHigh(total, decision.labels().size()) != 0 ? Long.MAX_VALUE
                    : total * decision.labels().size();
        }
        return total;
    }

    /** The statement's SQL with every decision forced as the combination says. */
    SqlSource forced(Combination combination) {
        return new DynamicSqlSource(configuration, force(root, combination.choices()));
    }

    /** The labels of the given decisions under a combination, e.g. {@code status != null}. */
    String label(Combination combination, List<Integer> which) {
        List<String> labels = new ArrayList<>();
        for (int i : which) {
            labels.add(decisions.get(i).labels().get(combination.choices()[i]));
        }
        return String.join(", ", labels);
    }

    private void collect(SqlNode node) {
        if (node instanceof IfSqlNode) {
            String test = read(node, "test", String.class);
            add(node, List.of(test, "not(" + test + ")"));
            collect(read(node, "contents", SqlNode.class));
        } else if (node instanceof ChooseSqlNode) {
            List<String> labels = new ArrayList<>();
            List<?> whens = read(node, "ifSqlNodes", List.class);
            for (Object when : whens) {
                labels.add("when " + read(when, "test", String.class));
            }
            labels.add("otherwise");
            add(node, labels);
            for (Object when : whens) {
                collect(read(when, "contents", SqlNode.class));
            }
            SqlNode otherwise = read(node, "defaultSqlNode", SqlNode.class);
            if (otherwise != null) {
                collect(otherwise);
            }
        } else if (node instanceof MixedSqlNode) {
            for (Object child : read(node, "contents", List.class)) {
                collect((SqlNode) child);
            }
        } else if (node instanceof TrimSqlNode) {
            collect(read(node, "contents", SqlNode.class));
        } else if (node instanceof ForEachSqlNode) {
            if (foreachDecision < 0) {
                foreachDecision = decisions.size();
                decisions.add(new Decision(List.of("foreach x1", "foreach x2")));
            }
            collect(read(node, "contents", SqlNode.class));
        }
    }

    private void add(SqlNode node, List<String> labels) {
        index.put(node, decisions.size());
        decisions.add(new Decision(labels));
    }

    private SqlNode force(SqlNode node, int[] choices) {
        if (node instanceof IfSqlNode) {
            return choices[index.get(node)] == 0 ? force(read(node, "contents", SqlNode.class), choices) : EMPTY;
        }
        if (node instanceof ChooseSqlNode) {
            List<?> whens = read(node, "ifSqlNodes", List.class);
            int choice = choices[index.get(node)];
            if (choice < whens.size()) {
                return force(read(whens.get(choice), "contents", SqlNode.class), choices);
            }
            SqlNode otherwise = read(node, "defaultSqlNode", SqlNode.class);
            return otherwise == null ? EMPTY : force(otherwise, choices);
        }
        if (node instanceof MixedSqlNode) {
            List<SqlNode> children = new ArrayList<>();
            for (Object child : read(node, "contents", List.class)) {
                children.add(force((SqlNode) child, choices));
            }
            return new MixedSqlNode(children);
        }
        if (node instanceof WhereSqlNode) {
            return new WhereSqlNode(configuration, force(read(node, "contents", SqlNode.class), choices));
        }
        if (node instanceof SetSqlNode) {
            return new SetSqlNode(configuration, force(read(node, "contents", SqlNode.class), choices));
        }
        if (node instanceof TrimSqlNode) {
            return new TrimSqlNode(configuration, force(read(node, "contents", SqlNode.class), choices),
                    read(node, "prefix", String.class), overrides(read(node, "prefixesToOverride", List.class)),
                    read(node, "suffix", String.class), overrides(read(node, "suffixesToOverride", List.class)));
        }
        if (node instanceof ForEachSqlNode) {
            return new ForEachSqlNode(configuration, force(read(node, "contents", SqlNode.class), choices),
                    read(node, "collectionExpression", String.class), read(node, "nullable", Boolean.class),
                    read(node, "index", String.class), read(node, "item", String.class),
                    read(node, "open", String.class), read(node, "close", String.class),
                    read(node, "separator", String.class));
        }
        return node;
    }

    /** TrimSqlNode's parsed overrides back in the form its constructor parses ({@code AND |OR }). */
    private static String overrides(List<?> parsed) {
        if (parsed == null || parsed.isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        parsed.forEach(text -> texts.add(text.toString()));
        return String.join("|", texts);
    }

    private static <T> T read(Object node, String name, Class<T> type) {
        for (Class<?> c = node.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return type.cast(field.get(node));
            } catch (NoSuchFieldException e) {
                // declared higher up (WhereSqlNode's fields are TrimSqlNode's)
            } catch (IllegalAccessException | RuntimeException e) {
                throw new SchemaException("Cannot read " + c.getSimpleName() + "." + name + " of this MyBatis: "
                        + e.getMessage(), e);
            }
        }
        throw new SchemaException("This MyBatis has no field " + name + " in " + node.getClass().getName()
                + ": the mapper check knows MyBatis 3.5's dynamic SQL nodes.");
    }
}
