package org.takedown.tip;

import static org.takedown.operation.JointTakedownProcess.COUNTRIES;
import static org.takedown.operation.JointTakedownProcess.COUNTRY_COUNT;
import static org.takedown.operation.JointTakedownProcess.JOIN_OPERATION;
import static org.takedown.operation.JointTakedownProcess.MERGE_INTO;
import static org.takedown.operation.JointTakedownProcess.TRIAGE_DECISION;
import static org.takedown.operation.JointTakedownProcess.TRIAGE_NOTE;
import static org.takedown.operation.JointTakedownProcess.VENDOR_MESSAGE;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.system.CountryCodes;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.NotFoundException;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/**
 * Checks a triage decision before the engine accepts it and normalises its variables; the decision
 * takes effect in the asynchronous step that follows ({@link RecordTriageDecisionDelegate}).
 */
@Component("triageListener")
class TriageListener implements TaskListener {

  /** The rule the triage form checks too (bpmn/forms/triage-tip.form). */
  static final Pattern REFERENCE = Pattern.compile("OP-[0-9]{4}-[0-9]{4}");

  private final OperationService operations;
  private final NationalUnitDirectory directory;

  TriageListener(OperationService operations, NationalUnitDirectory directory) {
    this.operations = operations;
    this.directory = directory;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    String decision = TaskInput.oneOf(task, TRIAGE_DECISION, "OPEN", "MERGE", "JOIN", "REJECT");
    TaskInput.text(task, TRIAGE_NOTE, 4000);
    TaskInput.text(task, VENDOR_MESSAGE, 4000);
    if ("MERGE".equals(decision)) {
      task.setVariable(MERGE_INTO, runningTarget(task, MERGE_INTO, reference, "merge into", "merged into"));
    } else if ("JOIN".equals(decision)) {
      task.setVariable(JOIN_OPERATION, runningTarget(task, JOIN_OPERATION, reference, "join", "joined to"));
    } else if ("OPEN".equals(decision)) {
      List<String> given = TaskInput.parse(task, () -> ProcessJson.stringList(COUNTRIES, task.getVariable(COUNTRIES)));
      if (given.isEmpty()) {
        throw TaskInput.invalid(task, COUNTRIES, "name at least one affected country as an ISO 3166-1 alpha-2 code",
            "Choose at least one affected country to open an operation.");
      }
      List<String> countries = TaskInput.parse(task, () -> CountryCodes.normalise(COUNTRIES, given));
      // Refused here rather than left to stop as an incident at "Resolve national unit", after the legal review.
      List<String> withoutUnit = directory.withoutUnit(countries);
      if (!withoutUnit.isEmpty()) {
        String names = CountryCodes.names(withoutUnit);
        throw TaskInput.invalid(task, COUNTRIES, "has no national unit in the directory: " + names,
            (withoutUnit.size() == 1 ? names + " has" : names + " have") + " no national unit in the directory, so the operation"
                + " would stop at national assignment. Remove " + (withoutUnit.size() == 1 ? "it" : "them")
                + " from the affected countries, or add " + (withoutUnit.size() == 1 ? "its unit" : "their units") + " to config/national-units.yml first.");
      }
      task.setVariable(COUNTRIES, ProcessJson.json(countries));
      task.setVariable(COUNTRY_COUNT, countries.size());
      task.setVariable(JointTakedownProcess.COUNTRY_NAMES, CountryCodes.names(countries));
    }
  }

  /**
   * The operation a MERGE or JOIN names, checked alike: a reference of another operation that exists and is still
   * running; its reference, upper case.
   *
   * @param verb "merge into", "join": what the coordinator does with it
   * @param done "merged into", "joined to": what becomes of the tip
   */
  private String runningTarget(DelegateTask task, String variable, String reference, String verb, String done) {
    String target = TaskInput.requiredText(task, variable, 16).toUpperCase(Locale.ROOT);
    if (!REFERENCE.matcher(target).matches()) {
      throw TaskInput.invalid(task, variable, "must be a reference like OP-2026-0007",
          "Give the operation to " + verb + " as a reference like OP-2026-0007.");
    }
    Operation into;
    try {
      into = operations.get(target);
    } catch (NotFoundException e) {
      throw TaskInput.invalid(task, variable, "names no operation: '" + target + "'", "There is no operation " + target + " to " + verb + ".");
    }
    if (target.equals(reference) || into.getStage().isFinal()) {
      throw TaskInput.invalid(task, variable, "must be another operation that is still running; " + target + " is " + into.getStage(),
          target.equals(reference) ? "A tip cannot be " + done + " its own operation; choose another one."
              : capitalised(verb) + " an operation that is still running; " + target + " has ended (" + into.getStage() + ").");
    }
    return target;
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
