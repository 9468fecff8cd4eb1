package dev.sfexporter.collect;

import dev.sfexporter.salesforce.FailureReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failed refreshes of one source by reason. Every reason exists from the start at 0, so that {@code
 * increase()} sees the first failure.
 */
final class FailureCounts {
  private final Map<FailureReason, LongAdder> counts = new EnumMap<>(FailureReason.class);

  FailureCounts() {
    for (FailureReason reason : FailureReason.values()) {
      counts.put(reason, new LongAdder());
    }
  }

  void add(FailureReason reason) {
    counts.get(reason).increment();
  }

  long get(FailureReason reason) {
    return counts.get(reason).sum();
  }
}
