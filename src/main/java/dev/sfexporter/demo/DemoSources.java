package dev.sfexporter.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The demo org's answers for every source but /limits: licences (one type runs full in the last
 * half of every hour), usage-based entitlements that grow through the month, record counts that
 * grow through the day, and the org's facts. Queries come back in Salesforce's shape, the user
 * licences over two pages.
 */
final class DemoSources {
  static final String NEXT_PAGE = "/services/data/v65.0/query/01gDEMO0000000001-2000";

  private DemoSources() {}

  /** The first page of a query's answer, or null for a query the demo does not know. */
  static String query(String soql, Instant now) {
    String from = soql.toUpperCase(Locale.ROOT);
    if (from.contains("FROM USERLICENSE")) {
      return page(
          List.of(
              userLicense("Salesforce", "Active", 120, salesforceUsed(now)),
              userLicense("Salesforce Platform", "Active", 50, 31)),
          false);
    }
    if (from.contains("FROM PERMISSIONSETLICENSE")) {
      return page(
          List.of(
              "{\"DeveloperName\":\"SalesforceCPQ_CPQStandardPerm\",\"MasterLabel\":\"Salesforce"
                  + " CPQ License\",\"Status\":\"Active\",\"TotalLicenses\":40,\"UsedLicenses\":37}",
              "{\"DeveloperName\":\"IdentityConnect\",\"MasterLabel\":\"Identity Connect\","
                  + "\"Status\":\"Active\",\"TotalLicenses\":10,\"UsedLicenses\":0}"),
          true);
    }
    if (from.contains("FROM TENANTUSAGEENTITLEMENT")) {
      ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
      double month = (utc.getDayOfMonth() - 1 + utc.getHour() / 24.0) / 30.0;
      return page(
          List.of(
              entitlement(
                  "API Request Limit per Month",
                  "Provisioned30DayApiRequests",
                  "Monthly",
                  1_500_000,
                  Math.round(1_500_000 * 0.9 * month) + ""),
              entitlement(
                  "Platform Events Delivered per Month",
                  "PlatformEventsDeliveredMonthly",
                  "Monthly",
                  10_000_000,
                  Math.round(11_000_000 * month) + ""),
              entitlement(
                  "External Identity Logins", "ExternalIdentityLogins", "Monthly", 5000, "null")),
          true);
    }
    if (from.contains("FROM EVENTLOGFILE")) {
      return DemoEventLog.query(now);
    }
    if (from.contains("FROM ORGANIZATION")) {
      return page(
          List.of(
              "{\"OrganizationType\":\"Enterprise Edition\",\"InstanceName\":\"DEMO1\","
                  + "\"IsSandbox\":false}"),
          true);
    }
    return null;
  }

  /** The second page of the user licences. */
  static String nextPage() {
    return page(
        List.of(
            userLicense("Customer Community Login", "Active", 2000, 1410),
            userLicense("Work.com Only", "Disabled", 0, 0)),
        true);
  }

  static String recordCounts(Instant now) {
    double day = now.atZone(ZoneOffset.UTC).getHour() / 24.0;
    return "{\"sObjects\":["
        + count("Account", 48213 + day * 400)
        + ","
        + count("Contact", 211504 + day * 1500)
        + ","
        + count("Case", 152877 + day * 900)
        + ","
        + count("Invoice__c", 9342 + day * 60)
        + "]}";
  }

  /** Runs full (120 of 120) in the last half of every hour: long enough for the alerts. */
  private static int salesforceUsed(Instant now) {
    int minute = now.atZone(ZoneOffset.UTC).getMinute();
    return Math.min(120, 105 + minute / 2);
  }

  private static String page(List<String> records, boolean done) {
    return "{\"totalSize\":"
        + records.size()
        + ",\"done\":"
        + done
        + ",\"records\":["
        + String.join(",", records)
        + "]"
        + (done ? "" : ",\"nextRecordsUrl\":\"" + NEXT_PAGE + "\"")
        + "}";
  }

  private static String userLicense(String name, String status, int total, int used) {
    return "{\"Name\":\""
        + name
        + "\",\"MasterLabel\":\""
        + name
        + "\",\"Status\":\""
        + status
        + "\",\"TotalLicenses\":"
        + total
        + ",\"UsedLicenses\":"
        + used
        + "}";
  }

  private static String entitlement(
      String label, String setting, String frequency, long allowed, String used) {
    return "{\"MasterLabel\":\""
        + label
        + "\",\"Setting\":\"setting/force.com/orgValue."
        + setting
        + "\",\"Frequency\":\""
        + frequency
        + "\",\"CurrentAmountAllowed\":"
        + allowed
        + ",\"AmountUsed\":"
        + used
        + "}";
  }

  private static String count(String name, double count) {
    return "{\"count\":" + Math.round(count) + ",\"name\":\"" + name + "\"}";
  }
}
