package dev.avatarbot.schema.compat;

import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.mappercheck.MapperReport;

/**
 * The rolling-deploy matrix between two releases: the previous release's mappers on the new
 * schema (old app, new DB) and the new mappers on the previous schema (new app, old DB), each with
 * its failing statements, and the expand/contract steps that would have avoided them.
 */
public record CompatReport(String previous, String current, MapperReport oldAppNewDb, MapperReport newAppOldDb,
                           List<String> contractHints, List<String> expandHints) {

    public CompatReport {
        contractHints = List.copyOf(contractHints);
        expandHints = List.copyOf(expandHints);
    }

    /** The matrix, then {@link #details()}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(matrix());
        lines.addAll(details());
        return lines;
    }

    /** Three lines: the apps by the databases, each cell ok or how many statements fail. */
    public List<String> matrix() {
        String oldApp = "old app (" + previous + ")";
        String newApp = "new app (" + current + ")";
        String oldDb = "old DB (" + previous + ")";
        int first = Math.max(oldApp.length(), newApp.length());
        int second = Math.max(oldDb.length(), "same release".length());
        return List.of(
                pad("", first) + " | " + pad(oldDb, second) + " | new DB (" + current + ")",
                pad(oldApp, first) + " | " + pad("same release", second) + " | " + verdict(oldAppNewDb),
                pad(newApp, first) + " | " + pad(verdict(newAppOldDb), second) + " | the mapper check");
    }

    /** Under each failing direction, its failing statements and the expand/contract steps. */
    public List<String> details() {
        List<String> lines = new ArrayList<>();
        if (!oldAppNewDb.passed()) {
            lines.add("old app (" + previous + ") on new DB (" + current + "):");
            oldAppNewDb.failures().forEach(failure -> lines.add("  " + failure));
            contractHints.forEach(hint -> lines.add("  step: " + hint));
        }
        if (!newAppOldDb.passed()) {
            lines.add("new app (" + current + ") on old DB (" + previous + "):");
            newAppOldDb.failures().forEach(failure -> lines.add("  " + failure));
            expandHints.forEach(hint -> lines.add("  step: " + hint));
        }
        return lines;
    }

    private static String verdict(MapperReport report) {
        return report.passed() ? "ok" : "FAILS (" + report.failures().size() + ")";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
