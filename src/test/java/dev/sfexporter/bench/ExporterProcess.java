package dev.sfexporter.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged exporter in its own process, so that its threads and RSS are measured alone. */
final class ExporterProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final List<String> flags;

  private ExporterProcess(Process process, int port, List<String> flags) {
    this.process = process;
    this.port = port;
    this.flags = flags;
  }

  /**
   * @param configYaml the exporter's configuration file
   * @param javaOptions more JVM options (JAVA_TOOL_OPTIONS), with BENCH_EXPORTER_JAVA_OPTS's
   */
  static ExporterProcess start(Path dir, String configYaml, String javaOptions) throws Exception {
    Path config = Files.writeString(dir.resolve("exporter.yml"), configYaml);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = ScrapeBenchmark.entrypoint();
    List<String> flags = new ArrayList<>(command.subList(1, command.indexOf("-jar")));
    command.add("--config.file=" + config);
    command.add("--web.listen-address=127.0.0.1:" + port);
    command.add("--log.level=warn");
    ProcessBuilder builder = new ProcessBuilder(command);
    // e.g. BENCH_EXPORTER_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/x.jfr to profile it
    String extra =
        (javaOptions + " " + System.getenv().getOrDefault("BENCH_EXPORTER_JAVA_OPTS", ""));
    if (!extra.isBlank()) {
      builder.environment().put("JAVA_TOOL_OPTIONS", extra.trim());
    }
    Process process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("exporter.log").toFile())
            .start();
    return new ExporterProcess(process, port, flags);
  }

  long pid() {
    return process.pid();
  }

  /** Loads a JVMTI agent into the running exporter (async-profiler, say) with {@code options}. */
  void loadAgent(String library, String options) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                "jcmd",
                String.valueOf(process.pid()),
                "JVMTI.agent_load",
                library,
                // quoted, or jcmd reads "start,event=cpu" as an option named "start,event"
                "\"" + options + "\"")
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    // jcmd exits 0 even when the agent failed to load; the agent's own return code says.
    if (jcmd.waitFor() != 0 || !out.contains("return code: 0")) {
      throw new IllegalStateException("jcmd JVMTI.agent_load failed: " + out);
    }
  }

  int port() {
    return port;
  }

  List<String> flags() {
    return flags;
  }

  long rssKib() throws IOException {
    return Long.parseLong(status("VmRSS:").replace("kB", "").trim());
  }

  /** CPU time the exporter used so far (user + system), in ms. */
  long cpuMillis() throws IOException {
    return ThreadCpu.cpuMillis(Files.readString(Path.of("/proc/" + process.pid() + "/stat")));
  }

  int threads() throws IOException {
    return Integer.parseInt(status("Threads:").trim());
  }

  private String status(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith(key)) {
        return line.substring(key.length());
      }
    }
    throw new IllegalStateException(key + " not in /proc/" + process.pid() + "/status");
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor();
  }
}
