package org.takedown.partner;

import java.util.HashMap;
import java.util.Map;

/** What a national unit can do from an email, and the task variables of the contract each one sets. */
public enum PartnerAction {
  ACCEPT("Task_RespondToAssignment", "Accept the assignment"),
  DECLINE("Task_RespondToAssignment", "Decline the assignment"),
  CONFIRM_RECEIPT("Task_ConfirmReceipt", "Confirm receipt of the evidence"),
  REPORT_NOT_RECEIVED("Task_ConfirmReceipt", "Report that the evidence did not arrive");

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

  boolean takesNote() {
    return this == ACCEPT || this == DECLINE;
  }

  boolean takesHashes() {
    return this == CONFIRM_RECEIPT;
  }

  Map<String, Object> variables(String note, String hashes) {
    Map<String, Object> variables = new HashMap<>();
    switch (this) {
      case ACCEPT, DECLINE -> {
        variables.put("assignmentResponse", name());
        variables.put("responseNote", note);
      }
      case CONFIRM_RECEIPT -> {
        variables.put("receiptConfirmed", true);
        variables.put("reportedSha256", hashes);
      }
      case REPORT_NOT_RECEIVED -> variables.put("receiptConfirmed", false);
    }
    return variables;
  }
}
