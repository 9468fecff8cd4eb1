package dev.sfexporter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as the Dockerfile's ENTRYPOINT and HEALTHCHECK run it, for the *IT tests;
 * closing it kills every process it started.
 */
public final class PackagedJar implements AutoCloseable {
  private static final Path JAR = Path.of("target/salesforce-exporter.jar").toAbsolutePath();
  private static final String IMAGE_JAR = "/opt/salesforce-exporter/salesforce-exporter.jar";
  private final List<Process> processes = new ArrayList<>();
  private final Dockerfile dockerfile;

  public PackagedJar() throws IOException {
    dockerfile = Dockerfile.read(Path.of("Dockerfile"));
  }

  public Dockerfile dockerfile() {
    return dockerfile;
  }

  /** The runtime stage's ENTRYPOINT, with the image's jar path pointing at the built jar. */
  public List<String> entrypoint() {
    return local(dockerfile.only(1, "ENTRYPOINT").execForm());
  }

  /** The runtime stage's HEALTHCHECK command, likewise. */
  public List<String> healthcheck() {
    return local(dockerfile.only(1, "HEALTHCHECK").execForm());
  }

  private static List<String> local(List<String> command) {
    List<String> local = new ArrayList<>();
    command.forEach(arg -> local.add(arg.replace(IMAGE_JAR, JAR.toString())));
    return local;
  }

  /** Starts the ENTRYPOINT with these arguments, its output going to {@code log}. */
  public Process start(Path log, String... args) throws IOException {
    List<String> command = entrypoint();
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(process);
    return process;
  }

  /** The HEALTHCHECK's exit code against the default URL's twin on {@code port}. */
  public static int runHealthcheck(List<String> command, int port) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder
          .environment()
          .put("SALESFORCE_EXPORTER_HEALTHCHECK_URL", "http://127.0.0.1:" + port + "/-/healthy");
      Process process = builder.start();
      process.getInputStream().readAllBytes();
      return process.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public static void signal(String name, Process process) throws Exception {
    assertEquals(
        0, new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor());
  }

  public static HttpResponse<String> get(int port, String path) {
    return TestHttp.get(URI.create("http://127.0.0.1:" + port + path));
  }

  /** Something to wait for. */
  public interface Check {
    boolean holds() throws Exception;
  }

  public static void awaitTrue(Check check, String what, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (Exception | AssertionError notYet) {
        // not yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + "; log:\n" + Files.readString(log));
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
