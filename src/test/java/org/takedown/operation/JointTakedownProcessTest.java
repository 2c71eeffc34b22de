package org.takedown.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.tip.IndicatorRepository;

/** Every path of joint-takedown.bpmn, with the real services and database behind it. */
@TakedownTest
class JointTakedownProcessTest {

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;
  @Autowired IndicatorRepository indicators;
  @Autowired ManagementService management;

  @Test
  void happyPathWithThreeCountries() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE", "FR", "NL")));
    ProcessInstance process = driver.process(ref);
    assertThat(process).hasPassed("Task_AcknowledgeTip").isWaitingAt("Task_TriageTip");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.TRIAGE);

    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", "[\"DE\",\"FR\",\"NL\"]", "triageNote", "clear case"));
    assertThat(process).isWaitingAt("CallActivity_LegalReview");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.LEGAL_REVIEW);
    ProcessInstance review = driver.called(ref, "legal-review", null);
    assertThat(review).hasPassed("Task_RouteLegalReview").isWaitingAt("Task_LegalReview")
        .variables().containsEntry("reviewLevel", "STANDARD").containsEntry("mlatRequired", false);

    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate", "releaseTlp", "TLP:AMBER"));
    assertThat(review).isEnded();
    assertThat(process).isWaitingAt("CallActivity_NationalAssignment");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);
    driver.runJobs(ref);
    for (String country : List.of("DE", "FR", "NL")) {
      assertThat(assignments.get(ref, country).getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
      assertThat(driver.task(ref, "Task_RespondToAssignment", country)).hasCandidateGroup("unit-" + country.toLowerCase());
      driver.complete("unit-user-" + country, ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT", "responseNote", "we take it"));
    }
    assertThat(assignments.get(ref, "DE").getNationalUnit()).isEqualTo("Bundeskriminalamt SO4 Cybercrime");
    assertThat(assignments.get(ref, "FR").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);

    assertThat(process).isWaitingAt("CallActivity_EvidenceHandover");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.EVIDENCE_HANDOVER);
    for (String country : List.of("DE", "FR", "NL")) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", "[\"disk image srv-1\",\"netflow export\"]"));
    }
    driver.runJobs(ref);
    for (String country : List.of("DE", "FR", "NL")) {
      assertThat(assignments.get(ref, country).getHandoverStatus()).isEqualTo(HandoverStatus.HANDED_OVER);
      driver.complete("unit-user-" + country, ref, "Task_ConfirmReceipt", country, vars("receiptConfirmed", true));
      assertThat(assignments.get(ref, country).getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
    }

    assertThat(process).isWaitingAt("Task_RecordOutcome");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
    driver.complete("cora", ref, "Task_RecordOutcome", vars("outcomeSummary", "3 servers seized",
        "outcomes", "{\"DE\":\"2 servers seized\",\"FR\":\"domain sinkholed\",\"NL\":\"1 arrest\"}"));
    driver.runJobs(ref);

    assertThat(process).hasPassed("Task_CloseOperation").isEnded();
    Operation closed = driver.operation(ref);
    assertThat(closed.getStage()).isEqualTo(Stage.CLOSED);
    assertThat(closed.getClosedAt()).isNotNull();
    assertThat(closed.getOutcomeSummary()).isEqualTo("3 servers seized");
    assertThat(assignments.list(ref)).extracting(CountryAssignment::getOutcome)
        .containsExactly("2 servers seized", "domain sinkholed", "1 arrest");
  }

  @Test
  void triageRejectEndsTheOperation() {
    String ref = driver.submit(tip("TLP:GREEN", list("DE")));
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "REJECT", "triageNote", "not actionable"));
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.REJECTED);
    assertThat(driver.openTasks(ref)).isEmpty();
  }
}
