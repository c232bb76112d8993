package dev.avatarbot.schema.mappercheck;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a mapper check found: how many statements and branch combinations it ran, the failures
 * (one line each: {@code UserMapper.findByTelegramId [username != null]: column "username" does not exist}),
 * the statements whose combinations went past the budget, with how many were skipped, and how many
 * statements each mapper (by its simple name) has.
 */
public record MapperReport(int statements, int branchesRun, long branchesSkipped, List<String> failures,
                           List<String> skipped, Map<String, Integer> mappers) {

    public MapperReport {
        mappers = Collections.unmodifiableMap(new TreeMap<>(mappers));
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The mappers checked, e.g. {@code AvatarMapper (5), UserMapper (6)}. */
    public String describeMappers() {
        return String.join(", ", mappers.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
    }

    /** One line: statements, branches run and skipped, failures. */
    public String summary() {
        return statements + " mapped statements, " + branchesRun + " branches run"
                + (branchesSkipped == 0 ? "" : ", " + branchesSkipped + " skipped over the budget")
                + (failures.isEmpty() ? ": all work on the schema" : ", " + failures.size() + " failing");
    }

    /**
     * This report, or {@link MapperCheckException} when a statement failed.
     *
     * @throws MapperCheckException naming each failing statement, branch and cause
     */
    public MapperReport orThrow() {
        if (!passed()) {
            throw new MapperCheckException(this);
        }
        return this;
    }
}
