package org.takedown.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.NationalAssignmentService;

/** Tasklist's list tells operations and countries apart by the task names. */
@TakedownTest
class TaskNamesTest {

  private static final String TITLE = "C2 servers of a banking trojan";

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;

  @Test
  void namesReadReferenceStepCountryAndTitle() {
    assertThat(TaskNames.name("OP-2026-0007", "Triage tip", null, "Banking trojan C2 servers"))
        .isEqualTo("OP-2026-0007 · Triage tip · Banking trojan C2 servers");
    assertThat(TaskNames.name("OP-2026-0007", "Respond to assignment", "de", "Banking trojan C2 servers"))
        .isEqualTo("OP-2026-0007 · Respond to assignment · Germany · Banking trojan C2 servers");
    assertThat(TaskNames.name("OP-2026-0007", "Legal review", null, "  Two\n lines  ")).isEqualTo("OP-2026-0007 · Legal review · Two lines");
    assertThat(TaskNames.name(null, "Triage tip", null, null)).isEqualTo("Triage tip");
  }

  @Test
  void aLongTitleIsShortenedToTheColumn() {
    String name = TaskNames.name("OP-2026-0007", "Prepare evidence package", "FR", "x".repeat(400));
    assertThat(name).hasSize(TaskNames.MAX_LENGTH).startsWith("OP-2026-0007 · Prepare evidence package · France · xxx").endsWith("x…");
  }

  @Test
  void everyHumanTaskOfAnOperationCarriesItsReference() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE", "FR")));
    assertThat(driver.task(ref, "Task_LegalReview").getName()).isEqualTo(ref + " · Legal review · " + TITLE);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "Art. 4 mandate", "releaseTlp", "TLP:AMBER"));
    driver.runJobs(ref);

    assertThat(driver.task(ref, "Task_RespondToAssignment", "DE").getName()).isEqualTo(ref + " · Respond to assignment · Germany · " + TITLE);
    assertThat(driver.task(ref, "Task_RespondToAssignment", "FR").getName()).isEqualTo(ref + " · Respond to assignment · France · " + TITLE);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE"));
    driver.complete("cora", ref, "Task_ResolveAssignment", "FR", vars("escalationDecision", "DROP"));
    driver.runJobs(ref);

    var prepare = driver.task(ref, "Task_PrepareEvidencePackage", "DE");
    assertThat(prepare.getName()).isEqualTo(ref + " · Prepare evidence package · Germany · " + TITLE);
    assertThat(driver.engine().getTaskService().getVariable(prepare.getId(), "nationalUnit"))
        .as("the package form shows the unit").isEqualTo(assignments.get(ref, "DE").getNationalUnit()).isNotNull();
    // History keeps the model's name: the timelines name the step and add the country themselves.
    String review = driver.engine().getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey("legal-review").singleResult().getId();
    assertThat(driver.engine().getHistoryService().createHistoricActivityInstanceQuery().activityId("Task_LegalReview")
        .processInstanceId(review).singleResult().getActivityName()).isEqualTo("Legal review");
  }
}
