package org.takedown.outcome;

import static org.takedown.operation.JointTakedownProcess.OUTCOMES;
import static org.takedown.operation.JointTakedownProcess.OUTCOME_SUMMARY;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.CountryCodes;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/**
 * The coordinators' outcome. At creation the form is given the countries that accepted, and one line per country to
 * fill in; at completion the summary and a result per accepted country are checked, and {@link CloseOperationDelegate}
 * records them.
 */
@Component("outcomeListener")
class OutcomeListener implements TaskListener {

  /** "Germany (DE), France (FR)": shown on the form, so the coordinator knows whose results to record. */
  static final String ACCEPTED_COUNTRIES = "acceptedCountries";

  private final NationalAssignmentService assignments;

  OutcomeListener(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      offer(task, assignments.countries(reference, AssignmentStatus.ACCEPTED));
      return;
    }
    task.setVariable(OUTCOME_SUMMARY, TaskInput.requiredText(task, OUTCOME_SUMMARY, 4000));
    Map<String, String> outcomes = TaskInput.parse(task, () -> {
      Map<String, String> parsed = new LinkedHashMap<>(ProcessJson.stringMap(OUTCOMES, task.getVariable(OUTCOMES)));
      // A line of the offered template left empty ("FR:") records no result for that country.
      parsed.values().removeIf(String::isBlank);
      assignments.checkOutcomes(reference, parsed);
      return parsed;
    });
    task.setVariable(OUTCOMES, ProcessJson.json(outcomes));
  }

  /** The accepted countries in words, and the results field prefilled with a line per country ("DE: "). */
  private static void offer(DelegateTask task, List<String> accepted) {
    task.setVariable(ACCEPTED_COUNTRIES, CountryCodes.names(accepted));
    if (task.getVariable(OUTCOMES) == null) {
      task.setVariable(OUTCOMES, accepted.stream().map(country -> country + ": ").collect(Collectors.joining("\n")));
    }
  }
}
