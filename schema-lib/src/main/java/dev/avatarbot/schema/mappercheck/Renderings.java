package dev.avatarbot.schema.mappercheck;

import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.session.Configuration;

/**
 * A statement rendered as MyBatis would render it, once per branch combination within a budget,
 * each with the typed sample parameter it was rendered for: what the mapper check runs and what
 * lint reads.
 */
final class Renderings {

    /** One rendering: its SQL and parameter, or why it could not be rendered. */
    record Rendering(Branches.Combination combination, Object parameter, BoundSql bound, String problem) {
    }

    private final Branches branches;
    private final List<Branches.Combination> combinations;
    private final List<Rendering> renderings = new ArrayList<>();

    Renderings(Configuration configuration, MappedStatement statement, SampleValues samples, int budget) {
        branches = Branches.of(configuration, statement.getSqlSource());
        combinations = branches.combinations(budget);
        for (Branches.Combination combination : combinations) {
            try {
                Object parameter = samples.parameterFor(statement, branches.elements(combination));
                SqlSource source = branches.isDynamic() ? branches.forced(combination) : statement.getSqlSource();
                renderings.add(new Rendering(combination, parameter, source.getBoundSql(parameter), null));
            } catch (RuntimeException e) {
                renderings.add(new Rendering(combination, null, null, "cannot render the SQL: " + MapperCheck.rootMessage(e)));
            }
        }
    }

    Branches branches() {
        return branches;
    }

    List<Branches.Combination> combinations() {
        return combinations;
    }

    /** One per combination, in {@link #combinations()} order. */
    List<Rendering> all() {
        return renderings;
    }

    /** The branch combinations the budget left out. */
    long skipped() {
        return branches.total() - combinations.size();
    }
}
