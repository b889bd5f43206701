package org.tonle.releases;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A linear-programming attacker (GLPK's glpsol, from Debian's glpk-utils) on published tables of
 * respondents with weight 1, where counts are weighted totals. Unknowns: each cell's respondents (D)
 * and those with the attribute (N). What it knows: 0 ≤ N ≤ D; a published cell's n and value, to
 * their published precision; that a breakdown's cells add up to the table above it; and what the
 * indicators' definitions say of one another (the same denominator, phone owners within all
 * adults). Each question is two LPs: the least and the most a quantity can be.
 */
final class LpAttack {

    enum Quantity { WITH, WITHOUT, SIZE }

    /** How precisely a published cell is known: n ± nSlack, value ± valueSlack (percentage points). */
    record Precision(double nSlack, double valueSlack) {
        static final Precision EXACT = new Precision(0, 1e-5);
        static final Precision RELEASE = new Precision(2, 0.05);
    }

    record Interval(double min, double max) {
        double width() {
            return max - min;
        }
    }

    /** Definitions the attacker reads in the indicators' documentation. */
    record Relation(String kind, String left, String right) {
        static Relation sameDenominator(String a, String b) {
            return new Relation("D=D", a, b);
        }

        /** left's denominator is within right's denominator */
        static Relation denominatorWithin(String a, String b) {
            return new Relation("D<=D", a, b);
        }

        /** left's denominator is within right's numerator */
        static Relation denominatorWithinNumerator(String a, String b) {
            return new Relation("D<=N", a, b);
        }

        static Relation numeratorWithin(String a, String b) {
            return new Relation("N<=N", a, b);
        }

        /** a's cells with {@code dimension = value} count b's numerator in the rest of the breakdown */
        static Relation dimensionCounts(String a, String dimension, String value, String b) {
            return new Relation("DIM:" + dimension + "=" + value, a, b);
        }
    }

    private final Map<String, Integer> cells = new LinkedHashMap<>();
    private final List<String> constraints = new ArrayList<>();
    private volatile String constraintsText;

    /** @param tables indicator id to breakdown to the score JSON as the API serves it */
    LpAttack(Map<String, Map<List<String>, JsonObject>> tables, List<Relation> relations, Precision precision) {
        tables.forEach((indicator, byTable) -> byTable.forEach((by, score) -> {
            if (by.isEmpty()) {
                cell(indicator, by, List.of(), score.getJsonObject("estimate"), precision);
            } else {
                for (Object o : score.getJsonArray("cells")) {
                    JsonObject c = (JsonObject) o;
                    cell(indicator, by, by.stream().map(c.getJsonObject("key")::getString).toList(), c, precision);
                }
            }
        }));
        tables.forEach((indicator, byTable) -> byTable.keySet().forEach(by -> additivity(indicator, by)));
        relations.forEach(this::relate);
    }

    private static String key(String indicator, List<String> by, List<String> values) {
        return indicator + "|" + String.join(",", by) + "|" + String.join(",", values);
    }

    private void cell(String indicator, List<String> by, List<String> values, JsonObject json, Precision precision) {
        int i = cells.size();
        cells.put(key(indicator, by, values), i);
        constraints.add("N" + i + " - D" + i + " <= 0");
        constraints.add("D" + i + " >= 1");
        if (json.getBoolean("suppressed")) {
            return;
        }
        double n = json.getLong("n");
        double v = json.getDouble("value") / 100;
        constraints.add("D" + i + " >= " + num(n - precision.nSlack()));
        constraints.add("D" + i + " <= " + num(n + precision.nSlack()));
        constraints.add("N" + i + " - " + num(Math.max(0, v - precision.valueSlack() / 100)) + " D" + i + " >= 0");
        constraints.add("N" + i + " - " + num(Math.min(1, v + precision.valueSlack() / 100)) + " D" + i + " <= 0");
    }

    /** Each slice of a breakdown adds up to the matching cell of the table with one dimension fewer. */
    private void additivity(String indicator, List<String> by) {
        for (int d = 0; d < by.size(); d++) {
            List<String> parentBy = new ArrayList<>(by);
            parentBy.remove(d);
            Map<List<String>, List<Integer>> slices = new LinkedHashMap<>();
            String prefix = indicator + "|" + String.join(",", by) + "|";
            for (Map.Entry<String, Integer> e : cells.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    List<String> values = new ArrayList<>(List.of(e.getKey().substring(prefix.length()).split(",", -1)));
                    values.remove(d);
                    slices.computeIfAbsent(values, v -> new ArrayList<>()).add(e.getValue());
                }
            }
            slices.forEach((parent, children) -> {
                Integer p = cells.get(key(indicator, parentBy, parent));
                if (p != null) {
                    for (String var : List.of("D", "N")) {
                        StringBuilder sum = new StringBuilder();
                        children.forEach(c -> sum.append(sum.length() == 0 ? "" : " + ").append(var).append(c));
                        constraints.add(sum + " - " + var + p + " = 0");
                    }
                }
            });
        }
    }

    private void relate(Relation r) {
        if (r.kind().startsWith("DIM:")) {
            relateDimension(r);
            return;
        }
        cells.forEach((k, i) -> {
            if (k.startsWith(r.left() + "|")) {
                Integer j = cells.get(r.right() + k.substring(r.left().length()));
                if (j != null) {
                    String left = r.kind().charAt(0) + "" + i;
                    String right = r.kind().substring(r.kind().length() - 1) + j;
                    String op = r.kind().contains("<=") ? "<=" : "=";
                    constraints.add(left + " - " + right + " " + op + " 0");
                }
            }
        });
    }

    private void relateDimension(Relation r) {
        String[] dv = r.kind().substring(4).split("=");
        Map<String, Integer> known = new LinkedHashMap<>(cells);
        known.forEach((k, i) -> {
            String[] parts = k.split("\\|", -1);
            List<String> by = parts[1].isEmpty() ? List.of() : List.of(parts[1].split(","));
            if (!parts[0].equals(r.left()) || !by.contains(dv[0])) {
                return;
            }
            List<String> values = List.of(parts[2].split(",", -1));
            int at = by.indexOf(dv[0]);
            if (!values.get(at).equals(dv[1])) {
                return;
            }
            List<String> restBy = new ArrayList<>(by);
            restBy.remove(at);
            List<String> rest = new ArrayList<>(values);
            rest.remove(at);
            Integer j = cells.get(key(r.right(), restBy, restBy.isEmpty() ? List.of() : rest));
            if (j != null) {
                constraints.add("D" + i + " - N" + j + " = 0");
            }
        });
    }

    boolean has(String indicator, List<String> by, List<String> values) {
        return cells.containsKey(key(indicator, by, values));
    }

    /** The least and the most the quantity of one cell can be, given everything published. */
    Interval bound(String indicator, List<String> by, List<String> values, Quantity q) {
        int i = cells.get(key(indicator, by, values));
        String objective = switch (q) {
            case WITH -> "N" + i;
            case WITHOUT -> "D" + i + " - N" + i;
            case SIZE -> "D" + i;
        };
        return new Interval(solve("Minimize", objective), solve("Maximize", objective));
    }

    private double solve(String sense, String objective) {
        try {
            Path dir = Files.createTempDirectory("lp-attack");
            Path model = dir.resolve("attack.lp");
            Path out = dir.resolve("attack.out");
            if (constraintsText == null) {
                StringBuilder text = new StringBuilder("Subject To\n");
                for (int c = 0; c < constraints.size(); c++) {
                    text.append(" c").append(c).append(": ").append(constraints.get(c)).append('\n');
                }
                constraintsText = text.append("End\n").toString();
            }
            Files.writeString(model, sense + "\n obj: " + objective + "\n" + constraintsText, StandardCharsets.US_ASCII);
            String[] status = glpsol(dir, model, out, false);
            if (!optimal(status)) {
                status = glpsol(dir, model, out, true); // rational arithmetic, for an LP the floating-point simplex gave up on
            }
            if (!optimal(status)) {
                throw new IllegalStateException("the LP has no optimum (do the published tables contradict themselves?): "
                        + String.join(" ", status));
            }
            double value = Double.parseDouble(status[6]);
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The solution's status line, "s bas ROWS COLS PRIMAL DUAL OBJECTIVE" (GLPK's plain solution format). */
    private static String[] glpsol(Path dir, Path model, Path out, boolean exact) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("glpsol", "--lp", model.toString(), "-w", out.toString()));
        if (exact) {
            command.add("--exact");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("glpsol failed: " + Files.readString(dir.resolve("log")));
        }
        try (var lines = Files.lines(out)) {
            return lines.filter(l -> l.startsWith("s ")).findFirst().orElse("s none").split(" ");
        }
    }

    private static boolean optimal(String[] status) {
        return status.length >= 7 && status[4].equals("f") && status[5].equals("f");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9f", v);
    }

    /** Whether glpsol is installed (.ci/run installs glpk-utils). */
    static boolean available() {
        try {
            return new ProcessBuilder("glpsol", "--version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
