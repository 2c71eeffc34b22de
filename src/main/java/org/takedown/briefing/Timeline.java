package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;
import static org.takedown.briefing.Formats.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.CountryCodes;

/** The steps people and services took, from Camunda's history, across the operation's instances. */
@Component
class Timeline {

  /** Business steps: what people did and waited for, and deadlines that passed; not the system's own steps (send, generate, record). */
  private static final Set<String> TIMELINE_TYPES = Set.of("userTask", "receiveTask", "boundaryTimer");
  private static final Set<String> BUSINESS_SERVICE_TASKS = Set.of("Task_HandOverEvidence", "Task_MergeTip", "Task_CloseOperation");

  private final HistoryService history;
  private final NationalAssignmentService assignments;

  Timeline(HistoryService history, NationalAssignmentService assignments) {
    this.history = history;
    this.assignments = assignments;
  }

  List<Map<String, Object>> of(String reference) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list();
    List<HistoricActivityInstance> activities = new ArrayList<>();
    Map<String, Map<String, Object>> instanceVariables = new HashMap<>();
    for (HistoricProcessInstance instance : instances) {
      activities.addAll(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list());
      Map<String, Object> variables = new HashMap<>();
      history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableNameIn("country", "respondedBy")
          .disableCustomObjectDeserialization().list().forEach(v -> variables.put(v.getName(), v.getValue()));
      instanceVariables.put(instance.getId(), variables);
    }
    activities.stream().filter(Timeline::isBusinessStep)
        .sorted((x, y) -> x.getStartTime().compareTo(y.getStartTime()))
        .forEach(a -> {
          Map<String, Object> variables = instanceVariables.getOrDefault(a.getProcessInstanceId(), Map.of());
          String country = variables.get("country") instanceof String c ? c : null;
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("activity", text(a.getActivityName()) + (country == null ? "" : " (" + CountryCodes.name(country) + ")"));
          row.put("country", country == null ? "" : country);
          row.put("assignee", who(a, reference, country, variables.get("respondedBy")));
          row.put("start", TIME.format(a.getStartTime().toInstant()));
          row.put("end", a.getEndTime() == null ? "" : TIME.format(a.getEndTime().toInstant()));
          row.put("duration", a.getDurationInMillis() == null ? "" : Formats.duration(a.getDurationInMillis()));
          rows.add(row);
        });
    return rows;
  }

  private static boolean isBusinessStep(HistoricActivityInstance activity) {
    return TIMELINE_TYPES.contains(activity.getActivityType()) || BUSINESS_SERVICE_TASKS.contains(activity.getActivityId());
  }

  /** A unit's task with a recorded responder (an emailed link, or Tasklist): the unit and the person who answered. */
  private String who(HistoricActivityInstance activity, String reference, String country, Object respondedBy) {
    String who = who(activity);
    if (country == null || !"userTask".equals(activity.getActivityType()) || activity.getEndTime() == null) {
      return who;
    }
    CountryAssignment assignment = assignments.list(reference).stream().filter(a -> a.getCountry().equals(country)).findFirst().orElse(null);
    String unit = assignment == null || assignment.getNationalUnit() == null ? null : assignment.getNationalUnit();
    String responder = respondedBy instanceof String r ? r : assignment == null ? null : assignment.getResponder();
    if (unit == null || !activity.getActivityId().equals("Task_RespondToAssignment") && !activity.getActivityId().equals("Task_ConfirmReceipt")) {
      return who;
    }
    String person = responder != null && !responder.equals(unit) ? responder : who;
    return person == null || person.isEmpty() || person.equals(unit) ? unit : unit + ", " + person;
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
