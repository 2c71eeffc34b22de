package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;
import static org.takedown.briefing.Formats.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.CountryCodes;

/** The steps people and services took, from Camunda's history, across the operation's instances; also the dossier page's timeline. */
@Component
public class Timeline {

  /** Business steps: what people did and waited for, and deadlines that passed; not the system's own steps (send, generate, record). */
  private static final Set<String> TIMELINE_TYPES = Set.of("userTask", "receiveTask", "boundaryTimer");
  private static final Set<String> PER_COUNTRY = Set.of("national-assignment", "evidence-handover");
  private static final Set<String> UNIT_VARIABLES = Set.of("nationalUnit", "respondedBy");
  private static final Set<String> UNIT_TASKS = Set.of("Task_RespondToAssignment", "Task_ConfirmReceipt", "Task_ReportResults");
  private static final Set<String> BUSINESS_SERVICE_TASKS = Set.of("Task_HandOverEvidence", "Task_QuarantineEvidence", "Task_AbortHandover",
      "Task_MergeTip", "Task_CloseOperation");

  private final HistoryService history;
  private final ManagementService management;
  private final NationalAssignmentService assignments;

  Timeline(HistoryService history, ManagementService management, NationalAssignmentService assignments) {
    this.history = history;
    this.management = management;
    this.assignments = assignments;
  }

  /** Rows of activity, country, assignee, start, end and duration, oldest first. */
  public List<Map<String, Object>> of(String reference) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list();
    Map<String, String> countries = new HashMap<>();
    Map<String, List<HistoricVariableUpdate>> updates = new HashMap<>();
    if (instances.isEmpty()) {
      return rows;
    }
    // In three statements whatever the number of countries (an operation may ask 95): not three per process instance.
    String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    String[] perCountry = instances.stream().filter(i -> PER_COUNTRY.contains(i.getProcessDefinitionKey()))
        .map(HistoricProcessInstance::getId).toArray(String[]::new);
    StringBuilder in = new StringBuilder();
    Map<String, Object> parameters = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      in.append(i == 0 ? "" : ", ").append("#{p").append(i).append("}");
      parameters.put("p" + i, ids[i]);
    }
    var query = history.createNativeHistoricActivityInstanceQuery()
        .sql("select * from " + managementTable() + " where PROC_INST_ID_ in (" + in + ")");
    parameters.forEach(query::parameter);
    List<HistoricActivityInstance> activities = query.list();
    // Only the per-country models are about one country (the main model's loop variable is not).
    if (perCountry.length > 0) {
      history.createHistoricVariableInstanceQuery().processInstanceIdIn(perCountry).variableName("country")
          .disableCustomObjectDeserialization().list().stream().filter(v -> v.getValue() instanceof String)
          .forEach(v -> countries.put(v.getProcessInstanceId(), (String) v.getValue()));
      history.createHistoricDetailQuery().variableUpdates().processInstanceIdIn(perCountry)
          .disableCustomObjectDeserialization().list().stream().filter(d -> d instanceof HistoricVariableUpdate)
          .map(d -> (HistoricVariableUpdate) d).filter(u -> UNIT_VARIABLES.contains(u.getVariableName()))
          .sorted(Comparator.comparing(HistoricVariableUpdate::getTime))
          .forEach(u -> updates.computeIfAbsent(u.getProcessInstanceId(), k -> new ArrayList<>()).add(u));
    }
    activities.stream().filter(Timeline::isBusinessStep)
        .sorted((x, y) -> x.getStartTime().compareTo(y.getStartTime()))
        .forEach(a -> {
          String country = countries.get(a.getProcessInstanceId());
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("activity", text(a.getActivityName()) + (country == null ? "" : " (" + CountryCodes.name(country) + ")"));
          row.put("country", country == null ? "" : country);
          row.put("assignee", who(a, reference, country, updates.getOrDefault(a.getProcessInstanceId(), List.of())));
          row.put("start", TIME.format(a.getStartTime().toInstant()));
          row.put("end", a.getEndTime() == null ? "" : TIME.format(a.getEndTime().toInstant()));
          row.put("duration", a.getDurationInMillis() == null ? "" : Formats.duration(a.getDurationInMillis()));
          rows.add(row);
        });
    return rows;
  }

  /** The engine's table of historic activity instances, with its configured prefix. */
  private String managementTable() {
    return management.getTableName(HistoricActivityInstance.class);
  }

  private static boolean isBusinessStep(HistoricActivityInstance activity) {
    return TIMELINE_TYPES.contains(activity.getActivityType()) || BUSINESS_SERVICE_TASKS.contains(activity.getActivityId());
  }

  /**
   * A unit's task: the unit asked at the time (a reassigned country had another before) and the person
   * who answered; for an emailed link nobody signs in, and the unit alone is named.
   */
  private String who(HistoricActivityInstance activity, String reference, String country, List<HistoricVariableUpdate> updates) {
    String who = who(activity);
    if (country == null || !UNIT_TASKS.contains(activity.getActivityId()) || activity.getEndTime() == null) {
      return who;
    }
    String unit = valueAt(updates, "nationalUnit", activity.getStartTime());
    if (unit == null) {
      unit = assignments.list(reference).stream().filter(x -> x.getCountry().equals(country)).map(CountryAssignment::getNationalUnit)
          .filter(u -> u != null).findFirst().orElse(null);
    }
    String responder = "Task_RespondToAssignment".equals(activity.getActivityId()) ? valueAt(updates, "respondedBy", activity.getEndTime()) : null;
    String person = responder != null ? responder : who;
    if (unit == null) {
      return person;
    }
    return person == null || person.isEmpty() || person.equals(unit) ? unit : unit + ", " + person;
  }

  /** The variable's value as it stood at the given time. */
  private static String valueAt(List<HistoricVariableUpdate> updates, String name, Date time) {
    String value = null;
    for (HistoricVariableUpdate update : updates) {
      if (update.getVariableName().equals(name) && !update.getTime().after(time) && update.getValue() instanceof String v) {
        value = v;
      }
    }
    return value;
  }

  /** Who did a step: the assignee, or whoever completed the task (the engine's operation log), or the system. */
  private String who(HistoricActivityInstance activity) {
    if (activity.getAssignee() != null) {
      return activity.getAssignee();
    }
    if (activity.getTaskId() == null) {
      return "userTask".equals(activity.getActivityType()) ? "" : "Takedown";
    }
    return history.createUserOperationLogQuery().taskId(activity.getTaskId()).operationType("Complete").list().stream()
        .map(entry -> entry.getUserId()).filter(user -> user != null).findFirst().orElse("");
  }
}
