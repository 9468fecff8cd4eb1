package dev.sfexporter.salesforce;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

/**
 * Counts the bytes that arrive and stops at a cap by dropping the connection, instead of reading
 * (or draining) the rest.
 */
final class CappedInputStream extends FilterInputStream {
  /** The cap was reached. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long cap) {
      super("download larger than max_log_bytes (" + cap + " bytes); connection dropped");
    }
  }

  private final long cap;
  private final HttpUriRequestBase request;
  private long count;

  CappedInputStream(InputStream in, long cap, HttpUriRequestBase request) {
    super(in);
    this.cap = cap;
    this.request = request;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  private void counted(int n) throws IOException {
    count += n;
    if (count > cap) {
      request.cancel();
      throw new TooLarge(cap);
    }
  }

  @Override
  public void close() throws IOException {
    if (count <= cap) {
      super.close();
    }
  }
}
