package org.takedown.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.ProcessDriver;
import org.takedown.PostgresTest;
import org.takedown.operation.Stage;

/** Every path of legal-review.bpmn. */
@PostgresTest
class LegalReviewProcessTest {

  @Autowired ProcessDriver driver;
  @Autowired InformationRequests requests;

  @Test
  void requestedInformationAnsweredLoopsBackToReview() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    ProcessInstance review = driver.called(ref, "legal-review", null);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Which hosting provider?"));
    driver.runJobs(ref);
    assertThat(review).hasPassed("Task_RequestVendorInformation").isWaitingAt("Task_AwaitVendorInformation");
    assertThat(requests.list(ref)).singleElement().satisfies(r -> {
      assertThat(r.getStatus()).isEqualTo(InformationRequest.Status.OPEN);
      assertThat(r.getQuestion()).isEqualTo("Which hosting provider?");
      assertThat(r.getRequestedBy()).isEqualTo("lena");
    });

    driver.correlate(ref, "Msg_VendorInformation", vars("vendorInformation", "ExampleHost Ltd, Frankfurt"));

    assertThat(review).isWaitingAt("Task_LegalReview").variables()
        .containsEntry("vendorInformationStatus", "ANSWERED").containsEntry("vendorInformation", "ExampleHost Ltd, Frankfurt");
    assertThat(requests.list(ref)).singleElement().satisfies(r -> {
      assertThat(r.getStatus()).isEqualTo(InformationRequest.Status.ANSWERED);
      assertThat(r.getAnswer()).isEqualTo("ExampleHost Ltd, Frankfurt");
    });
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    assertThat(review).isEnded();
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);
  }

  @Test
  void unansweredInformationRequestReturnsToReviewAtTheDeadline() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    ProcessInstance review = driver.called(ref, "legal-review", null);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Who owns the servers?"));
    driver.runJobs(ref);

    assertThat(driver.fireTimers(ref, "Timer_VendorInformationDeadline")).isEqualTo(1);

    assertThat(review).hasPassed("Timer_VendorInformationDeadline").isWaitingAt("Task_LegalReview")
        .variables().containsEntry("vendorInformationStatus", "OVERDUE");
    assertThat(requests.list(ref)).singleElement().extracting(InformationRequest::getStatus).isEqualTo(InformationRequest.Status.OVERDUE);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REJECT", "legalBasis", "vendor did not answer"));
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.REJECTED);
  }

  @Test
  void fourEyesRefusesTheSameOfficerTwice() {
    String ref = driver.openForLegalReview(tip("TLP:RED", list("DE")));
    ProcessInstance review = driver.called(ref, "legal-review", null);
    assertThat(review).variables().containsEntry("reviewLevel", "FOUR_EYES");
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
    assertThat(review).isWaitingAt("Task_SecondLegalApproval");

    assertThatThrownBy(() -> driver.complete("lena", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate")))
        .hasMessageContaining("Another legal officer must make the second approval: lena made the first one.");
    assertThat(review).isWaitingAt("Task_SecondLegalApproval");
    // Claiming the task does not get around the rule either.
    driver.engine().getTaskService().claim(driver.task(ref, "Task_SecondLegalApproval").getId(), "lena");
    assertThatThrownBy(() -> driver.engine().getTaskService().complete(driver.task(ref, "Task_SecondLegalApproval").getId(),
        vars("legalDecision", "APPROVE", "legalBasis", "mandate")))
        .hasMessageContaining("lena made the first one");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.LEGAL_REVIEW);
  }

  @Test
  void fourEyesApprovedByTwoOfficers() {
    String ref = driver.openForLegalReview(tip("TLP:RED", list("DE")));
    ProcessInstance process = driver.process(ref);
    ProcessInstance review = driver.called(ref, "legal-review", null);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate, confirmed"));

    assertThat(review).hasPassed("Task_SecondLegalApproval", "EndEvent_Approved").isEnded();
    assertThat(process).isWaitingAt("CallActivity_NationalAssignment").variables()
        .containsEntry("legalDecision", "APPROVE").containsEntry("releaseTlp", "TLP:AMBER").containsEntry("reviewLevel", "FOUR_EYES");
  }

  @Test
  void fourEyesRejectedBySecondOfficer() {
    String ref = driver.openForLegalReview(tip("TLP:RED", list("DE")));
    ProcessInstance review = driver.called(ref, "legal-review", null);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "REJECT", "legalBasis", "disproportionate"));
    assertThat(review).hasPassed("EndEvent_SecondRejected").isEnded();
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.REJECTED);
  }

  @Test
  void badDecisionsAreRefusedByTheEngine() {
    String ref = driver.openForLegalReview(tip("TLP:GREEN", list("DE")));
    assertThatThrownBy(() -> driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "MAYBE")))
        .hasMessageContaining("The legal decision must be one of APPROVE, REJECT, REQUEST_INFO");
    assertThatThrownBy(() -> driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO")))
        .hasMessageContaining("Say what information the vendor should send.");
    assertThatThrownBy(() -> driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REJECT", "legalBasis", " ")))
        .hasMessageContaining("Give the grounds for the rejection.");
    assertThatThrownBy(() -> driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "x", "releaseTlp", "TLP:PURPLE")))
        .hasMessageContaining("The release TLP must be a TLP 2.0 label");
    assertThatThrownBy(() -> driver.engine().getTaskService().complete(driver.task(ref, "Task_LegalReview").getId(),
        Map.of("legalDecision", "APPROVE", "legalBasis", "x")))
        .hasMessageContaining("a legal decision needs a named legal officer");
    assertThat(driver.called(ref, "legal-review", null)).isWaitingAt("Task_LegalReview");
  }
}
