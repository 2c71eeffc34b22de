package org.takedown.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.takedown.stix.StixSamplesTest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.stix.StixTip.Relation;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.Tlp;

class StixExporterTest {

  private static final Instant OPENED = Instant.parse("2026-11-20T08:15:30.123456Z");
  private final StixIntake intake = new StixIntake();

  private static StixOperation operation(String title, Tlp tlp) {
    return new StixOperation("OP-2026-0007", title, "Three C2 servers <b>seen</b> in sinkhole telemetry.", OPENED,
        OPENED.plusSeconds(3600), tlp, List.of("DE", "fr"),
        List.of(new StixOperation.Indicator("ipv4-addr", "198.51.100.23"),
            new StixOperation.Indicator("ipv6-addr", "2001:DB8::1"),
            new StixOperation.Indicator("domain-name", "Panel-Update.example.net"),
            new StixOperation.Indicator("url", "https://panel-update.example.net/gate.php?id='1'"),
            new StixOperation.Indicator("email-addr", "ops@example.net"),
            new StixOperation.Indicator("email-subject", "Your invoice"),
            new StixOperation.Indicator("file-md5", "cead3f77f6cda6ec00f57d76c9a6879f"),
            new StixOperation.Indicator("file-sha1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
            new StixOperation.Indicator("file-sha256", "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"),
            new StixOperation.Indicator("file-sha512", "ab".repeat(64)),
            new StixOperation.Indicator("dst-port", "8443")),
        List.of(new ContextObject("malware", "malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111", "Poison Ivy", "RAT"),
            new ContextObject("threat-actor", null, "Gatekeeper crew", null)),
        List.of(new StixOperation.Relationship("malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111", "uses", "indicator--does-not-exist")),
        List.of("Copyright 2026 Example Threat Labs."));
  }

  @Test
  void theExportMapsBackToTheSameIndicatorsTitleTlpAndCountries() {
    StixOperation op = operation("Banking trojan C2 servers", Tlp.AMBER_STRICT);

    StixTip back = intake.read(StixExporter.toJson(op), Tlp.CLEAR);

    assertThat(back.specVersion()).isEqualTo("2.1");
    assertThat(back.title()).isEqualTo("Banking trojan C2 servers");
    assertThat(back.titleSource()).isEqualTo("report");
    assertThat(back.summary()).isEqualTo("Three C2 servers <b>seen</b> in sinkhole telemetry.");
    assertThat(back.published()).isEqualTo(Instant.parse("2026-11-20T08:15:30.123Z"));
    assertThat(back.tlp()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(back.noTlpInBundle()).isFalse();
    assertThat(back.countries()).containsExactly("DE", "FR");
    assertThat(back.statements()).containsExactly("Copyright 2026 Example Threat Labs.");
    assertThat(back.takedownReference()).as("recognised as the same operation").isEqualTo("OP-2026-0007");
    assertThat(back.exactObservables()).extracting(Observable::type, Observable::value).containsExactlyElementsOf(
        op.indicators().stream().map(i -> tuple(i.type(), i.value())).toList());
    assertThat(back.context()).extracting(ContextObject::type, ContextObject::name).containsExactly(
        tuple("identity", "Takedown"), tuple("malware", "Poison Ivy"), tuple("threat-actor", "Gatekeeper crew"));
    assertThat(back.context().get(1).id()).as("a STIX id that came in goes out").isEqualTo("malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111");
    assertThat(back.relationships()).as("a relationship to something not exported is left out").isEmpty();
    assertThat(back.warnings()).isEmpty();
  }

  @Test
  void theBundleIsValidStix21WithTheFixedTlp2MarkingOnEveryObject() {
    ObjectNode bundle = StixExporter.export(operation("Title", Tlp.RED));
    JsonNode objects = bundle.get("objects");

    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    assertThat(bundle.has("spec_version")).as("a 2.1 bundle has none").isFalse();
    JsonNode marking = objects.get(0);
    assertThat(marking.get("id").asText()).isEqualTo("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
    assertThat(marking.get("name").asText()).isEqualTo("TLP:RED");
    assertThat(marking.at("/extensions/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d/tlp_2_0").asText()).isEqualTo("red");
    JsonNode report = objects.get(1);
    assertThat(report.get("id").asText()).isEqualTo(StixExporter.reportId("OP-2026-0007"));
    assertThat(report.at("/external_references/0/external_id").asText()).isEqualTo("OP-2026-0007");
    assertThat(report.get("created").asText()).isEqualTo("2026-11-20T08:15:30.123Z");
    List<String> unmarked = new ArrayList<>();
    for (JsonNode o : objects) {
      if (!o.get("type").asText().equals("marking-definition")
          && !o.get("object_marking_refs").toString().contains("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1")) {
        unmarked.add(o.get("id").asText());
      }
    }
    assertThat(unmarked).isEmpty();
    assertThat(objects.findValuesAsText("pattern")).contains("[ipv4-addr:value = '198.51.100.23']",
        "[file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']",
        "[url:value = 'https://panel-update.example.net/gate.php?id=\\'1\\'']", "[network-traffic:dst_port = 8443]");
    StixBundle validated = new StixReader().read(StixExporter.toJson(operation("Title", Tlp.RED)));
    assertThat(validated.warnings()).isEmpty();
  }

  @Test
  void idsAreDeterministicSoTheSameOperationExportsTheSameBundle() {
    byte[] first = StixExporter.toJson(operation("Title", Tlp.AMBER));
    byte[] again = StixExporter.toJson(operation("Title", Tlp.AMBER));
    ObjectNode changed = StixExporter.export(operation("Another title", Tlp.AMBER));

    assertThat(again).isEqualTo(first);
    StixTip a = intake.read(first, Tlp.AMBER);
    assertThat(changed.get("id").asText()).as("new content, new bundle id").isNotEqualTo(a.bundleId());
    assertThat(changed.at("/objects/1/id").asText()).as("the report stays the operation's").isEqualTo(StixExporter.reportId("OP-2026-0007"));
    assertThat(changed.get("objects").findValuesAsText("id")).containsAll(
        StixExporter.export(operation("Title", Tlp.AMBER)).get("objects").findValuesAsText("id").stream()
            .filter(id -> !id.startsWith("report--")).toList());
    assertThat(StixExporter.uuid5("x")).hasToString(StixExporter.uuid5("x").toString());
    assertThat(StixExporter.uuid5("x").version()).isEqualTo(5);
  }

  @Test
  void aSampleTipRoundTripsThroughTheExport() {
    StixTip tip = intake.read(resource("/stix/bundles/report-tlp2-locations.json"), Tlp.AMBER);
    List<StixOperation.Indicator> indicators = new ArrayList<>();
    for (StixIndicator i : tip.indicators()) {
      List<Observable> exact = i.exactObservables();
      for (Observable o : exact) {
        boolean single = exact.size() == 1 && i.source().equals("indicator");
        indicators.add(new StixOperation.Indicator(single ? i.id() : null, o.type(), o.value(), single ? i.pattern() : null,
            i.name(), i.description(), i.validFrom()));
      }
    }
    List<StixOperation.Relationship> relationships = tip.relationships().stream().filter(r -> !r.type().equals("sighting"))
        .map(r -> new StixOperation.Relationship(r.sourceRef(), r.type(), r.targetRef())).toList();
    StixOperation op = new StixOperation("OP-2026-0012", tip.title(), tip.summary(), tip.published(), tip.published(), tip.tlp(),
        tip.countries(), indicators, tip.context(), relationships, tip.statements());

    StixTip back = intake.read(StixExporter.toJson(op), Tlp.AMBER);

    assertThat(back.title()).isEqualTo(tip.title());
    assertThat(back.tlp()).isEqualTo(Tlp.RED);
    assertThat(back.countries()).isEqualTo(tip.countries());
    assertThat(back.exactObservables()).extracting(Observable::type, Observable::normalizedValue)
        .containsExactlyInAnyOrderElementsOf(tip.exactObservables().stream().map(o -> tuple(o.type(), o.normalizedValue())).toList());
    assertThat(back.statements()).isEqualTo(tip.statements());
    assertThat(back.context()).extracting(ContextObject::id).contains("campaign--1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b");
  }

  @Test
  void anIndicatorTypeWithoutAStixPatternIsAProgrammingError() {
    StixOperation op = new StixOperation("OP-2026-0001", "t", null, OPENED, null, Tlp.GREEN, List.of(),
        List.of(new StixOperation.Indicator("mutex", "Global\\x")), List.of(), List.of(), List.of());

    assertThatThrownBy(() -> StixExporter.export(op)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("indicator type 'mutex' has no STIX pattern");
  }

  @Test
  void relationshipsBetweenExportedObjectsAreKept() {
    StixOperation op = new StixOperation("OP-2026-0002", "t", null, OPENED, null, Tlp.GREEN, List.of(),
        List.of(new StixOperation.Indicator("indicator--9d1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "ipv4-addr", "192.0.2.1", null, "C2", null, null)),
        List.of(new ContextObject("malware", "malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111", "Poison Ivy", null)),
        List.of(new StixOperation.Relationship("indicator--9d1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "indicates",
            "malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111")), List.of());

    StixTip back = intake.read(StixExporter.toJson(op), Tlp.AMBER);

    assertThat(back.relationships()).extracting(Relation::readable).containsExactly("indicator 'C2' indicates malware 'Poison Ivy'");
    assertThat(back.tlp()).isEqualTo(Tlp.GREEN);
  }

  @Test
  void theExportValidatesAgainstTheOasisStix21Schemas() {
    StixOperation op = new StixOperation("OP-2026-0003", "Poison Ivy <script>alert(1)</script> C2", "Seen in \"sinkhole\" data.",
        OPENED, OPENED.plusSeconds(60), Tlp.AMBER, List.of("DE", "NL"),
        List.of(new StixOperation.Indicator("indicator--9d1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "ipv4-addr", "192.0.2.1",
                "[ipv4-addr:value = '192.0.2.1'] AND [network-traffic:dst_port = 443]", "C2", "<b>bold</b>", OPENED),
            new StixOperation.Indicator("indicator--00000000-0000-0000-0000-000000000000", "url", "http://example.net/gate.php",
                null, null, null, null),
            new StixOperation.Indicator("file-sha256", "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c")),
        List.of(new ContextObject("malware", "malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111", "Poison Ivy", "RAT"),
            new ContextObject("identity", "identity--39b4a2c1-8d5e-4f6a-9b7c-0d1e2f3a4b5c", "Example Threat Labs", null)),
        List.of(new StixOperation.Relationship("indicator--9d1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "indicates",
            "malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111")),
        List.of("Copyright 2026 Example Threat Labs.", "Terms of use: share with national units only."));
    ObjectNode bundle = StixExporter.export(op);

    assertThat(StixSchemas.errors(bundle)).isEmpty();
    assertThat(bundle.get("objects").findValuesAsText("type")).contains("marking-definition", "identity", "report", "indicator",
        "malware", "location", "relationship");
    assertThat(bundle.get("objects").findValuesAsText("id")).as("an id that is no RFC 4122 UUID is replaced")
        .doesNotContain("indicator--00000000-0000-0000-0000-000000000000");

    ((ObjectNode) bundle.at("/objects/1")).remove("published");
    ((ObjectNode) bundle.at("/objects/2")).put("created", "2026-11-20 08:15");
    assertThat(StixSchemas.errors(bundle)).as("the schemas do catch a broken export")
        .anyMatch(e -> e.contains("published")).anyMatch(e -> e.contains("created"));
  }

  @Test
  void aPatternIndicatorGoesOutAsTheVendorWroteItInItsLanguage() {
    String yara = "rule panel\n{\n  strings: $a = \"gate.php\"\n  condition: $a\n}";
    StixOperation op = new StixOperation("OP-2026-0004", "t", null, OPENED, null, Tlp.AMBER, List.of(),
        List.of(StixOperation.Indicator.pattern("indicator--2e17f6fe-3a4d-438a-911a-e509ba1b9933",
                "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']", "stix", "Malicious Email Attachment",
                null, OPENED),
            StixOperation.Indicator.pattern(null, yara, "yara", null, null, null),
            new StixOperation.Indicator("asn", "AS64496")),
        List.of(), List.of(), List.of());

    ObjectNode bundle = StixExporter.export(op);

    assertThat(StixSchemas.errors(bundle)).isEmpty();
    assertThat(bundle.get("objects").findParents("pattern")).extracting(o -> o.get("id").asText().substring(0, 11),
        o -> o.get("pattern").asText(), o -> o.get("pattern_type").asText(), o -> o.get("name").asText()).containsExactly(
        org.assertj.core.api.Assertions.tuple("indicator--", "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
            "stix", "Malicious Email Attachment"),
        org.assertj.core.api.Assertions.tuple("indicator--", yara, "yara", "yara pattern"),
        org.assertj.core.api.Assertions.tuple("indicator--", "[autonomous-system:number = 64496]", "stix", "asn AS64496"));
    assertThat(bundle.get("objects").findValuesAsText("id")).contains("indicator--2e17f6fe-3a4d-438a-911a-e509ba1b9933");
    assertThat(StixExporter.export(op)).as("the same ids again").isEqualTo(bundle);
    StixTip back = intake.read(StixExporter.toJson(op), Tlp.AMBER);
    assertThat(back.indicators()).extracting(StixIndicator::patternType).containsExactly("stix", "yara", "stix");
  }
}
