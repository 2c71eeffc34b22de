package org.takedown.dossier.statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.dossier.statistics.StatisticsReport.DurationRow;
import org.takedown.dossier.statistics.StatisticsReport.Shares;
import org.takedown.system.CountryCodes;

/**
 * Cycle times from Camunda's history. A stage's time is how long its business step ran, counted
 * for the steps that finished in the period (cancelled ones, e.g. by a withdrawal, are left out):
 * triage is the Triage tip task, legal review and the per-country stages their call activities, and
 * outcome the Record outcome task. By country: national assignment and evidence handover are each
 * country's own process; the other stages count for every country of the operation. Unit response
 * time runs from the request reaching the unit (its Respond to assignment task) to its answer.
 */
@Service
public class Statistics {

  /** The stages as the models run them: label, business step, and whether each country has its own process. */
  enum StageStep {
    TRIAGE("Triage", "Task_TriageTip", false),
    LEGAL_REVIEW("Legal review", "CallActivity_LegalReview", false),
    NATIONAL_ASSIGNMENT("National assignment", "CallActivity_NationalAssignment", true),
    EVIDENCE_HANDOVER("Evidence handover", "CallActivity_EvidenceHandover", true),
    OUTCOME("Outcome", "Task_RecordOutcome", false);

    final String label;
    final String activityId;
    final boolean perCountry;

    StageStep(String label, String activityId, boolean perCountry) {
      this.label = label;
      this.activityId = activityId;
      this.perCountry = perCountry;
    }
  }

  static final String UNIT_RESPONSE = "Unit response";
  static final String COUNTRY = "country";
  static final String ASSIGNMENT_KEY = "national-assignment";

  private final HistoryService history;
  private final OperationCountries operationCountries;

  Statistics(HistoryService history, OperationCountries operationCountries) {
    this.history = history;
    this.operationCountries = operationCountries;
  }

  @Transactional(readOnly = true)
  public StatisticsReport report(Period period) {
    Date from = Date.from(period.start());
    Date to = Date.from(period.end());
    List<DurationRow> stages = new ArrayList<>();
    for (StageStep stage : StageStep.values()) {
      if (stage.perCountry) {
        List<HistoricActivityInstance> perCountry = finished(stage.activityId, from, to);
        Map<String, String> called = countryVariables(perCountry.stream().map(HistoricActivityInstance::getCalledProcessInstanceId)
            .filter(id -> id != null).toList());
        stages.addAll(rows(stage.label, finished(stage.activityId + "#multiInstanceBody", from, to), perCountry,
            step -> called.get(step.getCalledProcessInstanceId())));
      } else {
        List<HistoricActivityInstance> steps = finished(stage.activityId, from, to);
        Map<String, List<String>> countries = operationCountriesOf(steps);
        stages.addAll(rowsMulti(stage.label, steps, step -> countries.getOrDefault(step.getProcessInstanceId(), List.of())));
      }
    }
    List<HistoricActivityInstance> answers = finished("Task_RespondToAssignment", from, to);
    Map<String, String> answerCountries = countryVariables(answers.stream().map(HistoricActivityInstance::getProcessInstanceId).toList());
    List<DurationRow> responses = rows(UNIT_RESPONSE, answers, answers, step -> answerCountries.get(step.getProcessInstanceId()));
    return new StatisticsReport(period, stages, responses, shares(from, to));
  }

  private List<HistoricActivityInstance> finished(String activityId, Date from, Date to) {
    return history.createHistoricActivityInstanceQuery().activityId(activityId).finished().finishedAfter(from).finishedBefore(to)
        .list().stream().filter(step -> !step.isCanceled() && step.getEndTime().before(to)).toList();
  }

  /** Overall from {@code all}; one row per country from {@code byCountry}. */
  private List<DurationRow> rows(String item, List<HistoricActivityInstance> all, List<HistoricActivityInstance> byCountry,
      Function<HistoricActivityInstance, String> countryOf) {
    return rowsMulti(item, all, byCountry, step -> {
      String country = countryOf.apply(step);
      return country == null ? List.of() : List.of(country);
    });
  }

  private List<DurationRow> rowsMulti(String item, List<HistoricActivityInstance> steps, Function<HistoricActivityInstance, List<String>> countriesOf) {
    return rowsMulti(item, steps, steps, countriesOf);
  }

  private List<DurationRow> rowsMulti(String item, List<HistoricActivityInstance> all, List<HistoricActivityInstance> byCountry,
      Function<HistoricActivityInstance, List<String>> countriesOf) {
    List<DurationRow> rows = new ArrayList<>();
    rows.add(row(item, null, all.stream().map(Statistics::duration).toList()));
    Map<String, List<Duration>> perCountry = new TreeMap<>();
    for (HistoricActivityInstance step : byCountry) {
      for (String country : countriesOf.apply(step)) {
        perCountry.computeIfAbsent(country, c -> new ArrayList<>()).add(duration(step));
      }
    }
    perCountry.forEach((country, durations) -> rows.add(row(item, country, durations)));
    return rows;
  }

  private static DurationRow row(String item, String country, List<Duration> durations) {
    List<Duration> sorted = durations.stream().sorted().toList();
    return new DurationRow(item, country, country == null ? null : CountryCodes.name(country), sorted.size(), median(sorted), p90(sorted));
  }

  private static Duration duration(HistoricActivityInstance step) {
    return Duration.ofMillis(step.getEndTime().getTime() - step.getStartTime().getTime());
  }

  /** The middle value; for an even count, halfway between the two middle ones. */
  static Duration median(List<Duration> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return null;
    }
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  /** The 90th percentile by nearest rank: the smallest value that at least 90 % of the values do not exceed. */
  static Duration p90(List<Duration> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return null;
    }
    int rank = (int) Math.ceil(0.9 * n);
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private Map<String, List<String>> operationCountriesOf(List<HistoricActivityInstance> steps) {
    Set<String> instanceIds = new HashSet<>();
    steps.forEach(step -> instanceIds.add(step.getProcessInstanceId()));
    if (instanceIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> referenceOf = new HashMap<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processInstanceIds(instanceIds).list()) {
      if (instance.getBusinessKey() != null) {
        referenceOf.put(instance.getId(), instance.getBusinessKey());
      }
    }
    Map<String, List<String>> countriesOfReference = new HashMap<>();
    if (!referenceOf.isEmpty()) {
      for (Object[] pair : operationCountries.of(new HashSet<>(referenceOf.values()), AssignmentStatus.EXCLUDED)) {
        countriesOfReference.computeIfAbsent((String) pair[0], r -> new ArrayList<>()).add((String) pair[1]);
      }
    }
    Map<String, List<String>> result = new HashMap<>();
    referenceOf.forEach((instance, reference) -> result.put(instance, countriesOfReference.getOrDefault(reference, List.of())));
    return result;
  }

  private Map<String, String> countryVariables(Collection<String> processInstanceIds) {
    Map<String, String> countries = new HashMap<>();
    List<String> ids = processInstanceIds.stream().distinct().toList();
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
      for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().variableName(COUNTRY)
          .processInstanceIdIn(chunk.toArray(String[]::new)).list()) {
        if (variable.getValue() instanceof String country) {
          countries.put(variable.getProcessInstanceId(), country);
        }
      }
    }
    return countries;
  }

  /**
   * National assignments started in the period, and what became of them: a unit accepted; a unit
   * declined (the decline path joins the escalation path, so declines are the joins beyond the
   * escalations); no answer before the deadline; coordinators reassigned to an alternate unit; or dropped the country.
   */
  private Shares shares(Date from, Date to) {
    Set<String> asked = new HashSet<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processDefinitionKey(ASSIGNMENT_KEY)
        .startedAfter(from).startedBefore(to).list()) {
      if (instance.getStartTime().before(to)) {
        asked.add(instance.getId());
      }
    }
    Map<String, Integer> joins = count("Gateway_JoinEscalation", from, asked, false);
    Map<String, Integer> escalations = count("Task_SendEscalation", from, asked, true);
    int declined = 0;
    for (Map.Entry<String, Integer> join : joins.entrySet()) {
      if (join.getValue() > escalations.getOrDefault(join.getKey(), 0)) {
        declined++;
      }
    }
    return new Shares(asked.size(), count("EndEvent_Accepted", from, asked, false).size(), declined,
        count("Task_RecordAssignmentEscalation", from, asked, false).size(), count("Task_ReassignNationalUnit", from, asked, true).size(),
        count("EndEvent_CountryDropped", from, asked, false).size());
  }

  /** How often each of the given process instances reached the step. */
  private Map<String, Integer> count(String activityId, Date from, Set<String> instances, boolean finishedOnly) {
    Map<String, Integer> counts = new HashMap<>();
    if (instances.isEmpty()) {
      return counts;
    }
    var query = history.createHistoricActivityInstanceQuery().activityId(activityId).startedAfter(from);
    if (finishedOnly) {
      query.finished();
    }
    for (HistoricActivityInstance step : query.list()) {
      if (instances.contains(step.getProcessInstanceId()) && !(finishedOnly && step.isCanceled())) {
        counts.merge(step.getProcessInstanceId(), 1, Integer::sum);
      }
    }
    return counts;
  }
}
