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

    /** The matrix, the failing statements under each cell, and the hints for the failing directions. */
    public List<String> lines() {
        String oldDb = "old DB (" + previous + ")";
        String newDb = "new DB (" + current + ")";
        String oldApp = "old app (" + previous + ")";
        String newApp = "new app (" + current + ")";
        int first = Math.max(oldApp.length(), newApp.length());
        int second = Math.max(oldDb.length(), "same release".length());
        List<String> lines = new ArrayList<>();
        lines.add(pad("", first) + " | " + pad(oldDb, second) + " | " + newDb);
        lines.add(pad(oldApp, first) + " | " + pad("same release", second) + " | " + verdict(oldAppNewDb));
        lines.add(pad(newApp, first) + " | " + pad(verdict(newAppOldDb), second) + " | the mapper check");
        if (!oldAppNewDb.passed()) {
            lines.add(oldApp + " on " + newDb + ":");
            oldAppNewDb.failures().forEach(failure -> lines.add("  " + failure));
            contractHints.forEach(hint -> lines.add("  step: " + hint));
        }
        if (!newAppOldDb.passed()) {
            lines.add(newApp + " on " + oldDb + ":");
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
