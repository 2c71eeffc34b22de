package org.takedown.assignment;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CountryCodes;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/**
 * "Resolve assignment": offers a reassignment only to a unit that has not declined this operation, and
 * preselects nothing, so a second escalation never sends the country back to the unit that just said no.
 */
@Component("escalationListener")
class EscalationListener implements TaskListener {

  static final String DECISION = "escalationDecision";
  /** The decisions the form offers, as {label, value} (the radio's valuesKey). */
  static final String OPTIONS = "escalationOptions";
  /** The unit a reassignment would ask, or null when none is left. */
  static final String REASSIGN_TO = "reassignTo";
  /** What the form says about reassigning: whom it asks, or why it cannot. */
  static final String REASSIGN_NOTE = "reassignNote";

  private final NationalAssignmentService assignments;

  EscalationListener(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    String country = (String) task.getVariable(COUNTRY);
    Optional<NationalUnit> next = assignments.reassignable(reference, country);
    boolean listed = assignments.hasUnit(country);
    if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
      if (listed) {
        offer(task, country, next);
      } else {
        offerToAdd(task, country);
      }
      return;
    }
    String decision = TaskInput.oneOf(task, DECISION, "REASSIGN", "DROP");
    if ("REASSIGN".equals(decision) && !listed) {
      throw TaskInput.invalid(task, DECISION, "cannot be REASSIGN: the directory has no unit for the country yet",
          CountryCodes.name(country) + " still has no unit in the directory (config/national-units.yml): add one there first, or drop "
              + CountryCodes.name(country) + ".");
    }
    if ("REASSIGN".equals(decision) && next.isEmpty()) {
      throw TaskInput.invalid(task, DECISION, "cannot be REASSIGN: every unit of the country has declined this operation",
          "No unit of " + CountryCodes.name(country) + " is left to ask: every unit has declined this operation. Drop the country instead.");
    }
  }

  /** The directory has no unit for the country: the coordinator adds one and asks it, or drops the country. */
  private static void offerToAdd(DelegateTask task, String country) {
    task.getExecution().removeVariable(DECISION);
    String name = CountryCodes.name(country);
    task.setVariableLocal(OPTIONS, ProcessJson.json(List.of(
        Map.of("label", "Ask the unit of " + name + " (add it to the directory first)", "value", "REASSIGN"),
        Map.of("label", "Drop " + name, "value", "DROP"))));
    task.setVariableLocal(REASSIGN_TO, null);
    task.setVariableLocal(REASSIGN_NOTE, "No unit for " + name + " (" + country + ") in the directory. Add one to config/national-units.yml "
        + "(it is read again when it changes) and ask it, or leave " + name + " out: drop it.");
  }

  private static void offer(DelegateTask task, String country, Optional<NationalUnit> next) {
    // The decision of an earlier escalation stays in the process; the form would show it chosen again.
    task.getExecution().removeVariable(DECISION);
    List<Map<String, String>> options = new ArrayList<>();
    next.ifPresent(unit -> options.add(Map.of("label", "Reassign to " + unit.name(), "value", "REASSIGN")));
    options.add(Map.of("label", "Drop " + CountryCodes.name(country), "value", "DROP"));
    task.setVariableLocal(OPTIONS, ProcessJson.json(options));
    task.setVariableLocal(REASSIGN_TO, next.map(NationalUnit::name).orElse(null));
    task.setVariableLocal(REASSIGN_NOTE, next.map(unit -> "Reassigning asks " + unit.name() + ".")
        .orElse("No unit is left to ask: every unit of " + CountryCodes.name(country) + " has declined this operation. Only dropping the country is possible."));
  }
}
