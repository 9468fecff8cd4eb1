package dev.sfexporter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies a file, or a folder with everything in it, as a bind mount or a COPY would place it. */
public final class FileTrees {
  private FileTrees() {}

  public static void copy(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (Stream<Path> tree = Files.walk(source)) {
      for (Path path : tree.toList()) {
        Path to = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
