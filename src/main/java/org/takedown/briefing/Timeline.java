package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;
import static org.takedown.briefing.Formats.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/** The steps people and services took, from Camunda's history, across the operation's instances. */
@Component
class Timeline {

  private static final Set<String> TIMELINE_TYPES = Set.of("userTask", "serviceTask", "businessRuleTask", "callActivity", "receiveTask");

  private final HistoryService history;

  Timeline(HistoryService history) {
    this.history = history;
  }

  List<Map<String, Object>> of(String reference) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list();
    List<HistoricActivityInstance> activities = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      activities.addAll(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list());
    }
    activities.stream().filter(a -> TIMELINE_TYPES.contains(a.getActivityType()))
        .sorted((x, y) -> x.getStartTime().compareTo(y.getStartTime()))
        .forEach(a -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("activity", text(a.getActivityName()));
          row.put("assignee", who(a));
          row.put("start", TIME.format(a.getStartTime().toInstant()));
          row.put("end", a.getEndTime() == null ? "" : TIME.format(a.getEndTime().toInstant()));
          row.put("duration", a.getDurationInMillis() == null ? "" : Duration.ofMillis(a.getDurationInMillis()).toString());
          rows.add(row);
        });
    return rows;
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
