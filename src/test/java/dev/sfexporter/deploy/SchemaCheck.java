package dev.sfexporter.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Kubernetes object into its fabric8 model and fails on anything the model does not know:
 * fabric8 keeps unknown fields in {@code additionalProperties} instead of refusing them, so every
 * nested object is walked for them.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  static HasMetadata parse(
      ObjectMapper json,
      Map<String, Object> object,
      Map<String, Class<? extends HasMetadata>> kinds) {
    String kind = String.valueOf(object.get("kind"));
    Class<? extends HasMetadata> type = kinds.get(kind);
    if (type == null) {
      throw new AssertionError("unexpected kind " + kind);
    }
    HasMetadata parsed;
    try {
      parsed = json.convertValue(object, type);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(kind + " does not match its schema: " + e.getMessage(), e);
    }
    String apiVersion = HasMetadata.getApiVersion(type);
    if (!apiVersion.equals(object.get("apiVersion"))) {
      throw new AssertionError(
          kind + " has apiVersion " + object.get("apiVersion") + ", not " + apiVersion);
    }
    List<String> unknown = new ArrayList<>();
    walk(parsed, kind, unknown);
    if (!unknown.isEmpty()) {
      throw new AssertionError("fields the schema does not know: " + unknown);
    }
    return parsed;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, unknown));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      String field =
          Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      if (field.equals("additionalProperties") && child instanceof Map<?, ?> extra) {
        extra.keySet().forEach(key -> unknown.add(path + "." + key));
      } else {
        walk(child, path + "." + field, unknown);
      }
    }
  }
}
