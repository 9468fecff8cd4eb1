package dev.sfexporter.salesforce;

/** Counts each call made to Salesforce, so the exporter can report its own API cost. */
@FunctionalInterface
public interface ApiCallRecorder {
  /**
   * @param endpoint {@code limits}, {@code token}, …
   * @param failed transport error, non-2xx answer or unparseable body
   */
  void record(String endpoint, boolean failed);
}
