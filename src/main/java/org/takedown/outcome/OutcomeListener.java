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
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultFigures;
import org.takedown.security.OperationAccess;
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

  /** The results' headline ("3 of 5 indicators taken down (60 %) in 2 of 2 countries; …"), shown on the form. */
  static final String RESULTS_HEADLINE = "resultsHeadline";

  private final NationalAssignmentService assignments;
  private final OperationService operations;
  private final ResultFigures figures;
  private final IndicatorResults results;

  OutcomeListener(NationalAssignmentService assignments, OperationService operations, ResultFigures figures, IndicatorResults results) {
    this.assignments = assignments;
    this.operations = operations;
    this.figures = figures;
    this.results = results;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      offer(task, reference, assignments.countries(reference, AssignmentStatus.ACCEPTED));
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

  /**
   * The accepted countries in words, the results' headline, and the fields prefilled from what the units reported: the
   * summary with the headline, a line per country with its figures and counts ("DE: 2 of 3 indicators taken down (67 %);
   * 3 servers seized"), or "DE: " where nothing was reported.
   */
  private void offer(DelegateTask task, String reference, List<String> accepted) {
    task.setVariable(ACCEPTED_COUNTRIES, CountryCodes.names(accepted));
    Operation operation = operations.get(reference);
    ResultFigures.Figures f = figures.operation(reference, OperationAccess.forCentre(operation));
    task.setVariable(RESULTS_HEADLINE, f.headline());
    if (task.getVariable(OUTCOME_SUMMARY) == null && f.total().reported() > 0) {
      task.setVariable(OUTCOME_SUMMARY, f.headline() + ".");
    }
    if (task.getVariable(OUTCOMES) == null) {
      Map<String, IndicatorResults.CountryCounts> counts = results.counts(operation.getId());
      task.setVariable(OUTCOMES, accepted.stream().map(country -> country + ": " + line(f, country, counts.get(country)))
          .collect(Collectors.joining("\n")));
    }
  }

  /** A country's figures and counts on one line; empty where its unit reported nothing. */
  private static String line(ResultFigures.Figures f, String country, IndicatorResults.CountryCounts counts) {
    List<String> parts = new java.util.ArrayList<>();
    f.byCountry().stream().filter(r -> r.key().equals(country) && r.reported() > 0).findFirst().ifPresent(r -> parts.add(
        String.format(java.util.Locale.ENGLISH, "%,d of %,d %s taken down (%s)", r.positive(), r.routed(), r.routed() == 1 ? "indicator" : "indicators",
            r.percentText())));
    if (counts != null && !counts.words().isEmpty()) {
      parts.add(counts.words());
    }
    // One line per country: a note's line breaks would start a line the form reads as another country's.
    return String.join("; ", parts).replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
