package org.takedown.stix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.system.Uuids;
import org.takedown.system.CountryCodes;
import org.takedown.system.Hashes;
import org.takedown.system.Tlp;

/**
 * Builds a STIX 2.1 bundle of an operation: a report (with the operation reference as external
 * reference), the indicators with their patterns, the context objects, the countries as location
 * objects, the relationships, and the TLP 2.0 marking definition at its fixed id. Ids are UUIDv5
 * from the operation reference and the object's content, so exporting the same operation twice gives
 * the same ids (and the same bundle, when nothing changed), and posting the export back maps to the
 * same indicators, title, TLP and countries.
 */
public final class StixExporter {

  /** external_references source_name that marks a report as a Takedown operation. */
  public static final String SOURCE_NAME = "takedown";
  /** Namespace of Takedown's UUIDv5 ids (a fixed random UUID). */
  static final UUID NAMESPACE = UUID.fromString("5b2c7f0e-3d4a-4e8b-9f61-2a7c0d9e8b14");
  private static final DateTimeFormatter STIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final Instant TLP2_CREATED = Instant.parse("2022-10-01T00:00:00Z");
  /** An id the STIX 2.1 schemas accept: an RFC 4122 UUID (version 1 to 5, variant 10xx); others get a UUIDv5 of ours. */
  private static final Pattern ID = Pattern.compile("([a-z0-9][a-z0-9-]*)--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StixExporter() {}

  /** The id of the report that stands for an operation, the same in every export of it. */
  public static String reportId(String reference) {
    return "report--" + uuid5("report/" + reference);
  }

  /** The bundle as UTF-8 JSON bytes. */
  public static byte[] toJson(StixOperation operation) {
    try {
      return JSON.writeValueAsBytes(export(operation));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }

  public static ObjectNode export(StixOperation op) {
    String ref = op.reference();
    String created = time(op.created());
    String modified = time(op.modified() == null ? op.created() : op.modified());
    String tlpId = StixMarkings.tlp2Id(op.tlp());
    ArrayNode objects = JSON.createArrayNode();
    List<String> reportRefs = new ArrayList<>();
    Set<String> exported = new HashSet<>();

    objects.add(tlpMarking(op.tlp()));
    List<String> markings = new ArrayList<>(List.of(tlpId));
    for (String statement : op.statements() == null ? List.<String>of() : op.statements()) {
      ObjectNode m = JSON.createObjectNode().put("type", "marking-definition").put("spec_version", "2.1")
          .put("id", "marking-definition--" + uuid5(ref + "/statement/" + statement)).put("created", created)
          .put("definition_type", "statement");
      m.putObject("definition").put("statement", statement);
      objects.add(m);
      markings.add(m.get("id").asText());
    }

    String producer = "identity--" + uuid5("takedown/identity");
    ObjectNode identity = sdo("identity", producer, created, created, markings, null).put("name", "Takedown").put("identity_class", "organization");
    objects.add(identity);
    reportRefs.add(producer);

    for (StixOperation.Indicator i : op.indicators() == null ? List.<StixOperation.Indicator>of() : op.indicators()) {
      boolean whole = StixOperation.Indicator.PATTERN.equals(i.type());
      if (whole && (i.pattern() == null || i.pattern().isBlank())) {
        throw new IllegalArgumentException("a pattern indicator needs its pattern");
      }
      ObservableType type = whole ? null : ObservableType.of(i.type()).orElseThrow(() -> new IllegalArgumentException(
          "indicator type '" + i.type() + "' has no STIX pattern; known: " + List.of(ObservableType.values())));
      String patternType = i.patternType() == null ? "stix" : i.patternType();
      String id = validId(i.stixId(), "indicator") ? i.stixId()
          : "indicator--" + uuid5(ref + "/indicator/" + (whole ? "pattern/" + patternType + "/" + i.pattern()
              : type.id() + "/" + normalisedOrRaw(type, i.value())));
      if (!exported.add(id)) {
        continue;
      }
      ObjectNode o = sdo("indicator", id, created, modified, markings, producer)
          .put("name", i.name() != null ? i.name() : whole ? patternType + " pattern" : type.id() + " " + i.value());
      if (i.description() != null) {
        o.put("description", i.description());
      }
      o.putArray("indicator_types").add("malicious-activity");
      o.put("pattern", i.pattern() != null ? i.pattern() : type.pattern(i.value())).put("pattern_type", patternType)
          .put("valid_from", time(i.validFrom() != null ? i.validFrom() : op.created()));
      objects.add(o);
      reportRefs.add(id);
    }

    for (ContextObject c : op.context() == null ? List.<ContextObject>of() : op.context()) {
      String name = c.name() == null || c.name().isBlank() ? "unnamed " + c.type() : c.name();
      String id = validId(c.id(), c.type()) ? c.id() : c.type() + "--" + uuid5(ref + "/" + c.type() + "/" + name);
      if (!StixMapper.CONTEXT_TYPES.contains(c.type()) || !exported.add(id)) {
        continue;
      }
      ObjectNode o = sdo(c.type(), id, created, modified, markings, producer).put("name", name);
      if (c.description() != null) {
        o.put("description", c.description());
      }
      if (c.type().equals("malware")) {
        o.put("is_family", true);
      }
      objects.add(o);
      reportRefs.add(id);
    }

    for (String country : op.countries() == null ? List.<String>of() : op.countries()) {
      String cc = country.toUpperCase(Locale.ROOT);
      if (!CountryCodes.isValid(cc)) {
        throw new IllegalArgumentException("'" + country + "' is not an ISO 3166-1 alpha-2 country code");
      }
      String id = "location--" + uuid5(ref + "/location/" + cc);
      if (exported.add(id)) {
        objects.add(sdo("location", id, created, modified, markings, producer).put("name", CountryCodes.name(cc)).put("country", cc));
        reportRefs.add(id);
      }
    }

    for (StixOperation.Relationship r : op.relationships() == null ? List.<StixOperation.Relationship>of() : op.relationships()) {
      if (!exported.contains(r.sourceRef()) || !exported.contains(r.targetRef())) {
        continue;
      }
      String id = "relationship--" + uuid5(ref + "/relationship/" + r.sourceRef() + "/" + r.type() + "/" + r.targetRef());
      if (exported.add(id)) {
        objects.add(sdo("relationship", id, created, modified, markings, producer).put("relationship_type", r.type())
            .put("source_ref", r.sourceRef()).put("target_ref", r.targetRef()));
        reportRefs.add(id);
      }
    }

    ObjectNode report = sdo("report", reportId(ref), created, modified, markings, producer).put("name", op.title());
    if (op.summary() != null) {
      report.put("description", op.summary());
    }
    report.putArray("report_types").add("threat-report");
    report.put("published", created);
    reportRefs.forEach(report.putArray("object_refs")::add);
    report.putArray("external_references").addObject().put("source_name", SOURCE_NAME).put("external_id", ref);
    objects.insert(1, report);

    ObjectNode bundle = JSON.createObjectNode().put("type", "bundle");
    bundle.put("id", "bundle--" + uuid5(ref + "/bundle/" + Hashes.sha256(objects.toString())));
    bundle.set("objects", objects);
    return bundle;
  }

  /** The TLP 2.0 marking definition as FIRST and OASIS publish it. */
  static ObjectNode tlpMarking(Tlp tlp) {
    ObjectNode m = JSON.createObjectNode().put("type", "marking-definition").put("spec_version", "2.1")
        .put("id", StixMarkings.tlp2Id(tlp)).put("created", time(TLP2_CREATED)).put("name", tlp.label());
    m.putObject("extensions").putObject(StixMarkings.TLP2_EXTENSION).put("extension_type", "property-extension")
        .put("tlp_2_0", tlp.label().substring(4).toLowerCase(Locale.ROOT));
    return m;
  }

  private static ObjectNode sdo(String type, String id, String created, String modified, List<String> markings, String createdBy) {
    ObjectNode o = JSON.createObjectNode().put("type", type).put("spec_version", "2.1").put("id", id);
    if (createdBy != null) {
      o.put("created_by_ref", createdBy);
    }
    o.put("created", created).put("modified", modified);
    markings.forEach(o.putArray("object_marking_refs")::add);
    return o;
  }

  private static boolean validId(String id, String type) {
    return id != null && ID.matcher(id).matches() && id.startsWith(type + "--");
  }

  private static String normalisedOrRaw(ObservableType type, String value) {
    try {
      return type.normalise(value);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  static String time(Instant instant) {
    return STIX_TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** RFC 4122 name-based UUID, version 5 (SHA-1), in Takedown's namespace. */
  static UUID uuid5(String name) {
    return Uuids.v5(NAMESPACE, name);
  }
}
