package org.takedown.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/** TLP 2.0 on every operation read, and vendors acting on their own operations only. */
@TakedownTest
class OperationVisibilityTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;

  @BeforeEach
  void users() {
    driver.user("victor", "vendors");
    driver.officer("DE");
    driver.officer("FR");
  }

  private TestRestTemplate as(String user) {
    return anonymous.withBasicAuth(user, "demo");
  }

  private List<String> listed(String user) {
    List<Map<String, Object>> operations = as(user).getForObject("/api/operations", List.class);
    return operations.stream().map(o -> (String) o.get("reference")).toList();
  }

  private HttpStatus read(String user, String reference) {
    return (HttpStatus) as(user).getForEntity("/api/operations/" + reference, String.class).getStatusCode();
  }

  @Test
  void aSecondVendorCannotReadOrLearnOfTheFirstVendorsOperation() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));

    ResponseEntity<String> hidden = as("victor").getForEntity("/api/operations/" + ref, String.class);
    ResponseEntity<String> unknown = as("victor").getForEntity("/api/operations/OP-1999-0001", String.class);
    assertThat(hidden.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(hidden.getBody()).isEqualTo(unknown.getBody().replace("OP-1999-0001", ref));
    assertThat(listed("victor")).doesNotContain(ref);
    assertThat(as("victor").postForEntity("/api/operations/" + ref + "/withdrawal", Map.of("reason", "x"), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as("victor").postForEntity("/api/operations/" + ref + "/information", Map.of("information", "x"), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(read("vera", ref)).isEqualTo(HttpStatus.OK);
    assertThat(listed("vera")).contains(ref);
    assertThat(read("cora", ref)).isEqualTo(HttpStatus.OK);
    assertThat(read("lena", ref)).isEqualTo(HttpStatus.OK);
  }

  @Test
  void greenIsForTheCommunityNotForOtherPartnersAndOnlyItsVendorWithdrawsIt() {
    driver.user("reader", "readers");
    String ref = driver.submit(tip("TLP:GREEN", list("FR")));
    assertThat(read("reader", ref)).isEqualTo(HttpStatus.OK);
    assertThat(listed("reader")).contains(ref);
    // Another vendor reads its own tips only; a unit the operations it was asked to act on.
    assertThat(read("victor", ref)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(read("officer-de", ref)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(listed("victor")).doesNotContain(ref);
    assertThat(as("reader").postForEntity("/api/operations/" + ref + "/withdrawal", Map.of("reason", "x"), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.TRIAGE);
  }

  @Test
  void amberReachesOnlyTheUnitsAskedToAct() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    assertThat(read("officer-de", ref)).as("proposed, not yet asked").isEqualTo(HttpStatus.NOT_FOUND);

    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    driver.runJobs(ref);

    assertThat(read("officer-de", ref)).isEqualTo(HttpStatus.OK);
    assertThat(listed("officer-de")).contains(ref);
    assertThat(read("officer-fr", ref)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(listed("officer-fr")).doesNotContain(ref);
  }

  @Test
  void redReachesTheUnitAskedAsANamedRecipientAtTheReleaseTlp() {
    String ref = driver.openForLegalReview(tip("TLP:RED", list("DE")));
    assertThat(read("officer-de", ref)).as("proposed, not yet asked").isEqualTo(HttpStatus.NOT_FOUND);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    driver.runJobs(ref);
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);

    // Asked after the legal decision: released to the German unit, which reads it at the release TLP.
    Map<?, ?> asUnit = as("officer-de").getForObject("/api/operations/" + ref, Map.class);
    assertThat(asUnit.get("tlp")).isEqualTo("TLP:AMBER");
    assertThat(asUnit.get("vendor")).isEqualTo("a private-sector partner");
    assertThat(listed("officer-de")).contains(ref);
    assertThat(read("officer-fr", ref)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(read("victor", ref)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as("vera").getForObject("/api/operations/" + ref, Map.class).get("tlp")).isEqualTo("TLP:RED");
    assertThat(as("cora").getForObject("/api/operations/" + ref, Map.class).get("tlp")).isEqualTo("TLP:RED");
  }

  @Test
  void theVendorAnswersInformationRequestsAndWithdraws() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    ResponseEntity<Map> nothingAsked = as("vera").postForEntity("/api/operations/" + ref + "/information", Map.of("information", "x"), Map.class);
    assertThat(nothingAsked.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) nothingAsked.getBody().get("detail")).contains("No information request is waiting");

    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Who hosts it?"));
    driver.runJobs(ref);
    assertThat(as("vera").postForEntity("/api/operations/" + ref + "/information", Map.of("information", "ExampleHost"), Void.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    driver.runJobs(ref);
    Map<?, ?> operation = as("vera").getForObject("/api/operations/" + ref, Map.class);
    assertThat(operation.get("informationRequests").toString()).contains("status=ANSWERED", "answer=ExampleHost");

    ResponseEntity<Map> blank = as("vera").postForEntity("/api/operations/" + ref + "/withdrawal", Map.of("reason", " "), Map.class);
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("vera").postForEntity("/api/operations/" + ref + "/withdrawal", Map.of("reason", "false positive"), Void.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    driver.runJobs(ref);
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.WITHDRAWN);
    assertThat(as("vera").postForEntity("/api/operations/" + ref + "/withdrawal", Map.of("reason", "again"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }
}
