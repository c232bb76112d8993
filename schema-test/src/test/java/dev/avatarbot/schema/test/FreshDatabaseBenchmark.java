package dev.avatarbot.schema.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.avatarbot.schema.migration.SchemaMigrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database at head two ways, on the test server ({@code AVATARDB_TEST_URL} or embedded):
 * cloned from the upgraded template, as {@link SchemaDatabase} does per test (there on a background
 * thread while the test before runs), against created empty and brought to head by running the
 * changelog (a new {@link SchemaMigrations} each time, as a test would). Prints both medians and
 * the ratio.
 * {@code mvn -B -q -pl schema-test -Pbenchmark test-compile exec:exec [-Dbenchmark.rounds=20]}.
 */
public final class FreshDatabaseBenchmark {

    private FreshDatabaseBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = Integer.getInteger("benchmark.rounds", 20);
        String template = TestDatabases.template(null); // made once per JVM
        String empty = TestDatabases.template(SchemaMigrations.BASE);
        List<Double> clone = new ArrayList<>();
        List<Double> changelog = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            PGSimpleDataSource cloned = TestDatabases.cloneOf(template);
            clone.add(millisSince(start));
            TestDatabases.dropNow(cloned.getDatabaseName());

            start = System.nanoTime();
            PGSimpleDataSource upgraded = TestDatabases.cloneOf(empty);
            new SchemaMigrations(upgraded).upgrade();
            changelog.add(millisSince(start));
            TestDatabases.dropNow(upgraded.getDatabaseName());
        }
        double cloneMedian = median(clone);
        double changelogMedian = median(changelog);
        System.out.printf(Locale.ROOT, "fresh database at head, median of %d: template clone %.1f ms,"
                + " changelog run %.1f ms, ratio %.1fx%n", rounds, cloneMedian, changelogMedian,
                changelogMedian / cloneMedian);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
