package org.takedown.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.takedown.stix.StixBundle.StixObject;
import org.takedown.stix.StixRejectedException.Kind;
import org.takedown.system.Hashes;
import org.takedown.system.Text;
import org.takedown.system.StrictJson;

/**
 * Reads and validates a STIX 2.1 or 2.0 bundle. Every problem is collected with the object's id,
 * its JSON pointer and the property, so a producer can fix them all at once. A pattern that cannot
 * be parsed does not refuse the bundle: it becomes a warning (the indicator is not taken; the bundle is
 * kept as sent), as does a reference to an object the bundle does not hold (see {@link StixMapper}).
 */
public final class StixReader {

  public static final String SUPPORTED_VERSIONS = "Takedown reads STIX 2.1 and STIX 2.0 bundles";
  /** More problems than this are summarised, so a hostile bundle cannot make a huge answer. */
  static final int MAX_PROBLEMS = 100;

  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern ID = Pattern.compile("([a-z0-9][a-z0-9-]*)--(" + UUID.pattern() + ")");
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
  private static final List<String> TIMESTAMPS = List.of("created", "modified", "valid_from", "valid_until", "published",
      "first_seen", "last_seen", "first_observed", "last_observed", "start_time", "stop_time");
  static final Set<String> SDO = Set.of("attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident",
      "indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data",
      "opinion", "report", "threat-actor", "tool", "vulnerability", "relationship", "sighting");
  static final Set<String> SCO = Set.of("artifact", "autonomous-system", "directory", "domain-name", "email-addr",
      "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
      "user-account", "windows-registry-key", "x509-certificate");
  /** Properties whose text must be one line: what names or identifies an object (see {@link #text(JsonNode)}). */
  private static final Set<String> ONE_LINE = Set.of("id", "type", "spec_version", "name", "value", "country", "region",
      "pattern_type", "relationship_type", "created", "modified", "valid_from", "valid_until", "published", "aliases", "labels",
      "identity_class", "definition_type", "tlp", "source_name", "external_id");
  private static final Set<String> NAMED = Set.of("attack-pattern", "campaign", "course-of-action", "infrastructure",
      "intrusion-set", "threat-actor", "tool", "vulnerability", "identity", "report");

  private final StixLimits limits;
  private final ObjectMapper mapper;

  public StixReader(StixLimits limits) {
    this.limits = limits;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public StixReader() {
    this(StixLimits.DEFAULT);
  }

  /** Throws {@link StixRejectedException} with every problem; otherwise the bundle is safe to map. */
  public StixBundle read(byte[] raw) {
    JsonNode root = parse(raw);
    text(root);
    if (!root.isObject()) {
      throw new StixRejectedException(Kind.INVALID, "", "type", "must be a JSON object with \"type\": \"bundle\"");
    }
    Validation v = new Validation();
    if (!"bundle".equals(root.path("type").asText(null))) {
      v.problem(null, "/type", "type", root.has("type") ? "must be \"bundle\", not " + root.get("type")
          : "is missing: a STIX bundle is {\"type\": \"bundle\", \"id\": \"bundle--<uuid>\", \"objects\": [...]}");
    }
    String specVersion = bundleVersion(root);
    String bundleId = root.path("id").asText(null);
    if (!root.path("id").isTextual()) {
      v.problem(null, "/id", "id", "is missing: give the bundle an id such as bundle--" + java.util.UUID.randomUUID());
    } else if (!ID.matcher(bundleId).matches() || !bundleId.startsWith("bundle--")) {
      v.problem(null, "/id", "id", "'" + bundleId + "' must be bundle--<uuid>, e.g. bundle--" + java.util.UUID.randomUUID());
    }
    JsonNode objects = root.path("objects");
    if (!objects.isMissingNode() && !objects.isArray()) {
      v.problem(bundleId, "/objects", "objects", "must be an array of STIX objects");
    }
    if (objects.size() > limits.maxObjects()) {
      throw new StixRejectedException(Kind.TOO_LARGE, "/objects", "objects",
          "holds " + objects.size() + " objects; at most " + limits.maxObjects() + " are accepted in one bundle: split it");
    }
    v.objects(objects.isArray() ? objects : mapper.createArrayNode(), specVersion);
    if (!v.problems.isEmpty()) {
      throw new StixRejectedException(Kind.INVALID, v.reported());
    }
    return new StixBundle(bundleId, specVersion, Hashes.sha256(raw), v.current(), v.byId, v.patterns, v.patternErrors, v.warnings);
  }

  private JsonNode parse(byte[] raw) {
    if (raw == null || raw.length == 0) {
      throw new StixRejectedException(Kind.MALFORMED, "", "body", "is empty: send a STIX bundle as JSON");
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(raw.length), true);
    if (result.isError()) {
      throw new StixRejectedException(Kind.MALFORMED, "", "body", "is not UTF-8 (byte " + in.position() + "): send the bundle as UTF-8 JSON");
    }
    try {
      JsonNode root = mapper.readTree(raw);
      if (root == null || root.isMissingNode()) {
        throw new StixRejectedException(Kind.MALFORMED, "", "body", "is empty: send a STIX bundle as JSON");
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new StixRejectedException(Kind.TOO_LARGE, "", "depth", "nests deeper than " + limits.maxDepth() + " levels; a STIX bundle needs far fewer");
    } catch (JsonProcessingException e) {
      throw new StixRejectedException(Kind.MALFORMED, "", "body", "is not valid JSON" + StrictJson.where(e) + ": " + StrictJson.plain(e));
    } catch (IOException e) {
      throw new StixRejectedException(Kind.MALFORMED, "", "body", "could not be read: " + e.getMessage());
    }
  }

  /**
   * The text rules of every other path ({@link Text}), on every key and string of the bundle: one-line
   * rules for keys and for the properties that name or identify (name, value, ids, types, references),
   * multi-line rules for the rest (a description, a pattern). A bundle that breaks them is malformed (400),
   * as a key given twice is, and every such problem is listed.
   */
  private static void text(JsonNode root) {
    List<StixProblem> problems = new ArrayList<>();
    text(root, "", null, null, problems);
    if (!problems.isEmpty()) {
      throw new StixRejectedException(Kind.MALFORMED, problems);
    }
  }

  private static void text(JsonNode node, String pointer, String property, String objectId, List<StixProblem> problems) {
    if (problems.size() >= MAX_PROBLEMS) {
      return;
    }
    if (node.isTextual()) {
      String problem = Text.problem(node.asText(), property == null || ONE_LINE.contains(property) || property.endsWith("_ref")
          || property.endsWith("_refs"));
      if (problem != null) {
        problems.add(new StixProblem(objectId, pointer, property == null ? "body" : property, problem));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        text(node.get(i), pointer + "/" + i, property, objectId, problems);
      }
    } else if (node.isObject()) {
      String id = node.path("id").isTextual() && Text.problem(node.path("id").asText(), true) == null ? node.path("id").asText() : objectId;
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        String escaped = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
        String keyProblem = Text.problem(key, true);
        if (keyProblem != null) {
          problems.add(new StixProblem(id, pointer, "a property name", keyProblem));
        } else {
          text(field.getValue(), escaped, key, id, problems);
        }
      }
    }
  }

  private static String bundleVersion(JsonNode root) {
    JsonNode declared = root.get("spec_version");
    if (declared == null) {
      // 2.1 bundles carry no spec_version; their objects do. A bundle of 2.0 objects without it is still 2.0.
      for (JsonNode o : root.path("objects")) {
        JsonNode given = o.get("spec_version");
        String v = given == null ? null : given.isTextual() ? given.asText() : given.toString();
        // A number (2.1, not "2.1") is no version string either.
        if (v != null && (!given.isTextual() || !v.equals("2.1") && !v.equals("2.0"))) {
          throw unsupported(o.path("id").asText(null), "/objects/" + indexOf(root.path("objects"), o) + "/spec_version",
              given.isTextual() ? v : v + " (a number, not text)");
        }
      }
      return "2.1";
    }
    String v = declared.asText("");
    if (!declared.isTextual() || !v.equals("2.0") && !v.equals("2.1")) {
      throw unsupported(root.path("id").asText(null), "/spec_version", declared.isTextual() ? v : declared.toString());
    }
    return v;
  }

  private static int indexOf(JsonNode array, JsonNode element) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) == element) {
        return i;
      }
    }
    return -1;
  }

  private static StixRejectedException unsupported(String id, String pointer, String version) {
    return new StixRejectedException(Kind.UNSUPPORTED_VERSION, List.of(new StixProblem(id, pointer, "spec_version",
        "'" + version + "' is not supported: " + SUPPORTED_VERSIONS)));
  }

  /** Collects the problems of one bundle. */
  private static final class Validation {
    final List<StixProblem> problems = new ArrayList<>();
    final List<StixProblem> warnings = new ArrayList<>();
    final Map<String, StixObject> byId = new LinkedHashMap<>();
    final Map<String, StixPattern> patterns = new HashMap<>();
    final Map<String, PatternSyntaxException> patternErrors = new HashMap<>();
    final List<StixObject> all = new ArrayList<>();

    int more;

    void problem(String id, String pointer, String property, String message) {
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(new StixProblem(id, pointer, property, message));
      } else {
        more++;
      }
    }

    List<StixProblem> reported() {
      if (more == 0) {
        return problems;
      }
      List<StixProblem> all = new ArrayList<>(problems);
      all.add(new StixProblem(null, "/objects", "objects", "and " + more + " more problems"));
      return all;
    }

    /** The objects in bundle order, each id once, at its latest version. */
    List<StixObject> current() {
      return all.stream().filter(o -> o.id() == null || byId.get(o.id()) == o).toList();
    }

    void objects(JsonNode objects, String version) {
      Map<String, StixObject> firstSeen = new HashMap<>();
      for (int i = 0; i < objects.size(); i++) {
        JsonNode o = objects.get(i);
        String pointer = "/objects/" + i;
        if (!o.isObject()) {
          problem(null, pointer, "type", "must be a STIX object (a JSON object with type and id)");
          continue;
        }
        String type = o.path("type").asText(null);
        String id = o.path("id").asText(null);
        if (!o.path("type").isTextual()) {
          problem(id, pointer + "/type", "type", "is missing: every STIX object has a type, e.g. \"indicator\"");
        } else if (!TYPE.matcher(type).matches()) {
          problem(id, pointer + "/type", "type", "'" + type + "' is not a STIX type name (lower-case letters, digits and '-', 3 to 250 characters)");
        }
        if (!o.path("id").isTextual()) {
          problem(null, pointer + "/id", "id", "is missing: every STIX object has an id such as " + (type == null ? "indicator" : type) + "--<uuid>");
          id = null;
        } else if (!ID.matcher(id).matches()) {
          problem(id, pointer + "/id", "id", "'" + id + "' must be <type>--<uuid>, e.g. " + (type == null ? "indicator" : type) + "--" + java.util.UUID.randomUUID());
          id = null;
        } else if (type != null && !id.startsWith(type + "--")) {
          problem(id, pointer + "/id", "id", "starts with '" + id.substring(0, id.indexOf("--")) + "' but the object's type is '" + type + "'");
          id = null;
        }
        StixObject object = new StixObject(i, id, type, o);
        all.add(object);
        if (id != null) {
          StixObject earlier = firstSeen.putIfAbsent(id, object);
          if (earlier != null) {
            String modified = o.path("modified").asText(null);
            if (java.util.Objects.equals(modified, earlier.json().path("modified").asText(null))) {
              problem(id, pointer + "/id", "id", "is a duplicate of " + earlier.pointer() + ": each object (and version, by modified) may appear once");
            } else if (modified != null && modified.compareTo(byId.get(id).json().path("modified").asText("")) > 0) {
              byId.put(id, object);
            }
          } else {
            byId.put(id, object);
          }
        }
        if (type != null) {
          properties(object, type, version);
        }
      }
      for (StixObject o : all) {
        references(o);
      }
    }

    private void properties(StixObject o, String type, String version) {
      boolean v21 = version.equals("2.1");
      List<String> required = new ArrayList<>();
      if (SDO.contains(type)) {
        required.addAll(List.of("created", "modified"));
        if (v21) {
          required.add("spec_version");
        }
      } else if (type.equals("marking-definition")) {
        required.add("created");
        if (v21) {
          required.add("spec_version");
        }
      }
      String spec = o.text("spec_version").orElse(null);
      if (spec != null && v21 && !spec.equals("2.1")) {
        problem(o.id(), o.pointer() + "/spec_version", "spec_version", "is '" + spec + "' in a STIX 2.1 bundle; give every object spec_version 2.1");
      }
      switch (type) {
        case "indicator" -> required.addAll(v21 ? List.of("pattern", "pattern_type", "valid_from") : List.of("pattern", "valid_from", "labels"));
        case "malware" -> {
          if (v21) {
            required.add("is_family");
            if (o.json().path("is_family").asBoolean(false)) {
              required.add("name");
            }
          } else {
            required.addAll(List.of("name", "labels"));
          }
        }
        case "report" -> required.addAll(v21 ? List.of("name", "published", "object_refs") : List.of("name", "published", "object_refs", "labels"));
        case "relationship" -> required.addAll(List.of("relationship_type", "source_ref", "target_ref"));
        case "sighting" -> required.add("sighting_of_ref");
        case "identity" -> required.addAll(v21 ? List.of("name") : List.of("name", "identity_class"));
        case "observed-data" -> {
          required.addAll(List.of("first_observed", "last_observed", "number_observed"));
          if (!v21 || !o.json().has("object_refs")) {
            required.add(v21 && !o.json().has("objects") ? "object_refs" : "objects");
          }
        }
        case "location" -> {
          JsonNode j = o.json();
          if (v21 && !j.has("region") && !j.has("country") && !(j.has("latitude") && j.has("longitude"))) {
            problem(o.id(), o.pointer() + "/country", "country", "is missing: a location needs region, country, or latitude and longitude");
          }
        }
        case "marking-definition" -> {
          if (!v21 || !o.json().has("extensions")) {
            required.addAll(List.of("definition_type", "definition"));
          }
        }
        default -> {
          if (NAMED.contains(type)) {
            required.add("name");
          }
        }
      }
      for (String property : required) {
        JsonNode value = o.json().get(property);
        if (value == null || value.isNull()) {
          problem(o.id(), o.pointer() + "/" + property, property, "is missing: " + ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type + " requires " + String.join(", ", required));
        } else if (value.isTextual() && value.asText().isEmpty() && !property.equals("name")) {
          problem(o.id(), o.pointer() + "/" + property, property, "must not be empty");
        }
      }
      for (String property : List.of("name", "description", "pattern", "pattern_type", "relationship_type")) {
        JsonNode value = o.json().get(property);
        if (value != null && !value.isTextual()) {
          problem(o.id(), o.pointer() + "/" + property, property, "must be text");
        }
      }
      if (type.equals("malware") && o.json().has("is_family") && !o.json().get("is_family").isBoolean()) {
        problem(o.id(), o.pointer() + "/is_family", "is_family", "must be true or false");
      }
      for (String property : TIMESTAMPS) {
        JsonNode value = o.json().get(property);
        if (value != null && !timestamp(value)) {
          problem(o.id(), o.pointer() + "/" + property, property, (value.isTextual() ? "'" + OneLineText.of(value.asText(), 60) + "'" : value.toString())
              + " is not a timestamp: write RFC 3339 in UTC with Z, e.g. 2016-05-12T08:17:27.000Z");
        }
      }
      if (type.equals("indicator") && o.json().path("pattern").isTextual() && o.id() != null) {
        pattern(o, v21);
      }
    }

    private void pattern(StixObject o, boolean v21) {
      String patternType = o.text("pattern_type").orElse(v21 ? null : "stix");
      if (!"stix".equals(patternType)) {
        return; // another pattern language (snort, yara, sigma…): kept as text, a pattern indicator
      }
      String text = o.text("pattern").orElseThrow();
      try {
        patterns.put(o.id(), PatternParser.parse(text));
      } catch (PatternSyntaxException e) {
        patternErrors.put(o.id(), e);
        warnings.add(new StixProblem(o.id(), o.pointer() + "/pattern", "pattern",
            "cannot be parsed " + e.getMessage() + ", so the indicator was not taken: correct its pattern and send it again"));
      }
    }

    private void references(StixObject o) {
      if (o.type() == null) {
        return;
      }
      switch (o.type()) {
        case "relationship" -> {
          reference(o, "source_ref");
          reference(o, "target_ref");
        }
        case "sighting" -> {
          reference(o, "sighting_of_ref");
          references(o, "observed_data_refs");
          references(o, "where_sighted_refs");
        }
        case "report", "grouping", "note", "opinion", "observed-data" -> references(o, "object_refs");
        default -> {
        }
      }
      JsonNode markings = o.json().get("object_marking_refs");
      if (markings != null) {
        if (!markings.isArray()) {
          problem(o.id(), o.pointer() + "/object_marking_refs", "object_marking_refs", "must be a list of marking-definition ids");
        } else {
          for (int i = 0; i < markings.size(); i++) {
            String ref = markings.get(i).asText("");
            if (!ID.matcher(ref).matches() || !ref.startsWith("marking-definition--")) {
              problem(o.id(), o.pointer() + "/object_marking_refs/" + i, "object_marking_refs", "'" + ref + "' is not a marking-definition id");
            }
          }
        }
      }
    }

    private void reference(StixObject o, String property) {
      JsonNode ref = o.json().get(property);
      if (ref != null) {
        check(o, property, o.pointer() + "/" + property, ref);
      }
    }

    private void references(StixObject o, String property) {
      JsonNode refs = o.json().get(property);
      if (refs == null) {
        return;
      }
      if (!refs.isArray() || refs.isEmpty()) {
        problem(o.id(), o.pointer() + "/" + property, property, "must be a non-empty list of ids");
        return;
      }
      for (int i = 0; i < refs.size(); i++) {
        check(o, property, o.pointer() + "/" + property + "/" + i, refs.get(i));
      }
    }

    private void check(StixObject o, String property, String pointer, JsonNode ref) {
      String target = ref.asText("");
      if (!ref.isTextual() || !ID.matcher(target).matches()) {
        problem(o.id(), pointer, property, "'" + OneLineText.of(ref.isTextual() ? target : ref.toString(), 80) + "' is not a STIX id (<type>--<uuid>)");
      }
      // A reference to an object not in the bundle is no error (STIX lets a bundle refer to objects it does not
      // hold); StixMapper says what could not be taken because of it.
    }

    private static boolean timestamp(JsonNode value) {
      if (!value.isTextual() || !TIMESTAMP.matcher(value.asText()).matches()) {
        return false;
      }
      try {
        Instant.parse(value.asText());
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }

  /** Short single-line rendering of text from the input, for messages. */
  static final class OneLineText {
    private OneLineText() {}

    static String of(String s, int max) {
      String one = s.replaceAll("\\p{Cntrl}", " ");
      return one.length() <= max ? one : one.substring(0, max) + "…";
    }
  }
}
