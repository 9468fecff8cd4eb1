package dev.sfexporter.config;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a private key from PEM text, in PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN
 * RSA PRIVATE KEY}, as {@code openssl genrsa} writes it): RSA for the JWT bearer flow, RSA or EC
 * for TLS. Every refusal says what the key is and how to convert it.
 */
public final class PemPrivateKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  // AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters.
  private static final byte[] RSA_ALGORITHM_ID = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final String CONVERT_HINT =
      "convert it with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key";

  private PemPrivateKeys() {}

  /** Parses the first private key block in {@code pem}; throws with a reason on any problem. */
  public static RSAPrivateKey parseRsa(String pem) {
    PrivateKey key = parse(pem, false);
    if (!(key instanceof RSAPrivateKey rsa)) {
      throw new IllegalArgumentException(
          "is not an RSA private key (Salesforce's JWT bearer flow needs RSA for RS256)");
    }
    return rsa;
  }

  /** An RSA or EC key, for TLS: PKCS#8, or PKCS#1 for RSA. */
  public static PrivateKey parseRsaOrEc(String pem) {
    return parse(pem, true);
  }

  private static PrivateKey parse(String pem, boolean ecAllowed) {
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      String label = block.group(1);
      String body = block.group(2);
      switch (label) {
        case "PRIVATE KEY":
          return fromPkcs8(decode(body), ecAllowed);
        case "RSA PRIVATE KEY":
          if (body.contains("ENCRYPTED")) {
            throw new IllegalArgumentException(
                "the RSA key is encrypted with a passphrase; remove it with: "
                    + "openssl rsa -in old.key -out new.key");
          }
          return fromPkcs8(wrapPkcs1(decode(body)), false);
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException(
              "the key is encrypted with a passphrase; " + CONVERT_HINT);
        case "EC PRIVATE KEY":
          if (ecAllowed) {
            throw new IllegalArgumentException("holds an EC key in SEC1 form; " + CONVERT_HINT);
          }
          throw new IllegalArgumentException(
              "holds an EC PRIVATE KEY; Salesforce's JWT bearer flow signs with RS256 and needs an"
                  + " RSA key (openssl genrsa -out server.key 2048)");
        case "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY":
          throw new IllegalArgumentException(
              "holds a "
                  + label
                  + "; Salesforce's JWT bearer flow signs with RS256 and needs an"
                  + " RSA key (openssl genrsa -out server.key 2048)");
        default:
          // A certificate or other block before the key: keep looking.
      }
    }
    if (pem.contains("BEGIN CERTIFICATE")) {
      throw new IllegalArgumentException(
          "holds a certificate but no private key; give the private key whose certificate is"
              + " uploaded to the connected app");
    }
    throw new IllegalArgumentException(
        "holds no PEM private key (expected a -----BEGIN PRIVATE KEY----- or"
            + " -----BEGIN RSA PRIVATE KEY----- block)");
  }

  private static byte[] decode(String body) {
    String base64 = body.replaceAll("(?m)^[A-Za-z-]+:.*$", "").replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM block is not valid base64", e);
    }
  }

  private static PrivateKey fromPkcs8(byte[] der, boolean ecAllowed) {
    for (String algorithm : ecAllowed ? new String[] {"RSA", "EC"} : new String[] {"RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Try the next algorithm.
      }
    }
    throw new IllegalArgumentException(
        ecAllowed
            ? "is not an RSA or EC private key"
            : "is not an RSA private key (Salesforce's JWT bearer flow needs RSA for RS256)");
  }

  /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo, which the JDK can read. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
    info.writeBytes(RSA_ALGORITHM_ID);
    info.writeBytes(derHeader(0x04, pkcs1.length));
    info.writeBytes(pkcs1);
    ByteArrayOutputStream sequence = new ByteArrayOutputStream();
    sequence.writeBytes(derHeader(0x30, info.size()));
    sequence.writeBytes(info.toByteArray());
    return sequence.toByteArray();
  }

  private static byte[] derHeader(int tag, int length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    int bytes = length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    byte[] header = new byte[2 + bytes];
    header[0] = (byte) tag;
    header[1] = (byte) (0x80 | bytes);
    for (int i = 0; i < bytes; i++) {
      header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
    }
    return header;
  }
}
