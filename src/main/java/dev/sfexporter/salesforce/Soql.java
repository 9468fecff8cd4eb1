package dev.sfexporter.salesforce;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a SOQL query and follows Salesforce's paging ({@code done: false}, {@code nextRecordsUrl})
 * to the last page. Each page is one API call, counted as {@code query}.
 */
public final class Soql {
  public static final String ENDPOINT = "query";

  /** The sources' queries return tens of rows; this many means something is wrong. */
  static final int MAX_RECORDS = 50_000;

  private Soql() {}

  /** Every record of the query, page after page, or a {@link SalesforceException}. */
  public static CompletableFuture<List<JsonObject>> records(
      OrgClient client, String soql, Deadline deadline) {
    String path = "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    return client
        .get(path, ENDPOINT, deadline, Soql::page)
        .thenCompose(first -> rest(client, soql, deadline, first, new ArrayList<>()));
  }

  private static CompletableFuture<List<JsonObject>> rest(
      OrgClient client, String soql, Deadline deadline, Page page, List<JsonObject> records) {
    records.addAll(page.records());
    if (page.next() == null) {
      return CompletableFuture.completedFuture(records);
    }
    if (records.size() > MAX_RECORDS) {
      return Async.failed(
          new SalesforceException(
              FailureReason.INVALID_RESPONSE,
              0,
              "query returned more than " + MAX_RECORDS + " records: " + soql));
    }
    return client
        .getFromInstance(page.next(), ENDPOINT, deadline, Soql::page)
        .thenCompose(next -> rest(client, soql, deadline, next, records));
  }

  /** One page of a query answer. */
  record Page(List<JsonObject> records, String next) {}

  static Page page(String body) {
    JsonElement json = JsonParser.parseString(body);
    if (!(json instanceof JsonObject answer) || !answer.has("records")) {
      throw new IllegalArgumentException("the answer is not a query result");
    }
    List<JsonObject> records = new ArrayList<>();
    for (JsonElement record : answer.getAsJsonArray("records")) {
      if (record instanceof JsonObject object) {
        records.add(object);
      }
    }
    boolean done = !answer.has("done") || answer.get("done").getAsBoolean();
    JsonElement next = answer.get("nextRecordsUrl");
    if (!done && (next == null || !next.isJsonPrimitive())) {
      throw new IllegalArgumentException("done is false but there is no nextRecordsUrl");
    }
    return new Page(records, done ? null : next.getAsString());
  }

  /** A field as text, or null when absent or null. */
  public static String text(JsonObject record, String field) {
    JsonElement value = record.get(field);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  /** A numeric field, or null when absent, null or not a number. */
  public static Double number(JsonObject record, String field) {
    JsonElement value = record.get(field);
    if (value == null || value.isJsonNull() || !value.isJsonPrimitive()) {
      return null;
    }
    try {
      return value.getAsDouble();
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
