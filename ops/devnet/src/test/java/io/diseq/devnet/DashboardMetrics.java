package io.diseq.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names (plain and {@code __name__=~} regexes) that the Grafana dashboard and the alert rules query. */
final class DashboardMetrics {
    private static final Path ROOT = Path.of("../..");
    private static final Pattern REGEX = Pattern.compile("__name__=~\"([^\"]+)\"");
    private static final Pattern NAME = Pattern.compile("\\b([a-z][A-Za-z0-9_]*)(?=[{\\[\\s)]|$)");
    /** PromQL functions, keywords and labels, and Prometheus's own {@code up}. */
    private static final Set<String> NOT_METRICS = Set.of("sum", "by", "rate", "max", "count", "floor", "delta",
            "and", "on", "group_left", "group_right", "up", "validator", "quantile", "job", "le");

    private DashboardMetrics() {
    }

    static List<String> expressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("ops/grafana/dashboards/diseq.json").toFile());
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        for (String line : Files.readAllLines(ROOT.resolve("ops/prometheus/alerts.yml"))) {
            if (line.trim().startsWith("expr:")) {
                exprs.add(line.substring(line.indexOf("expr:") + 5));
            }
        }
        return exprs;
    }

    static Set<String> names(List<String> exprs) {
        Set<String> names = new TreeSet<>();
        for (String e : exprs) {
            Matcher m = NAME.matcher(REGEX.matcher(e).replaceAll(""));
            while (m.find()) {
                if (!NOT_METRICS.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    static Set<String> regexes(List<String> exprs) {
        Set<String> regexes = new TreeSet<>();
        exprs.forEach(e -> REGEX.matcher(e).results().forEach(r -> regexes.add(r.group(1))));
        return regexes;
    }

    /** Metric names in a Prometheus text exposition. */
    static Set<String> exposed(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
