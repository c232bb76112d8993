package dev.avatarbot.schema.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.avatarbot.schema.mappercheck.MapperSources;
import dev.avatarbot.schema.mappercheck.MapperSql;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.DeclaredChangeSet;
import dev.avatarbot.schema.migration.SchemaMigrations;

/**
 * schema:lint as a library call: reads every revision's changesets (Liquibase change types
 * rendered to the SQL PostgreSQL would get, formatted SQL as written) and reports each statement
 * whose lock or table rewrite a production table would feel, with the rule, the lock and the safe
 * recipe. Tables created in the same revision are exempt (nobody uses them yet), so the initial
 * revision lints clean. A changeset lets a rule through only with a written reason:
 * {@code -- lint:allow <rule-id> <reason>} in its SQL or its comment; an allow without a reason, or
 * naming an unknown rule, is itself an error. Findings on tables the stats know to be smaller than
 * {@link LintOptions#smallTable()} rows are warnings.
 */
public final class SchemaLint {

    private static final Pattern ALLOW = Pattern.compile("lint:allow\\b[ \\t]*(\\S*)[ \\t]*([^\\r\\n]*)");

    private SchemaLint() {
    }

    /** Lints the revisions of {@code source} against the jar's mappers. */
    public static LintReport lint(ChangelogSource source, LintOptions options) {
        return lint(source, MapperSources.schemaLib(), options);
    }

    /**
     * Lints the revisions of {@code source} against the mappers of {@code mappers} (schema-lib's and a
     * service's), each statement read as MyBatis renders it in every branch.
     */
    public static LintReport lint(ChangelogSource source, MapperSources mappers, LintOptions options) {
        return lint(SchemaMigrations.declaredChangeSets(source), MapperSql.of(mappers), options);
    }

    static LintReport lint(List<DeclaredChangeSet> changeSets, Map<String, String> mapperStatements,
                           LintOptions options) {
        Map<String, List<DeclaredChangeSet>> revisions = new LinkedHashMap<>();
        changeSets.forEach(c -> revisions.computeIfAbsent(c.revision(), r -> new ArrayList<>()).add(c));
        StatementCheck check = new StatementCheck(mapperStatements);
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<DeclaredChangeSet>> revision : revisions.entrySet()) {
            Set<String> created = new HashSet<>();
            revision.getValue().forEach(c -> c.statements().stream().map(StatementCheck::createdTable)
                    .filter(t -> t != null).forEach(created::add));
            for (DeclaredChangeSet changeSet : revision.getValue()) {
                findings.addAll(lintChangeSet(changeSet, created, check, options));
            }
        }
        return new LintReport(List.copyOf(findings), revisions.size(), changeSets.size());
    }

    private static List<Finding> lintChangeSet(DeclaredChangeSet changeSet, Set<String> created,
                                               StatementCheck check, LintOptions options) {
        List<Finding> findings = new ArrayList<>();
        Map<LintRule, String> allows = new LinkedHashMap<>();
        Matcher allow = ALLOW.matcher(changeSet.source());
        while (allow.find()) {
            String id = allow.group(1).toLowerCase(Locale.ROOT);
            String reason = allow.group(2).replaceAll("\\s*(\\*/|-->)\\s*$", "").strip();
            var rule = LintRule.byId(id);
            if (rule.isEmpty()) {
                findings.add(invalidAllow(changeSet, id.isEmpty() ? "lint:allow names no rule id."
                        : "lint:allow names an unknown rule id '" + id + "'."));
            } else if (reason.isEmpty()) {
                findings.add(invalidAllow(changeSet, "lint:allow " + id + " gives no reason."));
            } else {
                allows.put(rule.get(), reason);
            }
        }
        List<String> changing = changeSet.changingStatements();
        if (!changeSet.runInTransaction() && changing.size() > 1) {
            findings.add(finding(changeSet, new StatementCheck.Hit(LintRule.NON_TRANSACTIONAL_MULTI_STATEMENT, null,
                    "runInTransaction=\"false\" with " + changing.size() + " statements: each commits on its own,"
                            + " so one that fails leaves those before it applied, and running the changeset again"
                            + " runs them twice."), allows.get(LintRule.NON_TRANSACTIONAL_MULTI_STATEMENT), options));
        }
        boolean lockTimeoutSet = false;
        for (String statement : changeSet.statements()) {
            lockTimeoutSet |= StatementCheck.setsLockTimeout(statement);
            List<StatementCheck.Hit> hits = new ArrayList<>(check.check(statement));
            String locked = StatementCheck.lockedTable(statement);
            if (!options.guarded() && !lockTimeoutSet && locked != null) {
                hits.add(new StatementCheck.Hit(LintRule.NO_LOCK_TIMEOUT, locked.isEmpty() ? null : locked,
                        "\"" + statement + "\" waits for its lock with no lock_timeout set before it."));
            }
            for (StatementCheck.Hit hit : hits) {
                if (hit.table() != null && created.contains(hit.table())) {
                    continue; // created in this revision: nobody uses it yet
                }
                findings.add(finding(changeSet, hit, allows.get(hit.rule()), options));
            }
        }
        return findings;
    }

    private static Finding finding(DeclaredChangeSet changeSet, StatementCheck.Hit hit, String allowedBecause,
                                   LintOptions options) {
        OptionalLong rows = hit.table() == null ? OptionalLong.empty() : options.stats().rows(hit.table());
        Finding.Severity severity;
        if (allowedBecause != null) {
            severity = Finding.Severity.ALLOWED;
        } else if (hit.rule() != LintRule.MAPPER_USES_DROPPED && rows.isPresent()
                && rows.getAsLong() < options.smallTable()) {
            severity = Finding.Severity.WARNING;
        } else {
            severity = Finding.Severity.ERROR;
        }
        return new Finding(hit.rule(), severity, changeSet.revision(), changeSet.id(), hit.table(),
                rows.orElse(-1), hit.detail(), allowedBecause);
    }

    private static Finding invalidAllow(DeclaredChangeSet changeSet, String detail) {
        return new Finding(LintRule.INVALID_ALLOW, Finding.Severity.ERROR, changeSet.revision(), changeSet.id(), null,
                -1, detail, null);
    }
}
