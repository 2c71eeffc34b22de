package org.takedown.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.takedown.stix.StixSamplesTest.resource;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.stix.StixTip.Relation;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.Tlp;

class StixMappingTest {

  private final StixIntake intake = new StixIntake();

  @Test
  void reportWithTlp2MarkingsLocationsSightingsAndObservedData() {
    StixTip tip = intake.read(resource("/stix/bundles/report-tlp2-locations.json"), Tlp.AMBER);

    assertThat(tip.title()).isEqualTo("Banking trojan C2 servers");
    assertThat(tip.titleSource()).isEqualTo("report");
    assertThat(tip.summary()).isEqualTo("Three C2 servers seen in our sinkhole telemetry.");
    assertThat(tip.published()).isEqualTo(Instant.parse("2026-11-21T09:30:00Z"));
    assertThat(tip.vendor()).isEqualTo("Example Threat Labs");
    assertThat(tip.tlp()).as("granular TLP:RED on the pattern beats TLP:AMBER on the report").isEqualTo(Tlp.RED);
    assertThat(tip.noTlpInBundle()).isFalse();
    assertThat(tip.statements()).containsExactly("Copyright 2026 Example Threat Labs. Shared for law-enforcement use only.");
    assertThat(tip.countries()).containsExactly("DE", "FR");
    assertThat(tip.indicators()).extracting(StixIndicator::source, StixIndicator::name)
        .containsExactly(tuple("indicator", "C2 servers"), tuple("observed-data", null));
    assertThat(tip.indicators().get(0).observables()).extracting(Observable::type, Observable::value, Observable::normalizedValue)
        .containsExactly(
            tuple("ipv4-addr", "198.51.100.23", "198.51.100.23"),
            tuple("domain-name", "Panel-Update.example.NET.", "panel-update.example.net"),
            tuple("url", "HTTPS://panel-update.example.net:443/gate.php", "https://panel-update.example.net/gate.php"));
    assertThat(tip.indicators().get(1).observables()).extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(tuple("ipv4-addr", "203.0.113.77"), tuple("dst-port", "8443"));
    assertThat(tip.indicators().get(1).pattern()).isEqualTo("[ipv4-addr:value = '203.0.113.077'] OR [network-traffic:dst_port = 8443]");
    assertThat(tip.indicators().get(1).validFrom()).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
    assertThat(tip.exactObservables()).hasSize(5);
    assertThat(tip.context()).extracting(ContextObject::type, ContextObject::name)
        .containsExactly(tuple("identity", "Example Threat Labs"), tuple("campaign", "Operation Gatekeeper"));
    assertThat(tip.relationships()).extracting(Relation::type, Relation::readable).containsExactly(
        tuple("indicates", "indicator 'C2 servers' indicates campaign 'Operation Gatekeeper'"),
        tuple("sighting", "indicator 'C2 servers' was sighted 42 times by identity 'Example Threat Labs'"));
    assertThat(tip.relationships().get(1).targetRef()).isEqualTo("identity--5a3b1c4e-2f6d-4e8a-9b7c-1d2e3f4a5b6c");
    assertThat(tip.warnings()).isEmpty();
    assertThat(tip.takedownReference()).isNull();
  }

  @Test
  void consentToBeNamedToCoReportersIsTheCustomPropertyTrueOnTheReportOrIdentity() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    byte[] raw = resource("/stix/bundles/report-tlp2-locations.json");
    assertThat(intake.read(raw, Tlp.AMBER).namedToCoReporters()).as("default: not named").isFalse();
    for (String type : java.util.List.of("report", "identity")) {
      for (Object value : java.util.List.of(true, false, "yes")) {
        var bundle = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(raw);
        bundle.path("objects").forEach(o -> {
          if (o.path("type").asText().equals(type)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) o).putPOJO(StixMapper.NAME_TO_CO_REPORTERS, value);
          }
        });
        assertThat(intake.read(json.writeValueAsBytes(bundle), Tlp.AMBER).namedToCoReporters()).as(type + " " + value)
            .isEqualTo(Boolean.TRUE.equals(value));
      }
    }
  }

  @Test
  void stix20BundleWithEmbeddedObservedDataAndTlp1Marking() {
    StixTip tip = intake.read(resource("/stix/bundles/stix20-observed-data.json"), Tlp.AMBER);

    assertThat(tip.specVersion()).isEqualTo("2.0");
    assertThat(tip.title()).isEqualTo("Emotet");
    assertThat(tip.titleSource()).isEqualTo("malware");
    assertThat(tip.tlp()).isEqualTo(Tlp.GREEN);
    assertThat(tip.noTlpInBundle()).isFalse();
    assertThat(tip.vendor()).isEqualTo("Legacy Feed Inc.");
    assertThat(tip.exactObservables()).extracting(Observable::type, Observable::normalizedValue).containsExactly(
        tuple("file-md5", "cead3f77f6cda6ec00f57d76c9a6879f"),
        tuple("ipv4-addr", "192.0.2.10"),
        tuple("dst-port", "8080"),
        tuple("email-addr", "Billing@example.org"),
        tuple("email-subject", "Invoice overdue"));
    assertThat(tip.relationships()).extracting(Relation::readable).containsExactly("indicator 'Emotet loader' indicates malware 'Emotet'");
  }

  @Test
  void wellKnownTlpIdsCountWithoutTheirDefinitionAndTheMostRestrictiveWins() {
    String bundle = """
        {"type": "bundle", "id": "bundle--11111111-2222-4333-8444-555555555555", "objects": [
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--11111111-2222-4333-8444-555555555551",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = '192.0.2.1']",
           "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z",
           "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]},
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--11111111-2222-4333-8444-555555555552",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = '192.0.2.2']",
           "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z",
           "object_marking_refs": ["marking-definition--%s"]}]}""";

    assertThat(tlp(bundle, "939a9414-2ddd-4d32-a0cd-375ea402b003")).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(tlp(bundle, "94868c89-83c2-464b-929b-a1a8aa3c8487")).isEqualTo(Tlp.GREEN);
    assertThat(tlp(bundle, "5e57c739-391a-4eb3-b6be-7d15ca92d5ed")).as("TLP 1.0 RED").isEqualTo(Tlp.RED);
    assertThat(tlp(bundle, "613f2e26-407d-48c7-9eca-b8e91df99dc9")).as("TLP 1.0 WHITE is CLEAR").isEqualTo(Tlp.GREEN);
    assertThat(tlp(bundle, "f88d31f6-486f-44da-b317-01333bde0b82")).as("TLP 1.0 AMBER").isEqualTo(Tlp.AMBER);
  }

  private Tlp tlp(String bundle, String uuid) {
    return intake.read(bundle.formatted(uuid).getBytes(java.nio.charset.StandardCharsets.UTF_8), Tlp.CLEAR).tlp();
  }

  @Test
  void olderVersionsOfAnObjectGiveWayToTheLatest() {
    String bundle = """
        {"type": "bundle", "id": "bundle--11111111-2222-4333-8444-555555555555", "objects": [
          {"type": "campaign", "spec_version": "2.1", "id": "campaign--11111111-2222-4333-8444-555555555551",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z", "name": "Old name"},
          {"type": "campaign", "spec_version": "2.1", "id": "campaign--11111111-2222-4333-8444-555555555551",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-02-01T00:00:00Z", "name": "New name"}]}""";

    StixTip tip = intake.read(bundle.getBytes(java.nio.charset.StandardCharsets.UTF_8), Tlp.AMBER);

    assertThat(tip.title()).isEqualTo("New name");
    assertThat(tip.context()).extracting(ContextObject::name).containsExactly("New name");
  }

  @Test
  void aBundleOfTenThousandIndicatorsIsReadWithTheDefaultLimits() {
    StringBuilder objects = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      objects.append(i == 0 ? "" : ",").append("""
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-%012d",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z", "pattern_type": "stix",
           "pattern": "[ipv4-addr:value = '10.%d.%d.%d']", "valid_from": "2026-01-01T00:00:00Z"}""".formatted(i, i >> 16, i >> 8 & 255, i & 255));
    }
    String bundle = "{\"type\": \"bundle\", \"id\": \"bundle--11111111-2222-4333-8444-555555555555\", \"objects\": [" + objects + "]}";

    StixTip tip = intake.read(bundle.getBytes(java.nio.charset.StandardCharsets.UTF_8), Tlp.AMBER);

    assertThat(tip.indicators()).hasSize(10_000);
    assertThat(tip.exactObservables()).hasSize(10_000);
    assertThat(tip.exactObservables().get(9_999).normalizedValue()).isEqualTo("10.0.39.15");
  }
}
