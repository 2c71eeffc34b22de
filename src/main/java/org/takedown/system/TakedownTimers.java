package org.takedown.system;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Every timer of the models, as ISO 8601, read by the BPMN timer expressions
 * ({@code ${takedownTimers.assignmentDeadline}}). Defaults are production values; a demo sets seconds.
 */
@Component("takedownTimers")
@ConfigurationProperties("takedown.timers")
public class TakedownTimers {

  /** How long a vendor has to answer a legal officer's information request. */
  private String vendorInformationDeadline = "P5D";
  /** Reminder cycle while a national unit has not answered an assignment request. */
  private String assignmentReminder = "R2/P2D";
  /** When an unanswered assignment request goes to the coordinators. */
  private String assignmentDeadline = "P7D";
  /** Reminder cycle while a unit has not confirmed receipt of evidence. */
  private String receiptReminder = "R3/P2D";

  public String getVendorInformationDeadline() {
    return vendorInformationDeadline;
  }

  public void setVendorInformationDeadline(String value) {
    this.vendorInformationDeadline = duration("vendor-information-deadline", value);
  }

  public String getAssignmentReminder() {
    return assignmentReminder;
  }

  public void setAssignmentReminder(String value) {
    this.assignmentReminder = cycle("assignment-reminder", value);
  }

  public String getAssignmentDeadline() {
    return assignmentDeadline;
  }

  public void setAssignmentDeadline(String value) {
    this.assignmentDeadline = duration("assignment-deadline", value);
  }

  public String getReceiptReminder() {
    return receiptReminder;
  }

  public void setReceiptReminder(String value) {
    this.receiptReminder = cycle("receipt-reminder", value);
  }

  // Checked at start-up so that a typo fails the boot, not a timer weeks later.
  static String duration(String name, String value) {
    String v = value == null ? "" : value.trim();
    try {
      int t = v.indexOf('T');
      if (t < 0) {
        Period.parse(v);
      } else if (t == 1) {
        Duration.parse(v);
      } else {
        Period.parse(v.substring(0, t));
        Duration.parse("P" + v.substring(t));
      }
      return v;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("takedown.timers." + name + " must be an ISO 8601 duration such as P5D or PT30S, not '" + value + "'");
    }
  }

  static String cycle(String name, String value) {
    String v = value == null ? "" : value.trim();
    if (!v.matches("R\\d*/.+")) {
      throw new IllegalArgumentException("takedown.timers." + name + " must be an ISO 8601 repeating interval such as R2/P2D, not '" + value + "'");
    }
    duration(name, v.substring(v.indexOf('/') + 1));
    return v;
  }
}
