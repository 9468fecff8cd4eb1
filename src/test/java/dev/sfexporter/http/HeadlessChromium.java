package dev.sfexporter.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol with the JDK's WebSocket:
 * no browser-driver library. Events (console, network, load) are kept for the test to read.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, Path profile, URI page) {
    this.process = process;
    this.profile = profile;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(page, new Listener())
            .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
            .join();
  }

  static HeadlessChromium start() throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile-");
    Process process =
        new ProcessBuilder(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .start();
    drain(process.getInputStream());
    // Chromium writes the port it chose into the profile once DevTools listens.
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not start DevTools");
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    String targets =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (JsonElement target : JsonParser.parseString(targets).getAsJsonArray()) {
      JsonObject t = target.getAsJsonObject();
      if ("page".equals(t.get("type").getAsString())) {
        return new HeadlessChromium(
            process, profile, URI.create(t.get("webSocketDebuggerUrl").getAsString()));
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("chromium has no page: " + targets);
  }

  private static void drain(InputStream output) {
    Thread thread =
        new Thread(
            () -> {
              try {
                output.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (IOException e) {
                // the process ended
              }
            },
            "chromium-output");
    thread.setDaemon(true);
    thread.start();
  }

  JsonObject send(String method, JsonObject params) {
    int id = ids.incrementAndGet();
    JsonObject message = new JsonObject();
    message.addProperty("id", id);
    message.addProperty("method", method);
    message.add("params", params == null ? new JsonObject() : params);
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(message.toString(), true).join();
    JsonObject reply = answer.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.getAsJsonObject("result");
  }

  JsonObject send(String method) {
    return send(method, null);
  }

  /** Navigates and waits for the load event; the events seen so far are dropped first. */
  void open(String url) throws InterruptedException {
    events.clear();
    JsonObject params = new JsonObject();
    params.addProperty("url", url);
    send("Page.navigate", params);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (events("Page.loadEventFired").isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no load event for " + url);
      }
      Thread.sleep(20);
    }
  }

  /**
   * The value of a JavaScript expression, evaluated in the page (DevTools only: the page has none).
   */
  JsonElement evaluate(String expression) {
    JsonObject params = new JsonObject();
    params.addProperty("expression", expression);
    params.addProperty("returnByValue", true);
    return send("Runtime.evaluate", params).getAsJsonObject("result").get("value");
  }

  List<JsonObject> events(String method) {
    return events.stream()
        .filter(e -> method.equals(e.get("method").getAsString()))
        .map(e -> e.getAsJsonObject("params"))
        .toList();
  }

  static JsonArray array(JsonElement json) {
    return JsonParser.parseString(json.getAsString()).getAsJsonArray();
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
    } catch (RuntimeException e) {
      // the browser is going away anyway
    }
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try (var paths = Files.walk(profile)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject message = JsonParser.parseString(partial.toString()).getAsJsonObject();
        partial.setLength(0);
        if (message.has("id")) {
          CompletableFuture<JsonObject> answer = pending.remove(message.get("id").getAsInt());
          if (answer != null) {
            answer.complete(message);
          }
        } else {
          events.add(message);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
