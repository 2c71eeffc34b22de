package org.takedown.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
  @Autowired TestRestTemplate http;
  @Autowired NationalUnitDirectory directory;

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

  /**
   * Both units of a country decline: the second "Resolve assignment" preselects nothing, offers no reassignment
   * (it would go back to the unit that just declined), says so, and refuses REASSIGN, also through the REST API.
   */
  @Test
  void aUnitThatDeclinedIsNeverOfferedAgain() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("AT")));
    ProcessInstance assignment = driver.called(ref, "national-assignment", "AT");
    driver.complete(driver.officer("AT"), ref, "Task_RespondToAssignment", "AT", vars("assignmentResponse", "DECLINE"));

    Map<String, Object> first = formVariables(ref);
    assertThat(first).doesNotContainKey("escalationDecision")
        .containsEntry("reassignTo", "Landeskriminalamt Wien – Cybercrime")
        .containsEntry("reassignNote", "Reassigning asks Landeskriminalamt Wien – Cybercrime.");
    assertThat(String.valueOf(first.get("escalationOptions"))).contains("Reassign to Landeskriminalamt Wien – Cybercrime", "Drop Austria");
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
    driver.runJobs(ref);
    assertThat(assignments.get(ref, "AT").getNationalUnit()).isEqualTo("Landeskriminalamt Wien – Cybercrime");

    driver.complete(driver.officer("AT"), ref, "Task_RespondToAssignment", "AT", vars("assignmentResponse", "DECLINE"));
    assertThat(assignment).isWaitingAt("Task_ResolveAssignment");
    Map<String, Object> second = formVariables(ref);
    assertThat(second).as("the first decision is not preselected").doesNotContainKey("escalationDecision").containsEntry("reassignTo", null)
        .containsEntry("reassignNote", "No unit is left to ask: every unit of Austria has declined this operation. Only dropping the country is possible.");
    assertThat(String.valueOf(second.get("escalationOptions"))).contains("Drop Austria").doesNotContain("REASSIGN", "Reassign");

    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN")))
        .hasMessageContaining("No unit of Austria is left to ask: every unit has declined this operation. Drop the country instead.");
    String task = driver.task(ref, "Task_ResolveAssignment").getId();
    ResponseEntity<Map> rest = http.withBasicAuth("cora", "demo").postForEntity("/engine-rest/task/" + task + "/complete",
        Map.of("variables", Map.of("escalationDecision", Map.of("value", "REASSIGN"))), Map.class);
    assertThat(rest.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(String.valueOf(rest.getBody())).contains("No unit of Austria is left to ask").doesNotContain("Exception", "ENGINE-");
    assertThat(assignment).isWaitingAt("Task_ResolveAssignment");
    assertThat(assignments.get(ref, "AT").getNationalUnit()).as("nothing was reassigned").isEqualTo("Landeskriminalamt Wien – Cybercrime");

    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    driver.runJobs(ref);
    assertThat(assignment).hasPassed("EndEvent_CountryDropped");
  }

  /** Every INTERPOL member country can be asked: one without a named unit asks its National Central Bureau, and only it. */
  @Test
  void aCountryWithOnlyItsNationalCentralBureauAsksItAndThenCanOnlyBeDropped() {
    assertThat(directory.all()).hasSize(196);
    assertThat(directory.withoutUnit(list("BR", "KE", "VA", "PS", "CW", "SX", "AW", "PW", "FM", "KP", "TV"))).containsExactly("KP", "TV");

    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("BR")));
    ProcessInstance assignment = driver.called(ref, "national-assignment", "BR");
    assertThat(assignment).variables().containsEntry("nationalUnit", "INTERPOL NCB – Brazil").containsEntry("countryName", "Brazil");
    assertThat(assignments.get(ref, "BR").getUnitEmail()).isEqualTo("ncb@br.ncb.example");

    driver.complete(driver.officer("BR"), ref, "Task_RespondToAssignment", "BR", vars("assignmentResponse", "DECLINE"));
    Map<String, Object> resolve = formVariables(ref);
    assertThat(resolve).containsEntry("reassignTo", null);
    assertThat(String.valueOf(resolve.get("escalationOptions"))).contains("Drop Brazil").doesNotContain("Reassign");
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    driver.runJobs(ref);
    assertThat(assignment).hasPassed("EndEvent_CountryDropped");
  }

  /**
   * A country whose unit left the directory after triage (triage refuses one without): the coordinators decide, to
   * add a unit and ask it or to drop the country. Never an incident.
   */
  @Test
  void aCountryWithoutAUnitInTheDirectoryBecomesTheCoordinatorsDecision() {
    String ref = driver.openForLegalReviewWithoutUnit(tip("TLP:AMBER", list("DE")), "TV");
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    driver.runJobs(ref);
    ProcessInstance assignment = driver.called(ref, "national-assignment", "TV");

    assertThat(assignment).hasPassed("Error_NoNationalUnitListed").isWaitingAt("Task_ResolveAssignment");
    assertThat(driver.engine().getRuntimeService().createIncidentQuery().processInstanceId(assignment.getId()).count()).isZero();
    Map<String, Object> resolve = formVariables(ref);
    assertThat(resolve).containsEntry("countryName", "Tuvalu").containsEntry("reassignNote", "No unit for Tuvalu (TV) in the directory. "
        + "Add one to config/national-units.yml (it is read again when it changes) and ask it, or leave Tuvalu out: drop it.");
    assertThat(String.valueOf(resolve.get("escalationOptions"))).contains("Ask the unit of Tuvalu (add it to the directory first)", "Drop Tuvalu");

    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN")))
        .hasMessageContaining("Tuvalu still has no unit in the directory (config/national-units.yml): add one there first, or drop Tuvalu.");
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    driver.runJobs(ref);
    assertThat(assignment).hasPassed("EndEvent_CountryDropped").isEnded();
    assertThat(assignments.get(ref, "TV").getStatus()).isEqualTo(AssignmentStatus.DROPPED);
  }

  /** What Tasklist's form reads: the open "Resolve assignment" task's form variables. */
  private Map<String, Object> formVariables(String ref) {
    Task task = driver.task(ref, "Task_ResolveAssignment");
    Map<String, Object> values = new java.util.HashMap<>();
    driver.engine().getFormService().getTaskFormVariables(task.getId()).forEach((name, value) -> values.put(name, value));
    return values;
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
