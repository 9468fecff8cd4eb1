package dev.sfexporter.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;

/**
 * The demo org's daily {@code ApiTotalUsage} event log: yesterday's API calls, one CSV row each,
 * from a few integrations. "Marketing Sync" grows by 60 % day over day, enough to be more than a
 * tenth of the daily allocation, so the growing-consumer alert and dashboard have something to
 * show.
 */
final class DemoEventLog {
  static final String HEADER =
      "\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"ORGANIZATION_ID\",\"USER_ID\",\"API_FAMILY\","
          + "\"API_VERSION\",\"API_RESOURCE\",\"CLIENT_NAME\",\"HTTP_METHOD\",\"CLIENT_IP\","
          + "\"COUNTS_AGAINST_API_LIMIT\",\"CONNECTED_APP_ID\",\"CONNECTED_APP_NAME\",\"ENTITY_NAME\","
          + "\"STATUS_CODE\",\"USER_NAME\",\"TIMESTAMP_DERIVED\",\"USER_ID_DERIVED\"";

  /** Calls per day: connected app, client name, family, counted, user. */
  private record Client(
      String app, String clientName, String family, boolean counted, String user, int perDay) {}

  private DemoEventLog() {}

  /** The day the newest daily log covers: yesterday, as Salesforce publishes it. */
  static LocalDate day(Instant now) {
    return now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
  }

  static String id(LocalDate day) {
    return "0ATDEMO" + day.toString().replace("-", "");
  }

  static String query(Instant now) {
    LocalDate day = day(now);
    return "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"EventLogFile\"},"
        + "\"Id\":\""
        + id(day)
        + "\",\"EventType\":\"ApiTotalUsage\",\"LogDate\":\""
        + day
        + "T00:00:00.000+0000\",\"Interval\":\"Daily\",\"LogFile\":\""
        + path(day)
        + "\",\"LogFileFieldNames\":\""
        + HEADER.replace("\"", "")
        + "\"}]}";
  }

  static String path(LocalDate day) {
    return "/services/data/v65.0/sobjects/EventLogFile/" + id(day) + "/LogFile";
  }

  /** Writes the log of {@code day}, gzip-compressed, as Salesforce sends it when asked to. */
  static void write(LocalDate day, OutputStream out) throws IOException {
    long sinceEpoch = day.toEpochDay();
    // 25,000 calls on day 0 of a 4-day cycle, then +60 % a day: 25k, 40k, 64k, 102k.
    int marketing = (int) (25_000 * Math.pow(1.6, Math.floorMod(sinceEpoch, 4)));
    Client[] clients = {
      new Client("Order Hub", "", "REST", true, "orders@northwind.example", 60_000),
      new Client("Marketing Sync", "", "REST", true, "marketing@northwind.example", marketing),
      new Client("Order Hub", "", "REST", false, "orders@northwind.example", 4_000),
      new Client("", "DataLoaderBulkui/", "BULK", true, "admin@northwind.example", 3_000),
      new Client(
          "Prometheus Exporter",
          "salesforce-exporter",
          "REST",
          true,
          "monitor@northwind.example",
          370),
      new Client("", "", "SOAP", true, "legacy@northwind.example", 800),
    };
    GZIPOutputStream gzip = new GZIPOutputStream(out, 65536);
    Writer csv = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
    csv.write(HEADER);
    csv.write("\r\n");
    String date = day.toString().replace("-", "");
    long n = 0;
    for (Client c : clients) {
      for (int i = 0; i < c.perDay(); i++) {
        n++;
        long second = (i * 86_400L) / c.perDay();
        csv.write(
            "\"ApiTotalUsage\",\""
                + date
                + String.format("%02d%02d%02d", second / 3600, second / 60 % 60, second % 60)
                + ".000\",\"r"
                + n
                + "\",\"00D000000000DEM\",\"005000000000001\",\""
                + c.family()
                + "\",\"65.0\",\"/v65.0/sobjects/Order\",\""
                + c.clientName()
                + "\",\"GET\",\"198.51.100.20\",\""
                + c.counted()
                + "\",\"0H4000000000001\",\""
                + c.app()
                + "\",\"Order\",\"200\",\""
                + c.user()
                + "\",\"\",\"\"\r\n");
      }
    }
    csv.flush();
    gzip.finish();
  }
}
