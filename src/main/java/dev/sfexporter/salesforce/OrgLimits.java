package dev.sfexporter.salesforce;

import java.util.List;

/** Everything one /limits answer said, in Salesforce's order. */
public record OrgLimits(List<Limit> limits) {
  public OrgLimits {
    limits = List.copyOf(limits);
  }
}
