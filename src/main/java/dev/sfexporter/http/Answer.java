package dev.sfexporter.http;

import java.util.List;
import java.util.Map;

/**
 * A rendered {@code /metrics} answer, waiting to be written.
 *
 * @param body in pieces, written one after the other: pieces of source data are shared by every
 *     scrape until the next refresh, and are never changed
 */
record Answer(int status, Map<String, String> headers, List<byte[]> body) {

  long size() {
    long size = 0;
    for (byte[] piece : body) {
      size += piece.length;
    }
    return size;
  }
}
