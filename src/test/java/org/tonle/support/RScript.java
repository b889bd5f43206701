package org.tonle.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's R with the {@code survey} package, the yardstick for every estimate. Missing, a test that
 * needs it is skipped, except under CI ({@code TONLE_REQUIRE_R=1}, set by .ci/run, which installs
 * r-base-core and r-cran-survey), where that is a failure.
 */
public final class RScript {

    private RScript() {
    }

    public static void assumeAvailable() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/Rscript")) && run(List.of("-e", "library(survey)"), 120) == 0;
        if (!present && "1".equals(System.getenv("TONLE_REQUIRE_R"))) {
            throw new IllegalStateException("R with the survey package is required (apt-get install r-base-core r-cran-survey)");
        }
        assumeTrue(present, "R with the survey package is not installed here");
    }

    /** Runs a script from the test resources with these arguments; fails with R's output if it fails. */
    public static void script(String resource, List<String> args) throws IOException {
        Path script = Files.createTempFile("tonle", ".R");
        try (var in = RScript.class.getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        Path log = Files.createTempFile("tonle-r", ".log");
        if (run(command, 1800, log) != 0) {
            throw new IllegalStateException("Rscript " + resource + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** Runs an R script file with these arguments; answers what it printed, or fails with it. */
    public static String file(Path script, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        Path log = Files.createTempFile("tonle-r", ".log");
        int exit = run(command, 1800, log);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException("Rscript " + script + " failed:\n" + output);
        }
        return output;
    }

    private static int run(List<String> args, long seconds) {
        try {
            return run(args, seconds, Files.createTempFile("tonle-r", ".log"));
        } catch (IOException e) {
            return -1;
        }
    }

    private static int run(List<String> args, long seconds, Path log) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/Rscript", "--vanilla"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
