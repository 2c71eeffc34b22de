package org.takedown.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.takedown.stix.StixRejectedException.Kind;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.InvalidInputException;
import org.takedown.system.Tlp;

/** A corpus of malformed and hostile bundles, each with the problem it must be refused (or flagged) for. */
class StixValidationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID = """
      {"type": "bundle", "id": "bundle--6b3a0f5e-8d2c-4a1b-9e7f-0c1d2e3f4a5b", "objects": [
        {"type": "identity", "spec_version": "2.1", "id": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         "created": "2026-11-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z", "name": "Vendor Labs"},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
         "created": "2026-11-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z", "name": "C2 server",
         "pattern": "[ipv4-addr:value = '198.51.100.23']", "pattern_type": "stix", "valid_from": "2026-11-01T10:00:00Z"},
        {"type": "malware", "spec_version": "2.1", "id": "malware--2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         "created": "2026-11-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z", "name": "QakBot", "is_family": true},
        {"type": "relationship", "spec_version": "2.1", "id": "relationship--3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a",
         "created": "2026-11-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z", "relationship_type": "indicates",
         "source_ref": "indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "target_ref": "malware--2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"},
        {"type": "report", "spec_version": "2.1", "id": "report--4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b",
         "created": "2026-11-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z", "name": "QakBot C2",
         "published": "2026-11-01T10:00:00Z",
         "object_refs": ["indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "malware--2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"]},
        {"type": "location", "spec_version": "2.1", "id": "location--5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c",
         "created": "2026-11-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z", "country": "DE"},
        {"type": "sighting", "spec_version": "2.1", "id": "sighting--6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d",
         "created": "2026-11-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z",
         "sighting_of_ref": "indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"}
      ]}""";

  private final StixIntake intake = new StixIntake(new StixLimits(50, 32));

  /** One refused input: what is sent, and the first problem expected (kind, pointer, property, words). */
  record Case(String name, byte[] body, Kind kind, String pointer, String property, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case bundle(String name, Consumer<ObjectNode> change, Kind kind, String pointer, String property, String message) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(VALID);
      change.accept(root);
      return new Case(name, JSON.writeValueAsBytes(root), kind, pointer, property, message);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Case raw(String name, byte[] body, Kind kind, String pointer, String property, String message) {
    return new Case(name, body, kind, pointer, property, message);
  }

  private static ObjectNode object(ObjectNode root, int i) {
    return (ObjectNode) root.get("objects").get(i);
  }

  static Stream<Case> refused() {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = VALID.replace("Vendor Labs", "Vendor Lab\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    return Stream.of(
        raw("truncated JSON", Arrays.copyOf(valid, valid.length / 2), Kind.MALFORMED, "", "body", "ends too early"),
        raw("not JSON", "<html>hello</html>".getBytes(StandardCharsets.UTF_8), Kind.MALFORMED, "", "body", "is not valid JSON at line 1, column"),
        raw("empty body", new byte[0], Kind.MALFORMED, "", "body", "is empty"),
        raw("not UTF-8", notUtf8, Kind.MALFORMED, "", "body", "is not UTF-8"),
        raw("a key twice in one object", VALID.replace("\"name\": \"QakBot\",", "\"name\": \"QakBot\", \"name\": \"Emotet\",")
            .getBytes(StandardCharsets.UTF_8), Kind.MALFORMED, "", "body", "a key is given twice in one object: 'name'"),
        raw("two JSON documents", (VALID + " {}").getBytes(StandardCharsets.UTF_8), Kind.MALFORMED, "", "body", "is not valid JSON"),
        raw("an array instead of a bundle", "[1, 2]".getBytes(StandardCharsets.UTF_8), Kind.INVALID, "", "type", "must be a JSON object"),
        raw("10,000 levels of nesting", ("{\"type\": \"bundle\", \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}")
            .getBytes(StandardCharsets.UTF_8), Kind.TOO_LARGE, "", "depth", "nests deeper than 32 levels"),
        bundle("type is not bundle", r -> r.put("type", "report"), Kind.INVALID, "/type", "type", "must be \"bundle\""),
        bundle("unknown spec_version on the bundle", r -> r.put("spec_version", "2.2"), Kind.UNSUPPORTED_VERSION, "/spec_version",
            "spec_version", "'2.2' is not supported: Takedown reads STIX 2.1 and STIX 2.0 bundles"),
        bundle("unknown spec_version on an object", r -> object(r, 2).put("spec_version", "3.0"), Kind.UNSUPPORTED_VERSION,
            "/objects/2/spec_version", "spec_version", "'3.0' is not supported"),
        bundle("bad bundle id", r -> r.put("id", "bundle-1"), Kind.INVALID, "/id", "id", "must be bundle--<uuid>"),
        bundle("objects is not a list", r -> r.put("objects", "none"), Kind.INVALID, "/objects", "objects", "must be an array"),
        bundle("too many objects", r -> {
          ArrayNode objects = (ArrayNode) r.get("objects");
          for (int i = 0; i < 60; i++) {
            objects.addObject().put("type", "x-filler").put("id", "x-filler--00000000-0000-4000-8000-" + String.format("%012d", i));
          }
        }, Kind.TOO_LARGE, "/objects", "objects", "holds 67 objects; at most 50 are accepted"),
        bundle("object id not a UUID", r -> object(r, 1).put("id", "indicator--1234"), Kind.INVALID, "/objects/1/id", "id",
            "'indicator--1234' must be <type>--<uuid>"),
        bundle("object id of another type", r -> object(r, 1).put("id", "malware--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"), Kind.INVALID,
            "/objects/1/id", "id", "starts with 'malware' but the object's type is 'indicator'"),
        bundle("object without id", r -> object(r, 0).remove("id"), Kind.INVALID, "/objects/0/id", "id", "is missing"),
        bundle("object without type", r -> object(r, 0).remove("type"), Kind.INVALID, "/objects/0/type", "type", "is missing"),
        bundle("upper-case type", r -> object(r, 0).put("type", "Identity"), Kind.INVALID, "/objects/0/type", "type", "is not a STIX type name"),
        bundle("duplicate ids", r -> ((ArrayNode) r.get("objects")).add(object(r, 2).deepCopy()), Kind.INVALID, "/objects/7/id", "id",
            "is a duplicate of /objects/2"),
        bundle("timestamp without time zone", r -> object(r, 1).put("created", "2026-11-01 10:00:00"), Kind.INVALID,
            "/objects/1/created", "created", "is not a timestamp: write RFC 3339 in UTC with Z"),
        bundle("timestamp with an offset instead of Z", r -> object(r, 1).put("modified", "2026-11-01T10:00:00+02:00"), Kind.INVALID,
            "/objects/1/modified", "modified", "is not a timestamp"),
        bundle("impossible date", r -> object(r, 1).put("valid_from", "2026-02-30T10:00:00Z"), Kind.INVALID,
            "/objects/1/valid_from", "valid_from", "is not a timestamp"),
        bundle("indicator without pattern", r -> object(r, 1).remove("pattern"), Kind.INVALID, "/objects/1/pattern", "pattern",
            "is missing: an indicator requires created, modified, spec_version, pattern, pattern_type, valid_from"),
        bundle("indicator without valid_from", r -> object(r, 1).remove("valid_from"), Kind.INVALID, "/objects/1/valid_from", "valid_from", "is missing"),
        bundle("SDO without spec_version", r -> object(r, 0).remove("spec_version"), Kind.INVALID, "/objects/0/spec_version", "spec_version", "is missing"),
        bundle("malware without is_family", r -> object(r, 2).remove("is_family"), Kind.INVALID, "/objects/2/is_family", "is_family", "is missing"),
        bundle("identity without name", r -> object(r, 0).remove("name"), Kind.INVALID, "/objects/0/name", "name", "is missing"),
        bundle("report without object_refs", r -> object(r, 4).remove("object_refs"), Kind.INVALID, "/objects/4/object_refs", "object_refs", "is missing"),
        bundle("location without country, region or coordinates", r -> object(r, 5).remove("country"), Kind.INVALID,
            "/objects/5/country", "country", "a location needs region, country, or latitude and longitude"),
        bundle("pattern that is not text", r -> object(r, 1).put("pattern", 42), Kind.INVALID, "/objects/1/pattern", "pattern", "must be text"),
        bundle("relationship source that is no id", r -> object(r, 3).put("source_ref", "the indicator"), Kind.INVALID,
            "/objects/3/source_ref", "source_ref", "'the indicator' is not a STIX id"),
        bundle("report object_refs that is no id", r -> ((ArrayNode) object(r, 4).get("object_refs")).add("campaign 7"),
            Kind.INVALID, "/objects/4/object_refs/2", "object_refs", "'campaign 7' is not a STIX id"),
        bundle("marking reference that is no marking-definition", r -> object(r, 1).putArray("object_marking_refs").add("tlp:red"),
            Kind.INVALID, "/objects/1/object_marking_refs/0", "object_marking_refs", "'tlp:red' is not a marking-definition id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusedWithThePointerAndPropertyOfTheProblem(Case c) {
    assertThatThrownBy(() -> intake.read(c.body(), Tlp.AMBER)).isInstanceOfSatisfying(StixRejectedException.class, e -> {
      assertThat(e.kind()).as(e.getMessage()).isEqualTo(c.kind());
      assertThat(e.stixProblems()).as(e.getMessage()).anySatisfy(p -> {
        assertThat(p.pointer()).isEqualTo(c.pointer());
        assertThat(p.property()).isEqualTo(c.property());
        assertThat(p.message()).contains(c.message());
      });
      assertThat(e).isInstanceOf(InvalidInputException.class);
      assertThat(e.problems()).extracting(InvalidInputException.FieldProblem::field)
          .contains(c.pointer().isEmpty() ? "bundle" : c.pointer());
    });
  }

  @Test
  void theProblemsOfAnObjectNameItsIdAndAllAreReportedAtOnce() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    object(root, 1).remove("pattern_type");
    object(root, 1).put("created", "yesterday");
    object(root, 3).put("source_ref", "the C2 indicator");

    assertThatThrownBy(() -> intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER)).isInstanceOfSatisfying(StixRejectedException.class,
        e -> assertThat(e.stixProblems()).extracting(StixProblem::describe).containsExactly(
            "/objects/1/pattern_type (indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e, pattern_type): is missing: an indicator requires "
                + "created, modified, spec_version, pattern, pattern_type, valid_from",
            "/objects/1/created (indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e, created): 'yesterday' is not a timestamp: "
                + "write RFC 3339 in UTC with Z, e.g. 2016-05-12T08:17:27.000Z",
            "/objects/3/source_ref (relationship--3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a, source_ref): 'the C2 indicator' is not a STIX id "
                + "(<type>--<uuid>)"));
  }

  @Test
  void theValidBaseIsAccepted() {
    StixTip tip = intake.read(VALID.getBytes(StandardCharsets.UTF_8), Tlp.AMBER);

    assertThat(tip.title()).isEqualTo("QakBot C2");
    assertThat(tip.countries()).containsExactly("DE");
    assertThat(tip.exactObservables()).extracting(Observable::normalizedValue).containsExactly("198.51.100.23");
  }

  @Test
  void aPatternWithUnbalancedBracketsIsNotTakenAndSaidSoNotRefused() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    object(root, 1).put("pattern", "[ipv4-addr:value = '198.51.100.23' OR [domain-name:value = 'c2.example.com']");

    StixTip tip = intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER);

    StixIndicator indicator = tip.indicators().get(0);
    assertThat(indicator.unparseable()).isTrue();
    assertThat(indicator.pattern()).isEqualTo("[ipv4-addr:value = '198.51.100.23' OR [domain-name:value = 'c2.example.com']");
    assertThat(indicator.parseError()).isEqualTo("at offset 38: expected an object path such as ipv4-addr:value, found '['");
    assertThat(indicator.observables()).isEmpty();
    assertThat(tip.unparseable()).containsExactly(indicator);
    assertThat(tip.warnings()).singleElement().satisfies(w -> {
      assertThat(w.pointer()).isEqualTo("/objects/1/pattern");
      assertThat(w.property()).isEqualTo("pattern");
      assertThat(w.objectId()).isEqualTo("indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");
      assertThat(w.message()).contains("cannot be parsed at offset 38", "the indicator was not taken: correct its pattern and send it again");
    });
    assertThat(tip.notTaken()).containsExactly("indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");
  }

  @Test
  void anUnterminatedStringInAPatternIsFlaggedWithItsOffset() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    object(root, 1).put("pattern", "[ipv4-addr:value = '198.51.100.23]");

    StixIndicator indicator = intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER).indicators().get(0);

    assertThat(indicator.unparseable()).isTrue();
    assertThat(indicator.parseError()).startsWith("at offset 19: the string starting at offset 19 is not closed");
  }

  @Test
  void aPatternInAnotherLanguageIsTakenAsTextWithoutObservables() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    object(root, 1).put("pattern_type", "yara").put("pattern", "rule x { condition: true }");

    StixTip tip = intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER);

    assertThat(tip.indicators().get(0)).satisfies(i -> {
      assertThat(i.patternType()).isEqualTo("yara");
      assertThat(i.pattern()).isEqualTo("rule x { condition: true }");
      assertThat(i.unparseable()).isFalse();
      assertThat(i.observables()).isEmpty();
    });
    assertThat(tip.warnings()).as("intake keeps it whole, as a pattern indicator").isEmpty();
    assertThat(tip.notTaken()).isEmpty();
  }

  @Test
  void referencesToObjectsNotInTheBundleAreWarningsAndWhatHangsOnThemIsNotTaken() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    object(root, 3).put("target_ref", "malware--99999999-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    ((ArrayNode) object(root, 4).get("object_refs")).add("campaign--99999999-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    object(root, 6).put("sighting_of_ref", "indicator--99999999-6a7b-4c8d-9e0f-1a2b3c4d5e6f");

    StixTip tip = intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER);

    assertThat(tip.warnings()).extracting(StixProblem::pointer, StixProblem::message).containsExactly(
        org.assertj.core.api.Assertions.tuple("/objects/3/target_ref", "refers to malware--99999999-6a7b-4c8d-9e0f-1a2b3c4d5e6f, which is not"
            + " in the bundle, so the relationship was not taken"),
        org.assertj.core.api.Assertions.tuple("/objects/4/object_refs/2", "refers to campaign--99999999-6a7b-4c8d-9e0f-1a2b3c4d5e6f, which is"
            + " not in the bundle: nothing of it was taken"),
        org.assertj.core.api.Assertions.tuple("/objects/6/sighting_of_ref", "refers to indicator--99999999-6a7b-4c8d-9e0f-1a2b3c4d5e6f, which"
            + " is not in the bundle, so the sighting was not taken"));
    assertThat(tip.notTaken()).containsExactlyInAnyOrder("relationship--3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a",
        "sighting--6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d");
    assertThat(tip.relationships()).isEmpty();
    assertThat(tip.title()).as("the report is taken").isEqualTo("QakBot C2");
    assertThat(tip.exactObservables()).extracting(Observable::normalizedValue).containsExactly("198.51.100.23");
  }

  @Test
  void objectsOfUnknownOrUnusedTypesAreNotTakenAndSaySo() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    ArrayNode objects = (ArrayNode) root.get("objects");
    objects.addObject().put("type", "x-acme-sinkhole").put("id", "x-acme-sinkhole--7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e")
        .put("spec_version", "2.1").put("domain", "sinkhole.example");
    objects.addObject().put("type", "note").put("spec_version", "2.1").put("id", "note--8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f")
        .put("created", "2026-11-01T10:00:00.000Z").put("modified", "2026-11-01T10:00:00.000Z").put("content", "seen twice")
        .putArray("object_refs").add("indicator--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");
    objects.addObject().put("type", "location").put("spec_version", "2.1").put("id", "location--9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a")
        .put("created", "2026-11-01T10:00:00.000Z").put("modified", "2026-11-01T10:00:00.000Z").put("region", "europe");
    objects.addObject().put("type", "mutex").put("spec_version", "2.1").put("id", "mutex--0e1f2a3b-4c5d-4e6f-9a7b-9c0d1e2f3a4b")
        .put("name", "Global\\qakbot");

    StixTip tip = intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER);

    assertThat(tip.warnings()).extracting(StixProblem::pointer, StixProblem::message).containsExactly(
        org.assertj.core.api.Assertions.tuple("/objects/7/type", "is 'x-acme-sinkhole', a type Takedown does not know, so the object was not"
            + " taken (it stays in the stored bundle); send what it says as an indicator with a pattern, or as a STIX cyber-observable"),
        org.assertj.core.api.Assertions.tuple("/objects/8/type", "is 'note': Takedown does not use a note, so the object was not taken"
            + " (it stays in the stored bundle)"),
        org.assertj.core.api.Assertions.tuple("/objects/9", "is missing: the location names a region or coordinates only, and Takedown"
            + " proposes countries by their ISO 3166-1 code, so the location was not taken"),
        org.assertj.core.api.Assertions.tuple("/objects/10/type", "is 'mutex': Takedown takes no value from a mutex on its own, so the"
            + " object was not taken (send it as an indicator with a pattern to keep it whole)"));
    assertThat(tip.notTaken()).hasSize(4);
    assertThat(tip.countries()).containsExactly("DE");
  }

  @Test
  void htmlAndScriptInNamesAndDescriptionsAreAcceptedAndKeptUnchanged() throws Exception {
    String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"";
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    object(root, 4).put("name", hostile).put("description", "<b>bold</b>\nsecond line");
    object(root, 2).put("name", "<iframe src=//evil.example>");
    object(root, 1).put("name", "</td><td>");

    StixTip tip = intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER);

    assertThat(tip.title()).isEqualTo(hostile);
    assertThat(tip.summary()).isEqualTo("<b>bold</b>\nsecond line");
    assertThat(tip.context()).extracting(StixTip.ContextObject::name).contains("<iframe src=//evil.example>");
    assertThat(tip.indicators().get(0).name()).isEqualTo("</td><td>");
    assertThat(tip.relationships().get(0).readable()).isEqualTo("indicator '</td><td>' indicates malware '<iframe src=//evil.example>'");
  }

  @Test
  void aCountryThatIsNoIsoCodeIsAWarningNotACountry() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    object(root, 5).put("country", "XX");

    StixTip tip = intake.read(JSON.writeValueAsBytes(root), Tlp.AMBER);

    assertThat(tip.countries()).isEmpty();
    assertThat(tip.warnings()).extracting(StixProblem::pointer, StixProblem::message)
        .containsExactly(org.assertj.core.api.Assertions.tuple("/objects/5/country",
            "'XX' is not an ISO 3166-1 alpha-2 country code; the location was not taken as a country"));
    assertThat(tip.notTaken()).containsExactly("location--5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c");
  }

  @Test
  void theDepthCheckOfTheHttpLayerReadsTokensOnly() {
    byte[] deep = ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> StixLimits.checkDepth(deep, 64)).isInstanceOfSatisfying(StixRejectedException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
      assertThat(e.kind().suggestedStatus()).isEqualTo(413);
      assertThat(e.getMessage()).contains("nests deeper than 64 levels (at byte 64)");
    });
    StixLimits.checkDepth(VALID.getBytes(StandardCharsets.UTF_8), 8);
    StixLimits.checkDepth("{not json".getBytes(StandardCharsets.UTF_8), 8);
  }

  @Test
  void aHugeNumberOfProblemsIsSummarised() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(VALID);
    ArrayNode objects = (ArrayNode) root.get("objects");
    for (int i = 0; i < 300; i++) {
      // 7 problems each: the id, and six missing properties
      objects.addObject().put("type", "indicator").put("id", "indicator--" + i);
    }

    assertThatThrownBy(() -> new StixIntake(new StixLimits(1000, 32)).read(JSON.writeValueAsBytes(root), Tlp.AMBER))
        .isInstanceOfSatisfying(StixRejectedException.class, e -> {
          assertThat(e.stixProblems()).hasSize(StixReader.MAX_PROBLEMS + 1);
          assertThat(e.stixProblems().get(StixReader.MAX_PROBLEMS).message()).isEqualTo("and 2000 more problems");
        });
  }
}
