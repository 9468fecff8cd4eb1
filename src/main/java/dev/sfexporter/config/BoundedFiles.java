package dev.sfexporter.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file named by the user without trusting it: a FIFO would block start-up forever, a device
 * or a huge file would exhaust memory, so only regular files up to a cap are read.
 */
public final class BoundedFiles {
  /** Secrets, keys and certificates are a few KiB; anything near this is the wrong file. */
  public static final long MAX_SECRET_BYTES = 1 << 20;

  /** The configuration files: even 1,000 orgs stay well under this. */
  public static final long MAX_CONFIG_BYTES = 16L << 20;

  private BoundedFiles() {}

  /**
   * The file's text (UTF-8).
   *
   * @throws IOException with a message fit for a config error: "is a directory", "is not a regular
   *     file (a FIFO, socket or device)", "is larger than 1048576 bytes", "no such file"
   */
  public static String read(Path file, long maxBytes) throws IOException {
    BasicFileAttributes attributes;
    try {
      // Follows links: a Kubernetes Secret mount is a chain of symlinks to a regular file.
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException("permission denied", e);
    }
    if (attributes.isDirectory()) {
      throw new IOException("is a directory, not a file");
    }
    if (!attributes.isRegularFile()) {
      throw new IOException("is not a regular file (a FIFO, socket or device?)");
    }
    if (attributes.size() > maxBytes) {
      throw new IOException("is larger than " + maxBytes + " bytes; is it the right file?");
    }
    try (InputStream in = Files.newInputStream(file)) {
      // The file may grow between the check and the read: never read past the cap.
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new IOException("is larger than " + maxBytes + " bytes; is it the right file?");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException("permission denied", e);
    }
  }
}
