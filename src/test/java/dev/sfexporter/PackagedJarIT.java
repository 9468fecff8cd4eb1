package dev.sfexporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.Dockerfile;
import dev.sfexporter.testing.FileTrees;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.Samples;
import dev.sfexporter.testing.TestHttp;
import dev.sfexporter.testing.TestOrgs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as the container runs it: the Dockerfile's own build commands, ENTRYPOINT, CMD
 * and HEALTHCHECK, then signals on a real process (SIGHUP reload, SIGTERM with a scrape in flight).
 * No Docker engine is needed: the same commands run here.
 */
class PackagedJarIT {
  private static final Path JAR = Path.of("target/salesforce-exporter.jar").toAbsolutePath();
  private static final String IMAGE_JAR = "/opt/salesforce-exporter/salesforce-exporter.jar";

  @TempDir Path dir;
  @StartStop final MockWebServer salesforce = new MockWebServer();
  private final List<Process> processes = new ArrayList<>();
  private final Dockerfile dockerfile;

  PackagedJarIT() throws IOException {
    dockerfile = Dockerfile.read(Path.of("Dockerfile"));
  }

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theBuildStageCommandsProduceTheJarTheRuntimeStageCopies() throws Exception {
    assertEquals(2, dockerfile.stageCount());
    assertTrue(
        dockerfile.only(0, "FROM").arguments().matches("maven:3\\.9-eclipse-temurin-17 AS build"));
    Path workdir = dir.resolve("src");
    assertEquals("/src", dockerfile.only(0, "WORKDIR").arguments());
    Files.createDirectories(workdir);
    for (Dockerfile.Instruction copy : dockerfile.all(0, "COPY")) {
      String[] paths = copy.arguments().split("\\s+");
      Path source = Path.of(paths[0]);
      // "COPY pom.xml ./" puts the file into the folder; "COPY src ./src" names the target.
      FileTrees.copy(
          source,
          paths[1].endsWith("/")
              ? workdir.resolve(paths[1]).resolve(source.getFileName().toString())
              : workdir.resolve(paths[1]));
    }
    for (Dockerfile.Instruction run : dockerfile.all(0, "RUN")) {
      String command = run.arguments().replaceAll("--mount=\\S+\\s*", "");
      Process build =
          new ProcessBuilder("bash", "-c", command)
              .directory(workdir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("build.log").toFile())
              .start();
      assertTrue(build.waitFor(5, TimeUnit.MINUTES), "build step timed out: " + command);
      assertEquals(
          0, build.exitValue(), command + "\n" + Files.readString(dir.resolve("build.log")));
    }
    String copied =
        dockerfile.all(1, "COPY").stream()
            .map(Dockerfile.Instruction::arguments)
            .filter(a -> a.startsWith("--from=build"))
            .findFirst()
            .orElseThrow()
            .split("\\s+")[1];
    assertTrue(
        Files.size(workdir.resolve(Path.of("/src").relativize(Path.of(copied)))) > 1_000_000,
        "the build stage made " + copied);
  }

  @Test
  void entrypointCmdAndHealthcheckRunTheJar() throws Exception {
    assertTrue(dockerfile.only(1, "FROM").arguments().matches("eclipse-temurin:(1[7-9]|2\\d)-jre"));
    assertTrue(
        dockerfile.only(1, "USER").arguments().matches("\\d+:\\d+"), "a numeric non-root user");
    assertTrue(!dockerfile.only(1, "USER").arguments().startsWith("0:"));
    assertEquals("9917", dockerfile.only(1, "EXPOSE").arguments());

    // CMD: the documented config path, here a folder of ours standing in for the mount.
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        etc.resolve("exporter.yml"),
        "orgs:\n  - name: mounted\n    login_url: "
            + TestOrgs.base(salesforce)
            + "\n    auth: {type: access_token, access_token: t, instance_url: "
            + TestOrgs.base(salesforce)
            + "}\n");
    List<String> check = entrypoint();
    for (String arg : dockerfile.only(1, "CMD").execForm()) {
      check.add(arg.replace("/etc/salesforce-exporter", etc.toString()));
    }
    check.add("--check-config");
    Process checked = new ProcessBuilder(check).redirectErrorStream(true).start();
    String output = new String(checked.getInputStream().readAllBytes());
    assertEquals(0, checked.waitFor(), output);
    assertTrue(output.contains("is valid: 1 org(s)"), output);

    int port = freePort();
    Process exporter =
        start(dir.resolve("demo.log"), "--demo", "--web.listen-address=127.0.0.1:" + port);
    List<String> healthcheck =
        dockerfile.only(1, "HEALTHCHECK").execForm().stream()
            .map(a -> a.replace(IMAGE_JAR, JAR.toString()))
            .toList();
    awaitTrue(
        () -> runHealthcheck(healthcheck, port) == 0,
        "HEALTHCHECK passes",
        dir.resolve("demo.log"));
    Metrics metrics = Metrics.parse(get(port, "/metrics").body());
    assertEquals(1, metrics.require("salesforce_up", "org", "demo"));
    assertEquals(
        1, runHealthcheck(healthcheck, freePort()), "HEALTHCHECK fails when nothing answers");

    exporter.destroy(); // SIGTERM, as docker stop sends
    assertTrue(exporter.waitFor(15, TimeUnit.SECONDS), "stops on SIGTERM");
    assertTrue(Files.readString(dir.resolve("demo.log")).contains("msg=stopped"));
  }

  @Test
  void sighupReloadsAndSigtermLetsAnInFlightScrapeFinish() throws Exception {
    salesforce.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().equals("/services/data/")) {
              return Samples.versions();
            }
            // Slow enough that SIGTERM arrives while a scrape waits for it.
            return Samples.limits().newBuilder().headersDelay(1500, TimeUnit.MILLISECONDS).build();
          }
        });
    Path config = dir.resolve("exporter.yml");
    Files.writeString(config, "orgs:\n" + org("prod"));
    int port = freePort();
    Path log = dir.resolve("exporter.log");
    Process exporter =
        start(log, "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port);
    awaitTrue(() -> get(port, "/-/ready").statusCode() == 200, "ready", log);
    assertEquals(
        1, Metrics.parse(get(port, "/metrics").body()).require("salesforce_up", "org", "prod"));

    Files.writeString(config, "orgs:\n" + org("prod") + org("uat"));
    signal("HUP", exporter);
    awaitTrue(
        () ->
            Metrics.parse(get(port, "/metrics").body())
                .value("salesforce_up", "org", "uat")
                .isPresent(),
        "uat added by SIGHUP",
        log);

    Files.writeString(config, "orgs:\n  - name: broken\n");
    signal("HUP", exporter);
    awaitTrue(
        () -> Files.readString(log).contains("configuration reload rejected"),
        "bad reload logged",
        log);
    assertTrue(Files.readString(log).contains("orgs[0].login_url: is required"));
    assertTrue(
        Metrics.parse(get(port, "/metrics").body())
            .value("salesforce_up", "org", "uat")
            .isPresent(),
        "the previous configuration still serves");

    Thread.sleep(1100); // past the 1s refresh interval: the next scrape calls Salesforce
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(() -> get(port, "/metrics"));
    Thread.sleep(500);
    exporter.destroy();
    HttpResponse<String> finished = inFlight.get(15, TimeUnit.SECONDS);
    assertEquals(200, finished.statusCode(), "the in-flight scrape got its answer");
    assertEquals(1, Metrics.parse(finished.body()).require("salesforce_up", "org", "prod"));
    assertTrue(exporter.waitFor(15, TimeUnit.SECONDS));
    assertTrue(Files.readString(log).contains("msg=stopped"), Files.readString(log));
  }

  private String org(String name) {
    return "  - name: "
        + name
        + "\n    login_url: "
        + TestOrgs.base(salesforce)
        + "\n    refresh_interval: 1s\n"
        + "    auth: {type: access_token, access_token: t, instance_url: "
        + TestOrgs.base(salesforce)
        + "}\n";
  }

  private List<String> entrypoint() {
    List<String> command = new ArrayList<>();
    for (String arg : dockerfile.only(1, "ENTRYPOINT").execForm()) {
      command.add(arg.replace(IMAGE_JAR, JAR.toString()));
    }
    return command;
  }

  private Process start(Path log, String... args) throws IOException {
    List<String> command = entrypoint();
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(process);
    return process;
  }

  private static int runHealthcheck(List<String> command, int port) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder
          .environment()
          .put("SALESFORCE_EXPORTER_HEALTHCHECK_URL", "http://127.0.0.1:" + port + "/-/healthy");
      Process process = builder.start();
      process.getInputStream().readAllBytes();
      return process.waitFor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void signal(String name, Process process) throws Exception {
    assertEquals(
        0, new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor());
  }

  private static HttpResponse<String> get(int port, String path) {
    return TestHttp.get(URI.create("http://127.0.0.1:" + port + path));
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Check check, String what, Path log) throws Exception {
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
