package dev.avatarbot.schema.fleet;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.TextTable;
import dev.avatarbot.schema.fleet.TargetResult.Status;

/**
 * What a fleet run did to each target, in the fleet's order: as a table for a log, as JSON (an
 * array of objects with {@code name}, {@code from}, {@code to}, {@code status}, {@code seconds},
 * {@code error}; a check adds {@code pending}) and as JUnit XML, so that CI servers show the
 * rollout as test results.
 */
public record FleetReport(String goal, List<TargetResult> results) {

    private static final String[] HEADER = {"target", "from", "to", "status", "seconds", "error"};

    public FleetReport {
        results = List.copyOf(results);
    }

    /** The targets that failed or could not be reached. */
    public List<TargetResult> failures() {
        return results.stream().filter(TargetResult::failed).toList();
    }

    public List<TargetResult> withStatus(Status status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    /** One line per target under a header, columns aligned; an error is shown by its first line only. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TargetResult r : results) {
            rows.add(new String[] {r.name(), orDash(r.from()), orDash(r.to()), r.status().label(),
                    String.format(Locale.ROOT, "%.2f", r.seconds()), r.error() == null ? "" : r.error().lines().findFirst().orElse("")});
        }
        return TextTable.align(rows);
    }

    /** "2 of 8 targets failed: eu-3 (why), eu-5 (why); 3 skipped" for the goal's failure. */
    public String failureSummary() {
        List<String> failed = failures().stream().map(r -> r.name() + " (" + r.error() + ")").toList();
        int skipped = withStatus(Status.SKIPPED).size();
        String what = switch (goal) {
            case "check" -> "unreachable";
            case "verify" -> "drifted or unreachable";
            default -> "failed";
        };
        return failed.size() + " of " + results.size() + " targets " + what
                + ": " + String.join("; ", failed) + (skipped == 0 ? "" : "; " + skipped + " skipped");
    }

    public void writeJson(Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TargetResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("from", r.from());
            row.put("to", r.to());
            row.put("status", r.status().label());
            row.put("seconds", r.seconds());
            row.put("error", r.error());
            if (r.pending() != null) {
                row.put("pending", r.pending());
            }
            rows.add(row);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
        } catch (IOException e) {
            throw new SchemaException("Could not write the fleet report " + file + ": " + e.getMessage(), e);
        }
    }

    /** One test case per target: a failure for a failed or unreachable one, skipped for a skipped one. */
    public void writeJUnit(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "schema:" + goal + " fleet");
                xml.writeAttribute("tests", String.valueOf(results.size()));
                xml.writeAttribute("failures", String.valueOf(failures().size()));
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", String.valueOf(withStatus(Status.SKIPPED).size()));
                xml.writeAttribute("time", seconds(results.stream().mapToDouble(TargetResult::seconds).sum()));
                for (TargetResult r : results) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", "schema-fleet." + goal);
                    xml.writeAttribute("name", r.name());
                    xml.writeAttribute("time", seconds(r.seconds()));
                    if (r.failed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", r.status().label() + ": " + r.error());
                        xml.writeCharacters(r.error() == null ? "" : r.error());
                        xml.writeEndElement();
                    } else if (r.status() == Status.SKIPPED) {
                        xml.writeEmptyElement("skipped");
                        xml.writeAttribute("message", "not started: a target before it failed");
                    } else {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters(r.status().label() + " " + orDash(r.from()) + " -> " + orDash(r.to()));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
            }
        } catch (IOException | XMLStreamException e) {
            throw new SchemaException("Could not write the fleet report " + file + ": " + e.getMessage(), e);
        }
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
