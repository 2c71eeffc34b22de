package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationRepository;
import org.takedown.operation.Stage;

/** The product on a file database, stopped and started again: operations stay where they were. */
class RestartTest {

  @TempDir Path data;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("takedown").toAbsolutePath(),
        "--server.port=0",
        "--camunda.bpm.process-engine-name=restart",
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=true",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0");
  }

  /** Does what the (disabled) job executor would: the asynchronous steps, each of which may lead to the next. */
  private static void runJobs(ProcessEngine engine) {
    for (int round = 0; round < 5; round++) {
      engine.getManagementService().createJobQuery().messages().list().forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  @Test
  void operationsKeepTheirStageAcrossARestart() {
    String reference;
    try (ConfigurableApplicationContext first = start()) {
      List<Operation> sample = first.getBean(OperationRepository.class).findAll();
      assertThat(sample).as("the sample tip of the first start").hasSize(1);
      reference = sample.get(0).getReference();
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      runJobs(engine);
      Task triage = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).singleResult();
      engine.getTaskService().complete(triage.getId(), ProcessDriver.vars("triageDecision", "OPEN", "countries", List.of("DE", "FR", "NL")));
      runJobs(engine);
      assertThat(first.getBean(OperationRepository.class).findByReference(reference).orElseThrow().getStage()).isEqualTo(Stage.LEGAL_REVIEW);
    }

    try (ConfigurableApplicationContext second = start()) {
      List<Operation> operations = second.getBean(OperationRepository.class).findAll();
      assertThat(operations).as("no second sample tip on a database that has operations").hasSize(1);
      assertThat(operations.get(0).getStage()).isEqualTo(Stage.LEGAL_REVIEW);
      Task review = second.getBean(ProcessEngine.class).getTaskService().createTaskQuery().processInstanceBusinessKey(reference).singleResult();
      assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_LegalReview");
    }
  }
}
