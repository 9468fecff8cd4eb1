package dev.sfexporter.salesforce;

/** An HTTP answer from Salesforce with its (size-capped) body. */
public record HttpResult(int status, String body) {
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
