package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.system.ProcessJson;
import org.takedown.assignment.NationalAssignmentService;

/** Records the unit's receipt, in a step of its own so that units confirming at once never collide. */
@Component("recordReceipt")
class RecordReceiptDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  RecordReceiptDelegate(NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean received = Boolean.TRUE.equals(execution.getVariable(RECEIPT_CONFIRMED));
    String country = (String) execution.getVariable(COUNTRY);
    Map<String, String> reported = received ? ProcessJson.stringMap("reportedSha256", execution.getVariable("reportedSha256")) : Map.of();
    assignments.receipt(execution.getProcessBusinessKey(), country, received, reported);
    events.publishEvent(new ReceiptAnswered(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), country, received, reported));
  }
}
