package dev.sfexporter.salesforce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads an API answer as it arrives, up to {@link SalesforceHttp#MAX_BODY_BYTES}: a larger one
 * fails the call at once, which drops the connection instead of reading the rest.
 */
final class CappedBody extends AbstractBinResponseConsumer<HttpResult> {
  /** The body cap was hit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    TooLarge(int status) {
      super("answer larger than " + SalesforceHttp.MAX_BODY_BYTES + " bytes; connection dropped");
      this.status = status;
    }
  }

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status;
  private Charset charset = StandardCharsets.UTF_8;

  @Override
  protected void start(HttpResponse response, ContentType contentType) throws IOException {
    status = response.getCode();
    Header length = response.getFirstHeader("Content-Length");
    if (length != null && declaredLength(length.getValue()) > SalesforceHttp.MAX_BODY_BYTES) {
      throw new TooLarge(status);
    }
    if (contentType != null && contentType.getCharset() != null) {
      charset = contentType.getCharset();
    }
  }

  private static long declaredLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  protected int capacityIncrement() {
    return 64 * 1024;
  }

  @Override
  protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
    if (body.size() + src.remaining() > SalesforceHttp.MAX_BODY_BYTES) {
      throw new TooLarge(status);
    }
    byte[] chunk = new byte[src.remaining()];
    src.get(chunk);
    body.write(chunk, 0, chunk.length);
  }

  @Override
  protected HttpResult buildResult() {
    return new HttpResult(status, body.toString(charset));
  }

  @Override
  public void releaseResources() {}
}
