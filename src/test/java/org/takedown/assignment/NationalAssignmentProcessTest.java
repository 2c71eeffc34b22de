package org.takedown.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.ProcessDriver;
import org.takedown.PostgresTest;
import org.takedown.operation.Stage;

/** Every path of national-assignment.bpmn. */
@PostgresTest
class NationalAssignmentProcessTest {

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;

  @Test
  void declineThenReassignAsksTheAlternateUnit() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    ProcessInstance assignment = driver.called(ref, "national-assignment", "DE");
    assertThat(assignment).variables().containsEntry("nationalUnit", "Bundeskriminalamt SO4 Cybercrime")
        .containsEntry("alternateUnit", "Landeskriminalamt Berlin – Cybercrime").containsEntry("countryName", "Germany");

    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "DECLINE", "responseNote", "no capacity"));
    assertThat(assignment).isWaitingAt("Task_ResolveAssignment");
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.DECLINED);
    assertThat(assignments.get(ref, "DE").getResponseNote()).isEqualTo("no capacity");
    assertThat(driver.task(ref, "Task_ResolveAssignment")).hasCandidateGroup("coordinators");

    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
    driver.runJobs(ref);

    assertThat(assignment).hasPassed("Task_ReassignNationalUnit").isWaitingAt("Task_RespondToAssignment");
    CountryAssignment reassigned = assignments.get(ref, "DE");
    assertThat(reassigned.getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
    assertThat(reassigned.getNationalUnit()).isEqualTo("Landeskriminalamt Berlin – Cybercrime");
    assertThat(reassigned.getUnitEmail()).isEqualTo("cyber@berlin.de.units.example");
    assertThat(reassigned.isAlternateUnitAsked()).isTrue();

    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    assertThat(assignment).hasPassed("EndEvent_Accepted").isEnded();
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);
    assertThat(assignments.get(ref, "DE").getResponder()).isEqualTo("officer-de");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.EVIDENCE_HANDOVER);
  }

  @Test
  void declineThenDropLeavesTheCountryOut() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    ProcessInstance de = driver.called(ref, "national-assignment", "DE");
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "DECLINE"));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    assertThat(de).hasPassed("EndEvent_CountryDropped").isEnded();
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.DROPPED);

    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    // Only the accepted country goes on to evidence handover.
    assertThat(driver.called(ref, "evidence-handover", "FR")).isWaitingAt("Task_PrepareEvidencePackage");
    assertThat(driver.engine().getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(ref).processDefinitionKey("evidence-handover").count()).isEqualTo(1);
  }

  @Test
  void deadlineWithoutAnswerGoesToTheCoordinators() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("NL")));
    ProcessInstance assignment = driver.called(ref, "national-assignment", "NL");

    assertThat(driver.fireTimers(ref, "Timer_AssignmentDeadline")).isEqualTo(1);

    assertThat(assignment).hasPassed("Timer_AssignmentDeadline").isWaitingAt("Task_ResolveAssignment");
    assertThat(assignments.get(ref, "NL").getStatus()).isEqualTo(AssignmentStatus.OVERDUE);
    assertThat(driver.openTasks(ref)).extracting(t -> t.getTaskDefinitionKey()).containsExactly("Task_ResolveAssignment");

    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
    driver.runJobs(ref);
    assertThat(assignments.get(ref, "NL").getNationalUnit()).isEqualTo("Regionale Eenheid Rotterdam – Cybercrime");
    assertThat(assignment).isWaitingAt("Task_RespondToAssignment");
  }

  @Test
  void reminderKeepsTheRequestOpen() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("SE")));
    ProcessInstance assignment = driver.called(ref, "national-assignment", "SE");

    assertThat(driver.fireTimers(ref, "Timer_AssignmentReminder")).isEqualTo(1);

    assertThat(assignment).hasPassed("Task_SendAssignmentReminder").isWaitingAt("Task_RespondToAssignment");
    assertThat(assignments.get(ref, "SE").getReminders()).isEqualTo(1);
    assertThat(assignments.get(ref, "SE").getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
    // The cycle (R2/…) schedules the second reminder.
    assertThat(driver.fireTimers(ref, "Timer_AssignmentReminder")).isEqualTo(1);
    assertThat(assignments.get(ref, "SE").getReminders()).isEqualTo(2);
  }

  @Test
  void invalidResponsesAreRefused() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("IT")));
    assertThatThrownBy(() -> driver.complete(driver.officer("IT"), ref, "Task_RespondToAssignment", "IT", vars("assignmentResponse", "LATER")))
        .hasMessageContaining("The response must be one of ACCEPT, DECLINE");
    driver.complete(driver.officer("IT"), ref, "Task_RespondToAssignment", "IT", vars("assignmentResponse", "DECLINE"));
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "IGNORE")))
        .hasMessageContaining("The decision must be one of REASSIGN, DROP");
    assertThat(driver.called(ref, "national-assignment", "IT")).isWaitingAt("Task_ResolveAssignment");
  }
}
