package org.takedown.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bundle that {@link StixReader} has validated: its objects in bundle order (only the latest
 * version of an object given in several versions), the parsed patterns, and the warnings that do
 * not refuse the bundle (a pattern that cannot be parsed, a pattern in another language).
 */
public final class StixBundle {

  /** One object of the bundle; {@code index} is its place in "objects", for JSON pointers. */
  public record StixObject(int index, String id, String type, JsonNode json) {
    public String pointer() {
      return "/objects/" + index;
    }

    public Optional<String> text(String field) {
      JsonNode v = json.get(field);
      return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
  }

  private final String id;
  private final String specVersion;
  private final String sha256;
  private final List<StixObject> objects;
  private final Map<String, StixObject> byId;
  private final Map<String, StixPattern> patterns;
  private final Map<String, PatternSyntaxException> patternErrors;
  private final List<StixProblem> warnings;

  StixBundle(String id, String specVersion, String sha256, List<StixObject> objects, Map<String, StixObject> byId,
      Map<String, StixPattern> patterns, Map<String, PatternSyntaxException> patternErrors, List<StixProblem> warnings) {
    this.id = id;
    this.specVersion = specVersion;
    this.sha256 = sha256;
    this.objects = List.copyOf(objects);
    this.byId = Map.copyOf(byId);
    this.patterns = Map.copyOf(patterns);
    this.patternErrors = Map.copyOf(patternErrors);
    this.warnings = List.copyOf(warnings);
  }

  /** bundle--uuid. */
  public String id() {
    return id;
  }

  /** "2.1" or "2.0". */
  public String specVersion() {
    return specVersion;
  }

  /** SHA-256 of the raw bytes as received, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  public List<StixObject> objects() {
    return objects;
  }

  public Optional<StixObject> get(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** The parsed pattern of an indicator whose pattern_type is stix. */
  public Optional<StixPattern> pattern(String indicatorId) {
    return Optional.ofNullable(patterns.get(indicatorId));
  }

  public Optional<PatternSyntaxException> patternError(String indicatorId) {
    return Optional.ofNullable(patternErrors.get(indicatorId));
  }

  public List<StixProblem> warnings() {
    return warnings;
  }
}
