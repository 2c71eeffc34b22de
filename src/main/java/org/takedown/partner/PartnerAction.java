package org.takedown.partner;

import static org.takedown.assignment.NationalAssignmentProcess.ASSIGNMENT_RESPONSE;
import static org.takedown.assignment.NationalAssignmentProcess.RESPONSE_NOTE;
import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED;

import java.util.HashMap;
import java.util.Map;
import org.takedown.assignment.NationalAssignmentProcess;
import org.takedown.evidence.EvidenceHandoverProcess;

/** What a national unit can do from an email, and the task variables of the contract each one sets. */
public enum PartnerAction {
  ACCEPT(NationalAssignmentProcess.TASK_RESPOND_TO_ASSIGNMENT, "Accept the assignment"),
  DECLINE(NationalAssignmentProcess.TASK_RESPOND_TO_ASSIGNMENT, "Decline the assignment"),
  CONFIRM_RECEIPT(EvidenceHandoverProcess.TASK_CONFIRM_RECEIPT, "Confirm receipt of the evidence"),
  REPORT_NOT_RECEIVED(EvidenceHandoverProcess.TASK_CONFIRM_RECEIPT, "Report that the evidence did not arrive"),
  /**
   * Opens the unit's results page: its saves record results and leave the link usable; only "Our results are complete"
   * uses it, completing the task. The results spreadsheet's upload accepts this link's token too.
   */
  REPORT_RESULTS(EvidenceHandoverProcess.TASK_REPORT_RESULTS, "Report your results");

  private final String taskKey;
  private final String label;

  PartnerAction(String taskKey, String label) {
    this.taskKey = taskKey;
    this.label = label;
  }

  public String taskKey() {
    return taskKey;
  }

  public String label() {
    return label;
  }

  /** The other answer (decline, not received): shown as a secondary button, never like the main one. */
  public boolean secondary() {
    return this == DECLINE || this == REPORT_NOT_RECEIVED;
  }

  boolean takesNote() {
    return this == ACCEPT || this == DECLINE;
  }

  boolean takesHashes() {
    return this == CONFIRM_RECEIPT;
  }

  /** {@code hashes} is the JSON object item → SHA-256, or null. */
  Map<String, Object> variables(String note, Object hashes) {
    Map<String, Object> variables = new HashMap<>();
    switch (this) {
      case ACCEPT, DECLINE -> {
        variables.put(ASSIGNMENT_RESPONSE, name());
        variables.put(RESPONSE_NOTE, note);
      }
      case CONFIRM_RECEIPT -> {
        variables.put(RECEIPT_CONFIRMED, true);
        variables.put("reportedSha256", hashes);
      }
      case REPORT_NOT_RECEIVED -> variables.put(RECEIPT_CONFIRMED, false);
      case REPORT_RESULTS -> variables.put(EvidenceHandoverProcess.RESULTS_COMPLETE, true);
    }
    return variables;
  }
}
