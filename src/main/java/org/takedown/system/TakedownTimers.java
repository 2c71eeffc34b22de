package org.takedown.system;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Every timer of the models, as ISO 8601, read by the BPMN timer expressions
 * ({@code ${takedownTimers.assignmentDeadline}}), and the due date of every human task
 * ({@code camunda:dueDate="${takedownTimers.due('triage-tip')}"}). Defaults are production values;
 * a demo sets seconds.
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
  /** When an unconfirmed evidence handover goes back to the coordinators. */
  private String receiptDeadline = "P10D";
  /** Reminder cycle while a unit has not said its results are complete. */
  private String resultsReminder = "R2/P7D";
  /** When missing results go to the coordinators (counted from the request, again after each WAIT). */
  private String resultsDeadline = "P30D";
  /** How long before a preservation runs out (Article 29(7)) the unit is reminded to renew it or follow it up. */
  private String preservationReminder = "P7D";
  /**
   * How long each coordinator or legal task may take, by task: the task's due date in Tasklist.
   * The units' tasks are due at their deadlines above.
   */
  private final Map<String, String> taskDue = new LinkedHashMap<>(Map.ofEntries(
      Map.entry("triage-tip", "P1D"),
      Map.entry("legal-review", "P3D"),
      Map.entry("second-legal-approval", "P2D"),
      Map.entry("resolve-assignment", "P2D"),
      Map.entry("prepare-evidence-package", "P3D"),
      Map.entry("decide-quarantine", "P2D"),
      Map.entry("resolve-results", "P3D"),
      Map.entry("record-outcome", "P14D")));

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

  public String getReceiptDeadline() {
    return receiptDeadline;
  }

  public void setReceiptDeadline(String value) {
    this.receiptDeadline = duration("receipt-deadline", value);
  }

  public String getResultsReminder() {
    return resultsReminder;
  }

  public void setResultsReminder(String value) {
    this.resultsReminder = cycle("results-reminder", value);
  }

  public String getResultsDeadline() {
    return resultsDeadline;
  }

  public void setResultsDeadline(String value) {
    this.resultsDeadline = duration("results-deadline", value);
  }

  public String getPreservationReminder() {
    return preservationReminder;
  }

  public void setPreservationReminder(String value) {
    this.preservationReminder = duration("preservation-reminder", value);
  }

  /** A date less an ISO 8601 duration: the preservation reminder's date, {@code before(preservedUntil, preservationReminder)}. */
  public Date before(Date date, String duration) {
    var at = date.toInstant().atZone(ZoneOffset.UTC);
    int t = duration.indexOf('T');
    var due = t < 0 ? at.minus(Period.parse(duration))
        : t == 1 ? at.minus(Duration.parse(duration))
        : at.minus(Period.parse(duration.substring(0, t))).minus(Duration.parse("P" + duration.substring(t)));
    return Date.from(due.toInstant());
  }

  public Map<String, String> getTaskDue() {
    return taskDue;
  }

  /** Binds takedown.timers.task-due.*, checking each value and refusing unknown tasks. */
  public void setTaskDue(Map<String, String> values) {
    values.forEach((task, value) -> {
      if (!taskDue.containsKey(task)) {
        throw new IllegalArgumentException("takedown.timers.task-due." + task + " names no task; known are " + taskDue.keySet());
      }
      taskDue.put(task, duration("task-due." + task, value));
    });
  }

  /** The due date of a task from its configured time, counted from the engine's clock. */
  public Date due(String task) {
    String duration = taskDue.get(task);
    if (duration == null) {
      throw new IllegalArgumentException("No due time configured for task '" + task + "'");
    }
    return dueIn(duration);
  }

  /** Now plus an ISO 8601 duration such as P2D or P1DT12H. */
  public Date dueIn(String duration) {
    var now = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC);
    int t = duration.indexOf('T');
    var due = t < 0 ? now.plus(Period.parse(duration))
        : t == 1 ? now.plus(Duration.parse(duration))
        : now.plus(Period.parse(duration.substring(0, t))).plus(Duration.parse("P" + duration.substring(t)));
    return Date.from(due.toInstant());
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
