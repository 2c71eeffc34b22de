package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.ERROR_HASH_MISMATCH;
import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.evidence.EvidenceHandoverProcess.HASH_MISMATCHES;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_SUMMARY;
import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED;
import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.REPORTED_SHA256;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.evidence.EvidenceHandover.Mismatch;
import org.takedown.system.ProcessJson;

/**
 * Records the unit's receipt against the register, in a step of its own so that units confirming at once never
 * collide. A reported SHA-256 that does not match (or is missing) is never accepted: the step raises HASH_MISMATCH,
 * which takes the country onto the quarantine path; the RECEIVED entries with their mismatch are kept.
 */
@Component("recordReceipt")
class RecordReceiptDelegate implements JavaDelegate {

  private final EvidenceHandover handover;
  private final ApplicationEventPublisher events;

  RecordReceiptDelegate(EvidenceHandover handover, ApplicationEventPublisher events) {
    this.handover = handover;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean received = Boolean.TRUE.equals(execution.getVariable(RECEIPT_CONFIRMED));
    String reference = execution.getProcessBusinessKey();
    String country = (String) execution.getVariable(COUNTRY);
    List<String> items = ProcessJson.stringList(EVIDENCE_ITEMS, execution.getVariable(EVIDENCE_ITEMS));
    Map<String, String> reported = received ? ProcessJson.stringMap(REPORTED_SHA256, execution.getVariable(REPORTED_SHA256)) : Map.of();
    List<Mismatch> mismatches = handover.receipt(reference, country, items, received, reported,
        (String) execution.getVariable(RECEIPT_CONFIRMED_BY));
    if (!mismatches.isEmpty()) {
      execution.setVariable(HASH_MISMATCHES, SpinValues.jsonValue(Mismatch.write(mismatches)).create());
      execution.setVariable(QUARANTINE_SUMMARY, mismatches.stream().map(Mismatch::sentence).collect(Collectors.joining("; ")));
      throw new BpmnError(ERROR_HASH_MISMATCH, "The SHA-256 reported for " + mismatches.stream().map(Mismatch::item)
          .collect(Collectors.joining(", ")) + " does not match the register");
    }
    events.publishEvent(new ReceiptAnswered(execution.getProcessInstanceId(), reference, country, received, reported));
  }
}
