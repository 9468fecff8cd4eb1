package dev.sfexporter.salesforce;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code ApiTotalUsage} event log (one CSV row per API call) as it streams in, and counts
 * calls per client, API family and whether they count against the limit. Memory grows with the
 * number of distinct clients, never with the number of rows.
 */
public final class ApiUsageLog {
  /** A client Salesforce knows nothing of: no connected app and no client name. */
  public static final String UNKNOWN = "unknown";

  /** Where the clients beyond {@code max_clients} (and beyond {@link #MAX_KEYS}) are summed. */
  public static final String OTHER = "other";

  /** Distinct (client, family, counted, user) keys kept while reading; later ones go to other. */
  static final int MAX_KEYS = 100_000;

  /** Calls of one client in the period. */
  public record Usage(
      String client, String apiFamily, boolean countsAgainstLimit, String user, long requests) {}

  private record Key(String client, String apiFamily, boolean counted, String user) {}

  private ApiUsageLog() {}

  /**
   * @param fieldNames {@code LogFileFieldNames}, used when the file has no header row
   * @param byUser whether to keep {@code USER_NAME}
   * @param maxClients the busiest clients (by all their calls) keep their name
   */
  public static List<Usage> read(InputStream csv, String fieldNames, boolean byUser, int maxClients)
      throws IOException {
    Map<Key, long[]> counts = new HashMap<>();
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .skipEmptyLines(true)
            // A corrupt file (an unclosed quote) must not grow one field past the heap.
            .maxBufferSize(1 << 20)
            .ofCsvRecord(csv, StandardCharsets.UTF_8)) {
      Columns columns = null;
      for (CsvRecord row : reader) {
        if (columns == null) {
          columns = Columns.of(row.getFields());
          if (columns != null) {
            continue; // the header row
          }
          columns = Columns.of(fieldNames == null ? List.of() : List.of(fieldNames.split(",")));
          if (columns == null) {
            throw new IllegalArgumentException(
                "the log has no header with CONNECTED_APP_NAME, CLIENT_NAME, API_FAMILY and"
                    + " COUNTS_AGAINST_API_LIMIT");
          }
        }
        Key key = columns.key(row, byUser);
        long[] count = counts.get(key);
        if (count == null) {
          if (counts.size() >= MAX_KEYS) {
            key = new Key(OTHER, key.apiFamily(), key.counted(), byUser ? "" : null);
            count = counts.get(key);
          }
          if (count == null) {
            count = new long[1];
            counts.put(key, count);
          }
        }
        count[0]++;
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return fold(counts, maxClients);
  }

  /** Keeps the {@code maxClients} busiest clients by name and sums the rest as other. */
  private static List<Usage> fold(Map<Key, long[]> counts, int maxClients) {
    Map<String, Long> perClient = new HashMap<>();
    counts.forEach((key, n) -> perClient.merge(key.client(), n[0], Long::sum));
    List<String> busiest =
        perClient.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(maxClients)
            .map(Map.Entry::getKey)
            .toList();
    java.util.Set<String> named = new java.util.HashSet<>(busiest);
    // With by_user, each client keeps its busiest users too; the rest are user="other".
    Map<List<String>, Long> perUser = new HashMap<>();
    counts.forEach(
        (key, n) -> {
          if (key.user() != null) {
            perUser.merge(List.of(key.client(), key.user()), n[0], Long::sum);
          }
        });
    java.util.Set<List<String>> namedUsers = new java.util.HashSet<>();
    perUser.entrySet().stream()
        .collect(java.util.stream.Collectors.groupingBy(e -> e.getKey().get(0)))
        .forEach(
            (client, users) ->
                users.stream()
                    .sorted(
                        Map.Entry.<List<String>, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(maxClients)
                    .forEach(e -> namedUsers.add(e.getKey())));
    Map<Key, Long> folded = new LinkedHashMap<>();
    counts.forEach(
        (key, n) -> {
          String client = named.contains(key.client()) ? key.client() : OTHER;
          String user = key.user();
          if (user != null && !namedUsers.contains(List.of(key.client(), user))) {
            user = OTHER;
          }
          if (user != null && client.equals(OTHER)) {
            user = "";
          }
          folded.merge(new Key(client, key.apiFamily(), key.counted(), user), n[0], Long::sum);
        });
    List<Usage> result = new ArrayList<>();
    folded.forEach(
        (key, n) ->
            result.add(new Usage(key.client(), key.apiFamily(), key.counted(), key.user(), n)));
    result.sort(Comparator.comparingLong(Usage::requests).reversed());
    return List.copyOf(result);
  }

  /** Where the columns this needs are, by name. */
  private record Columns(int app, int clientName, int family, int counted, int user) {
    static Columns of(List<String> header) {
      List<String> names =
          header.stream().map(h -> h.strip().toUpperCase(java.util.Locale.ROOT)).toList();
      int app = names.indexOf("CONNECTED_APP_NAME");
      int client = names.indexOf("CLIENT_NAME");
      int family = names.indexOf("API_FAMILY");
      int counted = names.indexOf("COUNTS_AGAINST_API_LIMIT");
      if (family < 0 || counted < 0 || (app < 0 && client < 0)) {
        return null;
      }
      return new Columns(app, client, family, counted, names.indexOf("USER_NAME"));
    }

    Key key(CsvRecord row, boolean byUser) {
      String app = field(row, this.app);
      String client = !app.isEmpty() ? app : field(row, clientName);
      return new Key(
          client.isEmpty() ? UNKNOWN : client,
          field(row, family),
          Boolean.parseBoolean(field(row, counted)),
          byUser ? field(row, user) : null);
    }

    private static String field(CsvRecord row, int index) {
      return index < 0 || index >= row.getFieldCount() ? "" : row.getField(index).strip();
    }
  }
}
