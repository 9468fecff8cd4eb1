package dev.sfexporter.collect.sources;

import java.util.List;

/** Every kind of source, in the order their families are listed. */
public final class AllSources {
  public static final List<Source<?>> ALL =
      List.of(
          LimitsSource.INSTANCE,
          LicensesSource.INSTANCE,
          EntitlementsSource.INSTANCE,
          RecordCountsSource.INSTANCE,
          OrgFactsSource.INSTANCE,
          ApiUsageSource.INSTANCE);

  private AllSources() {}
}
