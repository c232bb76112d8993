package dev.avatarbot.schema.mappercheck;

import java.util.List;

/**
 * What a mapper check found: how many statements and branch combinations it ran, the failures
 * (one line each: {@code UserMapper.findByTelegramId [username != null]: column "username" does not exist}),
 * and the statements whose combinations went past the budget, with how many were skipped.
 */
public record MapperReport(int statements, int branchesRun, long branchesSkipped, List<String> failures,
                           List<String> skipped) {

    public MapperReport {
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }

    public boolean passed() {
        return failures.isEmpty();
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
