package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.vars;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.operation.Stage;

/**
 * A summary as long as the API allows (10,000 characters), through the JSON tip and a STIX report's description, is
 * served end to end: 201, the whole summary on the operation, triage and legal approval. The engine's history of
 * variables holds 4,000 characters, so the process carries an excerpt.
 */
@TakedownTest
class LongSummaryTest {

  private static final String SUMMARY = longText();

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired HistoryService history;

  @Test
  void aJsonTipWithTheLongestSummaryGoesThroughLegalApproval() {
    ResponseEntity<Map> created = anonymous.withBasicAuth("vera", "demo").postForEntity("/api/tips", Map.of(
        "title", "Long summary", "summary", SUMMARY, "tlp", "TLP:AMBER", "countries", List.of("DE"),
        "indicators", List.of(Map.of("type", "ipv4-addr", "value", "192.0.2.201"))), Map.class);

    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    throughLegalApproval((String) created.getBody().get("reference"));
  }

  @Test
  void aStixReportWithTheLongestDescriptionGoesThroughLegalApproval() {
    String bundle = StixTipApiTest.bundle(UUID.randomUUID(), """
        {"type": "report", "spec_version": "2.1", "id": "report--%s", "created": "2026-01-01T00:00:00Z",
         "modified": "2026-01-01T00:00:00Z", "name": "Long report", "description": "%s",
         "published": "2026-01-01T00:00:00Z", "object_refs": ["indicator--%s"]},
        %s""".formatted(UUID.randomUUID(), SUMMARY, StixTipApiTest.ids(7), StixTipApiTest.indicator(StixTipApiTest.ids(7), "192.0.2.202")));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(StixTipApiTest.STIX_21);

    ResponseEntity<Map> created = anonymous.withBasicAuth("vera", "demo").postForEntity("/api/tips",
        new HttpEntity<>(bundle.getBytes(StandardCharsets.UTF_8), headers), Map.class);

    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    throughLegalApproval((String) created.getBody().get("reference"));
  }

  @Test
  void theLongestAnswerToAnInformationRequestIsKeptWhole() {
    String ref = driver.openForLegalReview(ProcessDriver.tip("TLP:AMBER", List.of("DE")));
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Who hosts it?"));
    driver.runJobs(ref);

    ResponseEntity<String> answered = anonymous.withBasicAuth("vera", "demo")
        .postForEntity("/api/operations/" + ref + "/information", Map.of("information", SUMMARY), String.class);
    assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    driver.runJobs(ref);
    Map<?, ?> operation = anonymous.withBasicAuth("lena", "demo").getForObject("/api/operations/" + ref, Map.class);
    assertThat(operation.get("informationRequests").toString()).contains("status=ANSWERED", "answer=" + SUMMARY);
  }

  @Test
  void theExcerptKeepsShortSummariesWholeAndCutsLongOnesAtAWord() {
    assertThat(TipService.excerpt(null)).isEmpty();
    assertThat(TipService.excerpt("short")).isEqualTo("short");
    String excerpt = TipService.excerpt(SUMMARY);
    assertThat(excerpt.length()).isLessThan(TipService.SUMMARY_EXCERPT + 60);
    assertThat(excerpt).startsWith(SUMMARY.substring(0, 1_000)).endsWith("more characters on the operation's page)");
    String emoji = "\uD83D\uDE00".repeat(5_000);
    assertThat(Character.isHighSurrogate(TipService.excerpt(emoji).charAt(TipService.excerpt(emoji).indexOf(" …") - 1))).isFalse();
  }

  private void throughLegalApproval(String reference) {
    assertThat(driver.operation(reference).getSummary()).as("the whole summary is stored").isEqualTo(SUMMARY);
    driver.runJobs(reference);
    driver.complete("cora", reference, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", "[\"DE\"]"));
    driver.complete("lena", reference, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
    driver.runJobs(reference);
    assertThat(driver.operation(reference).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);
    assertThat(driver.operation(reference).getSummary()).isEqualTo(SUMMARY);
    List<String> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list().stream()
        .map(i -> i.getId()).toList();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances.toArray(String[]::new)).variableName("summary").list())
        .as("the operation and its legal review carry the excerpt").hasSize(2)
        .allSatisfy(v -> assertThat(((String) v.getValue()).length()).isLessThan(4_000));
  }

  /** 10,000 characters of words, no character that needs escaping in JSON. */
  private static String longText() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 10_000) {
      text.append("Panel ").append(text.length()).append(" shares a certificate. ");
    }
    return text.substring(0, 10_000);
  }
}
