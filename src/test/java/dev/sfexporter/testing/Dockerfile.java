package dev.sfexporter.testing;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The instructions of the project's Dockerfile, by stage, continuation lines joined. */
public final class Dockerfile {
  /** One instruction, e.g. {@code COPY} with its argument text. */
  public record Instruction(String keyword, String arguments) {
    /** The exec-form array of ENTRYPOINT, CMD or HEALTHCHECK ... CMD. */
    public List<String> execForm() {
      String json = arguments.substring(arguments.indexOf('['));
      List<String> values = new ArrayList<>();
      JsonParser.parseString(json).getAsJsonArray().forEach(e -> values.add(e.getAsString()));
      return values;
    }
  }

  private final List<List<Instruction>> stages;

  private Dockerfile(List<List<Instruction>> stages) {
    this.stages = stages;
  }

  public static Dockerfile read(Path file) throws IOException {
    List<List<Instruction>> stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String full = pending.append(line).toString();
      pending.setLength(0);
      int space = full.indexOf(' ');
      Instruction instruction =
          new Instruction(full.substring(0, space), full.substring(space + 1).strip());
      if (instruction.keyword().equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      stages.get(stages.size() - 1).add(instruction);
    }
    return new Dockerfile(stages);
  }

  public List<Instruction> stage(int index) {
    return stages.get(index);
  }

  public int stageCount() {
    return stages.size();
  }

  /** The one instruction of this keyword in the stage. */
  public Instruction only(int stage, String keyword) {
    List<Instruction> found = all(stage, keyword);
    if (found.size() != 1) {
      throw new AssertionError("stage " + stage + " has " + found.size() + " " + keyword);
    }
    return found.get(0);
  }

  public List<Instruction> all(int stage, String keyword) {
    return stages.get(stage).stream().filter(i -> i.keyword().equals(keyword)).toList();
  }
}
