package org.takedown.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Reads and writes the JSON-valued process variables of the contract. Tasklist forms, REST clients
 * and action links send the same variable in different shapes (a JSON variable, a JSON string or
 * plain lines typed into a text area), so every reader accepts all of them.
 */
public final class ProcessJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProcessJson() {}

  public static JsonValue json(Object value) {
    return SpinValues.jsonValue(write(value)).create();
  }

  /** The JSON text of a list or map of strings. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write value as JSON", e);
    }
  }

  /** A list of strings from a JSON array, a collection, or text with one entry per line. */
  public static List<String> stringList(String field, Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof JsonValue json) {
      value = json.getValueSerialized();
    }
    if (value instanceof SpinJsonNode node) {
      value = node.toString();
    }
    if (value instanceof Collection<?> collection) {
      List<String> result = new ArrayList<>();
      for (Object item : collection) {
        result.add(item == null ? "" : String.valueOf(item).trim());
      }
      return result;
    }
    String text = String.valueOf(value).trim();
    if (text.startsWith("[")) {
      try {
        return MAPPER.readValue(text, new TypeReference<List<String>>() {}).stream().map(String::trim).toList();
      } catch (JsonProcessingException e) {
        throw new InvalidInputException(field, "must be a JSON array of strings");
      }
    }
    return text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
  }

  /** A map of strings from a JSON object, a map, or text with one 'key: value' per line. */
  public static Map<String, String> stringMap(String field, Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof JsonValue json) {
      value = json.getValueSerialized();
    }
    if (value instanceof SpinJsonNode node) {
      value = node.toString();
    }
    Map<String, String> result = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> result.put(String.valueOf(k).trim(), v == null ? "" : String.valueOf(v).trim()));
      return result;
    }
    String text = String.valueOf(value).trim();
    if (text.startsWith("{")) {
      try {
        MAPPER.readValue(text, new TypeReference<Map<String, Object>>() {})
            .forEach((k, v) -> result.put(k.trim(), v == null ? "" : String.valueOf(v).trim()));
        return result;
      } catch (JsonProcessingException e) {
        throw new InvalidInputException(field, "must be a JSON object of strings");
      }
    }
    for (String line : text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new InvalidInputException(field, "line '" + line + "' must read 'key: value'");
      }
      result.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    return result;
  }

}
