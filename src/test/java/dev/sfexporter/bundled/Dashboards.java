package dev.sfexporter.bundled;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped Grafana dashboards, read as JSON. */
final class Dashboards {
  static final Path DIR = Path.of("grafana/dashboards");

  /** One PromQL target of one panel. */
  record Query(String dashboard, String panel, String expr) {}

  private Dashboards() {}

  static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  static JsonObject read(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  /** Every panel, including those inside collapsed rows. */
  static List<JsonObject> panels(JsonObject dashboard) {
    List<JsonObject> panels = new ArrayList<>();
    for (JsonElement element : dashboard.getAsJsonArray("panels")) {
      JsonObject panel = element.getAsJsonObject();
      panels.add(panel);
      if (panel.has("panels")) {
        panel.getAsJsonArray("panels").forEach(p -> panels.add(p.getAsJsonObject()));
      }
    }
    return panels;
  }

  static List<Query> queries() throws IOException {
    List<Query> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonObject dashboard = read(file);
      for (JsonObject panel : panels(dashboard)) {
        JsonArray targets =
            panel.has("targets") ? panel.getAsJsonArray("targets") : new JsonArray();
        for (JsonElement target : targets) {
          queries.add(
              new Query(
                  dashboard.get("title").getAsString(),
                  panel.get("title").getAsString(),
                  target.getAsJsonObject().get("expr").getAsString()));
        }
      }
    }
    return queries;
  }
}
