package dev.sfexporter.http.pages;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/orgs} and {@code /api/v1/orgs/<name>}: the pages' view as JSON, snake_case keys,
 * times as RFC 3339 UTC, absent keys for what is unknown (as absent series in /metrics).
 */
public final class GlanceJson {
  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
          .registerTypeAdapter(Double.class, new NumberAdapter().nullSafe())
          .registerTypeAdapter(double.class, new NumberAdapter())
          .setPrettyPrinting()
          .create();

  private GlanceJson() {}

  public static String orgs(String version, boolean demo, Instant now, List<OrgGlance> orgs) {
    JsonObject out = new JsonObject();
    out.addProperty("version", version);
    out.addProperty("demo", demo);
    out.addProperty("generated_at", now.toString());
    out.add("orgs", GSON.toJsonTree(orgs));
    return GSON.toJson(out) + "\n";
  }

  public static String org(OrgGlance org) {
    return GSON.toJson(org) + "\n";
  }

  public static String error(String message) {
    JsonObject out = new JsonObject();
    out.addProperty("error", message);
    return GSON.toJson(out) + "\n";
  }

  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter out, Instant value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Instant read(JsonReader in) throws IOException {
      return Instant.parse(in.nextString());
    }
  }

  /** Whole numbers without ".0": Salesforce's figures are mostly counts. */
  private static final class NumberAdapter extends TypeAdapter<Double> {
    @Override
    public void write(JsonWriter out, Double value) throws IOException {
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        out.value(value.longValue());
      } else {
        out.value(value);
      }
    }

    @Override
    public Double read(JsonReader in) throws IOException {
      return in.nextDouble();
    }
  }
}
