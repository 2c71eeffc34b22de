package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.operation.Stage;

/** Triage is told which open operations share a new tip's indicators, and how many: simple and STIX tips alike. */
@TakedownTest
class StixCorrelationTest {

  static final MediaType STIX_21 = MediaType.parseMediaType("application/stix+json;version=2.1");

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @Test
  void threeOverlappingBundlesAreListedWithTheirSharedCountsAndEndedOperationsAreNot() {
    String run = Long.toString(System.nanoTime(), 36);
    List<String> a = List.of("a1", "a2", "a3", "a4", "a5").stream().map(n -> n + "-" + run + ".example.net").toList();
    String b1 = "b1-" + run + ".example.net";

    String first = submit(bundle(a));
    String second = submit(bundle(List.of(a.get(0), a.get(1), a.get(2), a.get(3).toUpperCase() + ".", b1)));
    String third = submit(bundle(List.of(a.get(0), b1, "c1-" + run + ".example.net")));

    assertThat(correlated(first)).isEqualTo("none");
    assertThat(correlated(second)).isEqualTo("4 shared indicators with " + first);
    assertThat(correlated(third)).isEqualTo("2 shared indicators with " + second + "; 1 shared indicator with " + first);

    // Withdrawn, the first operation is no candidate for a merge any more.
    ResponseEntity<Void> withdrawn = anonymous.withBasicAuth("vera", "demo").postForEntity("/api/operations/" + first + "/withdrawal",
        Map.of("reason", "sent twice"), Void.class);
    assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    String fourth = submit(bundle(List.of(a.get(4), a.get(0))));
    assertThat(correlated(fourth)).isEqualTo("1 shared indicator with " + second + "; 1 shared indicator with " + third);
  }

  @Test
  void triageReadsTheTwentyMostSharedOperationsAndHowManyMore() {
    List<TipService.Correlation> many = java.util.stream.IntStream.rangeClosed(1, 400)
        .mapToObj(i -> new TipService.Correlation("OP-2026-" + String.format("%04d", i), 401 - i)).toList();
    String text = AcknowledgeTipDelegate.summary(many);
    assertThat(text).startsWith("400 shared indicators with OP-2026-0001; 399 shared indicators with OP-2026-0002")
        .endsWith("381 shared indicators with OP-2026-0020; and 380 more open operations (search the board for the indicators)");
    assertThat(text.length()).as("a Camunda string variable holds 4,000 characters").isLessThan(4000);
  }

  @Test
  void aSimpleTipAndAStixBundleWithTheSameValuesWrittenOtherwiseCorrelate() {
    String run = Long.toString(System.nanoTime(), 36);
    String hash = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    int n = (int) (System.nanoTime() % 60_000);
    Map<String, Object> tip = ProcessDriver.tip("TLP:AMBER", List.of("DE"));
    tip.put("indicators", List.of(
        Map.of("type", "ipv6-addr", "value", "2001:DB8:0:0:0:0:0:" + Integer.toHexString(n)),
        Map.of("type", "url", "value", "HTTPS://Gate-" + run + ".Example.NET:443/panel?id=1#top"),
        Map.of("type", "email-addr", "value", "Ops@Mail-" + run + ".Example.NET"),
        Map.of("type", "file-sha256", "value", hash.toUpperCase())));
    String simple = driver.submit(tip);

    String stix = submit(StixCorpusTest.bundle(String.join(",",
        indicator(1, "[ipv6-addr:value = '2001:db8::" + Integer.toHexString(n) + "']"),
        indicator(2, "[url:value = 'https://gate-" + run + ".example.net/panel?id=1'] AND [email-addr:value = 'Ops@mail-" + run
            + ".example.net']"),
        indicator(3, "[file:hashes.'SHA-256' = '" + hash + "']"))));

    assertThat(correlated(stix)).isEqualTo("4 shared indicators with " + simple);
  }

  @Test
  void theLookupIsOneIndexSeekPerIndicatorOfOpenOperations() {
    String plan = jdbc.queryForObject("explain " + IndicatorRepository.SHARED_WITH_OPEN_OPERATIONS.replace(":reference", "'OP-2026-0001'"),
        String.class);

    assertThat(plan).as(plan).containsIgnoringCase("IX_INDICATOR_LOOKUP");
    assertThat(Arrays.stream(Stage.values()).filter(Stage::isFinal).map(s -> "'" + s + "'").collect(Collectors.joining(", ")))
        .as("the query leaves out exactly the ended stages").isEqualTo("'CLOSED', 'REJECTED', 'MERGED', 'JOINED', 'WITHDRAWN'");
    assertThat(IndicatorRepository.SHARED_WITH_OPEN_OPERATIONS).contains("not in ('CLOSED', 'REJECTED', 'MERGED', 'JOINED', 'WITHDRAWN')");
  }

  @Test
  void indicatorsStoredInTheSimpleTipsOldFormsAreNormalisedAgain() throws Exception {
    String reference = driver.submit(ProcessDriver.tip("TLP:AMBER", List.of("DE")));
    Map<String, Object> owner = jdbc.queryForMap("select t.operation_id, t.id from tip t join operation o on o.id = t.operation_id"
        + " where o.reference = ?", reference);
    String insert = "insert into indicator (operation_id, tip_id, type, indicator_value, normalized_value) values (?, ?, ?, ?, ?)";
    jdbc.update(insert, owner.get("OPERATION_ID"), owner.get("ID"), "ipv6-addr", "2001:DB8::0:9", "2001:db8:0:0:0:0:0:9");
    jdbc.update(insert, owner.get("OPERATION_ID"), owner.get("ID"), "url", "HTTPS://Old.example.net:443/x#top", "https://old.example.net:443/x");

    try (var connection = jdbc.getDataSource().getConnection()) {
      new db.migration.V13_1__Renormalise_indicators().migrate(new org.flywaydb.core.api.migration.Context() {
        @Override
        public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
          return null;
        }

        @Override
        public java.sql.Connection getConnection() {
          return connection;
        }
      });
    }

    assertThat(jdbc.queryForList("select i.normalized_value from indicator i join operation o on o.id = i.operation_id where o.reference = ?"
        + " order by i.id", String.class, reference)).containsExactly("198.51.100.1", "c2.example.net", "2001:db8::9",
        "https://old.example.net/x");
  }

  private String correlated(String reference) {
    return (String) runtime.getVariable(driver.process(reference).getId(), JointTakedownProcess.CORRELATED_OPERATIONS);
  }

  /** Posts the bundle as vera and runs the acknowledgement, which looks for correlations. */
  private String submit(String bundle) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(STIX_21);
    ResponseEntity<Map> response = anonymous.withBasicAuth("vera", "demo").postForEntity("/api/tips",
        new HttpEntity<>(bundle.getBytes(StandardCharsets.UTF_8), headers), Map.class);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
    String reference = (String) response.getBody().get("reference");
    driver.runJobs(reference);
    return reference;
  }

  private static String bundle(List<String> domains) {
    StringBuilder objects = new StringBuilder();
    for (int i = 0; i < domains.size(); i++) {
      objects.append(i == 0 ? "" : ",").append(indicator(i, "[domain-name:value = '" + domains.get(i) + "']"));
    }
    return StixCorpusTest.bundle(objects.toString());
  }

  private static String indicator(int n, String pattern) {
    return "{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--" + UUID.randomUUID() + "\", \"created\": "
        + "\"2026-01-01T00:00:00.000Z\", \"modified\": \"2026-01-01T00:00:00.000Z\", \"name\": \"i" + n + "\", \"pattern\": \""
        + pattern + "\", \"pattern_type\": \"stix\", \"valid_from\": \"2026-01-01T00:00:00.000Z\"}";
  }
}
