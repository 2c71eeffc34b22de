package org.takedown.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.stix.StixTip.Relation;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.Hashes;
import org.takedown.system.Tlp;

/** The OASIS example bundles of ../shared/samples/stix (copied to src/test/resources/stix/samples) as vendor tips. */
class StixSamplesTest {

  private final StixIntake intake = new StixIntake();

  static byte[] resource(String path) {
    try (InputStream in = StixSamplesTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("test resource " + path + " is missing", e);
    }
  }

  private StixTip sample(String name) {
    return intake.read(resource("/stix/samples/" + name), Tlp.AMBER);
  }

  @Test
  void indicatorForC2IpAddress() {
    byte[] raw = resource("/stix/samples/indicator-for-c2-ip-address.json");
    StixTip tip = intake.read(raw, Tlp.AMBER);

    assertThat(tip.bundleId()).isEqualTo("bundle--44af6c39-c09b-49c5-9de2-394224b04982");
    assertThat(tip.specVersion()).isEqualTo("2.1");
    assertThat(tip.sha256()).isEqualTo(Hashes.sha256(raw));
    assertThat(tip.title()).isEqualTo("IP Address for known C2 channel");
    assertThat(tip.titleSource()).isEqualTo("indicator");
    assertThat(tip.summary()).isEqualTo("Test description C2 channel.");
    assertThat(tip.indicators()).singleElement().satisfies(i -> {
      assertThat(i.pattern()).isEqualTo("[ipv4-addr:value = '10.0.0.0']");
      assertThat(i.validFrom()).hasToString("2014-05-08T09:00:00Z");
      assertThat(i.unparseable()).isFalse();
    });
    assertThat(tip.exactObservables()).extracting(Observable::type, Observable::normalizedValue).containsExactly(tuple("ipv4-addr", "10.0.0.0"));
    assertThat(tip.countries()).isEmpty();
    assertThat(tip.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(tip.noTlpInBundle()).as("triage is told the TLP is the default").isTrue();
    assertThat(tip.warnings()).isEmpty();
  }

  @Test
  void indicatorsForC2WithCourseOfAction() {
    StixTip tip = sample("indicators-for-C2-with-COA.json");

    assertThat(tip.title()).isEqualTo("Poison Ivy");
    assertThat(tip.titleSource()).isEqualTo("malware");
    assertThat(tip.summary()).isEqualTo("variant");
    assertThat(tip.vendor()).isEqualTo("The MITRE Corporation - DHS Support Team");
    assertThat(tip.indicators()).extracting(StixIndicator::name)
        .containsExactly("IP Address for known C2 channel", "File hash for Poison Ivy variant");
    assertThat(tip.exactObservables()).extracting(Observable::type, Observable::normalizedValue).containsExactly(
        tuple("ipv4-addr", "10.0.0.0"),
        tuple("file-sha256", "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"));
    assertThat(tip.context()).extracting(ContextObject::type, ContextObject::name).containsExactly(
        tuple("identity", "The MITRE Corporation - DHS Support Team"),
        tuple("malware", "Poison Ivy"),
        tuple("course-of-action", "Add TCP port 80 Filter Rule to the existing Block UDP 1434 Filter"));
    assertThat(tip.relationships()).extracting(Relation::readable).containsExactly(
        "course-of-action 'Add TCP port 80 Filter Rule to the existing Block UDP 1434 Filter' mitigates malware 'Poison Ivy'",
        "indicator 'File hash for Poison Ivy variant' indicates malware 'Poison Ivy'",
        "indicator 'IP Address for known C2 channel' indicates malware 'Poison Ivy'");
    assertThat(tip.countries()).isEmpty();
    assertThat(tip.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(tip.noTlpInBundle()).isTrue();
  }

  @Test
  void infrastructureGivesIndicatorsFromItsCyberObservables() {
    StixTip tip = sample("infrastructure.json");

    assertThat(tip.title()).isEqualTo("Poison Ivy");
    assertThat(tip.indicators()).extracting(StixIndicator::source, StixIndicator::pattern).containsExactly(
        tuple("ipv4-addr", "[ipv4-addr:value = '198.51.100.3']"),
        tuple("domain-name", "[domain-name:value = 'example.com']"));
    assertThat(tip.exactObservables()).extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(tuple("ipv4-addr", "198.51.100.3"), tuple("domain-name", "example.com"));
    assertThat(tip.context()).extracting(ContextObject::type, ContextObject::name).containsExactly(
        tuple("infrastructure", "Poison Ivy C2"), tuple("malware", "Poison Ivy"),
        tuple("infrastructure", "Example target-list-hosting"), tuple("malware", "IMDDOS"));
    assertThat(tip.relationships()).extracting(Relation::readable).containsExactly(
        "infrastructure 'Poison Ivy C2' controls malware 'Poison Ivy'",
        "infrastructure 'Poison Ivy C2' consists-of ipv4-addr '198.51.100.3'",
        "malware 'IMDDOS' uses infrastructure 'Example target-list-hosting'",
        "infrastructure 'Example target-list-hosting' consists-of domain-name 'example.com'");
    assertThat(tip.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(tip.countries()).isEmpty();
  }

  @Test
  void maliciousEmailIndicatorWithAttachment() {
    StixTip tip = sample("malicious-email-indicator-with-attachment.json");

    assertThat(tip.title()).isEqualTo("Malicious E-mail");
    assertThat(tip.indicators()).extracting(StixIndicator::name, StixIndicator::pattern).containsExactly(
        tuple("Malicious E-mail", "[email-message:subject MATCHES '^[IMPORTANT] Please Review Before']"),
        tuple("Malicious Email Attachment", "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']"));
    assertThat(tip.indicators().get(0).observables())
        .as("a MATCHES subject is shown as it is, but is no exact value to correlate")
        .extracting(Observable::type, Observable::value, Observable::exact)
        .containsExactly(tuple("email-subject", "^[IMPORTANT] Please Review Before", false));
    assertThat(tip.indicators().get(1).observables()).as("an attachment name is no observable type of Takedown").isEmpty();
    assertThat(tip.indicators()).extracting(StixIndicator::unmapped).as("so both patterns say more than any value: kept whole").containsExactly(
        List.of("email-message:subject MATCHES '^[IMPORTANT] Please Review Before'"),
        List.of("email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$'"));
    assertThat(tip.warnings()).isEmpty();
    assertThat(tip.indicators()).noneMatch(StixIndicator::unparseable);
    assertThat(tip.exactObservables()).isEmpty();
    assertThat(tip.context()).extracting(ContextObject::type, ContextObject::name)
        .containsExactly(tuple("identity", "The MITRE Corporation - DHS Support Team"), tuple("attack-pattern", "Phishing"));
    assertThat(tip.relationships()).extracting(Relation::readable).containsExactly(
        "indicator 'Malicious E-mail' indicates attack-pattern 'Phishing'",
        "indicator 'Malicious Email Attachment' indicates attack-pattern 'Phishing'");
    assertThat(tip.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(tip.noTlpInBundle()).isTrue();
  }

  @Test
  void theDefaultTlpIsTheOneGiven() {
    assertThat(intake.read(resource("/stix/samples/infrastructure.json"), Tlp.GREEN).tlp()).isEqualTo(Tlp.GREEN);
  }

  @Test
  void apt1ReportsCertificatesGiveAnIssuerAndASerialEach() {
    StixTip tip = sample("apt1.json");

    assertThat(tip.title()).isEqualTo("APT1: Exposing One of China's Cyber Espionage Units");
    assertThat(tip.indicators()).hasSize(12).allSatisfy(i -> assertThat(i.unmapped()).isEmpty());
    assertThat(tip.indicators()).filteredOn(i -> i.pattern().startsWith("[x509-certificate:"))
        .extracting(i -> i.exactObservables().stream().map(o -> o.type() + " " + o.normalizedValue()).toList()).containsExactly(
            List.of("x509-issuer CN=webmail", "x509-serial 4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28"),
            List.of("x509-issuer CN=lm-68ab71fbd8f5", "x509-serial 0e:97:88:1c:6c:a1:37:96:42:03:bc:45:42:24:75:6c"));
    assertThat(tip.exactObservables()).hasSize(14);
    assertThat(tip.warnings()).isEmpty();
    assertThat(tip.notTaken()).isEmpty();
  }

  @Test
  void poisonIvyReportsFileNamesAreKeptWholeAndItsMalformedDomainIsSaid() {
    StixTip tip = sample("poisonivy.json");

    assertThat(tip.indicators()).hasSize(25);
    assertThat(tip.indicators()).filteredOn(i -> !i.unmapped().isEmpty()).extracting(StixIndicator::pattern)
        .containsExactly("[file:name = 'CBricksDoc']", "[file:name = 'CPiShellPutDoc']");
    assertThat(tip.warnings()).singleElement().satisfies(w -> {
      assertThat(w.objectId()).isEqualTo("indicator--4e4c4ad7-4909-456a-b6fa-e24a6f682a40");
      assertThat(w.pointer()).isEqualTo("/objects/42/pattern");
      assertThat(w.message()).isEqualTo("'domain autuo.xicp.net' in domain-name:value was left out: it must be a domain name such as"
          + " example.com; the rest of the indicator was taken");
    });
    assertThat(tip.notTaken()).isEmpty();
  }
}
