package dev.sfexporter.collect;

import java.util.Map;

/**
 * One org's status samples ({@link OrgStatus}) as sample lines by family, rendered again only when
 * the status changes: a refresh, a failure, a call, or a scrape that could not wait for the org.
 */
final class StatusLines {
  private record Rendered(OrgStatus status, Map<String, byte[]> lines) {}

  private volatile Rendered last;

  /** Two scrapes at once may both render: the result is the same, and the last one is kept. */
  Map<String, byte[]> of(OrgStatus status) {
    Rendered cached = last;
    if (cached != null && cached.status().equals(status)) {
      return cached.lines();
    }
    SampleLines.Sink sink = new SampleLines.Sink();
    status.write(sink);
    Rendered rendered = new Rendered(status, sink.bytes());
    last = rendered;
    return rendered.lines();
  }
}
