package dev.sfexporter.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text exposition, enough to look series up by name and labels. */
public final class Metrics {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final String text;
  private final List<Sample> samples;

  private Metrics(String text, List<Sample> samples) {
    this.text = text;
    this.samples = samples;
  }

  public static Metrics parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new Metrics(text, samples);
  }

  public String text() {
    return text;
  }

  /** Samples of {@code name} whose labels include all of {@code labelPairs} (k1, v1, k2, v2…). */
  /** Every sample, in exposition order. */
  public List<Sample> all() {
    return List.copyOf(samples);
  }

  public List<Sample> find(String name, String... labelPairs) {
    List<Sample> found = new ArrayList<>();
    for (Sample sample : samples) {
      if (!sample.name().equals(name)) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < labelPairs.length; i += 2) {
        match &= labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]));
      }
      if (match) {
        found.add(sample);
      }
    }
    return found;
  }

  /** The one value of the series, or empty when it is not there; fails if several match. */
  public OptionalDouble value(String name, String... labelPairs) {
    List<Sample> found = find(name, labelPairs);
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " series match " + name + " " + List.of(labelPairs));
    }
    return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
  }

  public double require(String name, String... labelPairs) {
    return value(name, labelPairs)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no series " + name + " " + List.of(labelPairs) + " in\n" + text));
  }
}
