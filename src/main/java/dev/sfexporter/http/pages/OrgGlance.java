package dev.sfexporter.http.pages;

import java.util.List;

/**
 * Everything the pages and {@code /api/v1/orgs} show of one org, from the exporter's cached
 * answers. A list is null when its source is off, empty when Salesforce returned nothing.
 *
 * @param dailyApiRequests the DailyApiRequests entry of /limits, or null
 * @param limits every entry of /limits, top-level and nested, in Salesforce's order
 */
public record OrgGlance(
    String name,
    Health health,
    Connection connection,
    List<SourceStatus> sources,
    Allocation dailyApiRequests,
    List<Allocation> limits,
    List<LicenseUse> licenses,
    List<EntitlementUse> entitlements,
    Consumers apiConsumers,
    OwnCalls ownCalls) {}
