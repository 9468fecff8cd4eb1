package dev.sfexporter.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real command-line tool (promtool, amtool) that users run against our output. */
public final class ExternalTool {
  /** What the tool printed and how it exited. */
  public record Result(int exitCode, String output) {}

  private ExternalTool() {}

  /** The tool on PATH; fails with how to install it when it is missing. */
  public static Path require(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        name
            + " is not on PATH; install it with: apt-get install "
            + debianPackage
            + " (.ci/run does this)");
  }

  public static Result run(String stdin, String... command)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 60s");
    }
    return new Result(process.exitValue(), output);
  }
}
