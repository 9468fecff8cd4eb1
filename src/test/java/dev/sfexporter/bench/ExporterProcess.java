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

  static ExporterProcess start(String configYaml) throws Exception {
    Path dir = Files.createTempDirectory("fleet-bench");
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
    String extra = System.getenv("BENCH_EXPORTER_JAVA_OPTS");
    if (extra != null) {
      builder.environment().put("JAVA_TOOL_OPTIONS", extra);
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
    if (jcmd.waitFor() != 0) {
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
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat, in clock ticks of 10 ms.
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
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
