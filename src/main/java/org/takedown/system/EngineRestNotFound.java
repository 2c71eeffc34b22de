package org.takedown.system;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * What an address of the engine's REST API names that is not there, in plain words ("There is no process instance
 * 42 (it may have ended)."), for its 404s and the failures behind which a missing id stands. The engine's own
 * messages ("processInstance is null") name its variables, or another thing than the one missing (a group's
 * member call spoke of tasks). Each id of the address is looked up as the caller, so a caller is told no more than
 * the engine would show them.
 */
final class EngineRestNotFound {

  /** A resource of the REST API: what it is called, and whether an id of it exists for the caller. */
  private record Kind(String noun, String hint, BiPredicate<ProcessEngine, String> exists) {}

  private static final Map<String, Kind> BY_ID = Map.ofEntries(
      Map.entry("task", new Kind("task", " (it may have been completed or deleted)",
          (e, id) -> e.getTaskService().createTaskQuery().taskId(id).count() > 0)),
      Map.entry("process-instance", new Kind("process instance", " (it may have ended; ended ones are under history/process-instance)",
          (e, id) -> e.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() > 0)),
      Map.entry("execution", new Kind("execution", " (its process instance may have moved on or ended)",
          (e, id) -> e.getRuntimeService().createExecutionQuery().executionId(id).count() > 0)),
      Map.entry("group", new Kind("group", "", (e, id) -> e.getIdentityService().createGroupQuery().groupId(id).count() > 0)),
      Map.entry("user", new Kind("user", "", (e, id) -> e.getIdentityService().createUserQuery().userId(id).count() > 0)),
      Map.entry("tenant", new Kind("tenant", "", (e, id) -> e.getIdentityService().createTenantQuery().tenantId(id).count() > 0)),
      Map.entry("job", new Kind("job", " (it may have run already)",
          (e, id) -> e.getManagementService().createJobQuery().jobId(id).count() > 0)),
      Map.entry("job-definition", new Kind("job definition", "",
          (e, id) -> e.getManagementService().createJobDefinitionQuery().jobDefinitionId(id).count() > 0)),
      Map.entry("incident", new Kind("incident", " (it may have been resolved)",
          (e, id) -> e.getRuntimeService().createIncidentQuery().incidentId(id).count() > 0)),
      Map.entry("variable-instance", new Kind("variable", " (its process instance may have ended)",
          (e, id) -> e.getRuntimeService().createVariableInstanceQuery().variableId(id).count() > 0)),
      Map.entry("external-task", new Kind("external task", "",
          (e, id) -> e.getExternalTaskService().createExternalTaskQuery().externalTaskId(id).count() > 0)),
      Map.entry("batch", new Kind("batch", "", (e, id) -> e.getManagementService().createBatchQuery().batchId(id).count() > 0)),
      Map.entry("deployment", new Kind("deployment", "",
          (e, id) -> e.getRepositoryService().createDeploymentQuery().deploymentId(id).count() > 0)),
      Map.entry("process-definition", new Kind("process definition", "",
          (e, id) -> e.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(id).count() > 0)),
      Map.entry("decision-definition", new Kind("decision definition", "",
          (e, id) -> e.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionId(id).count() > 0)),
      Map.entry("filter", new Kind("filter", "", (e, id) -> e.getFilterService().createFilterQuery().filterId(id).count() > 0)),
      Map.entry("authorization", new Kind("authorization", "",
          (e, id) -> e.getAuthorizationService().createAuthorizationQuery().authorizationId(id).count() > 0)),
      Map.entry("history/process-instance", new Kind("process instance", " in the history",
          (e, id) -> e.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0)),
      Map.entry("history/variable-instance", new Kind("variable", " in the history",
          (e, id) -> e.getHistoryService().createHistoricVariableInstanceQuery().variableId(id).count() > 0)),
      Map.entry("history/activity-instance", new Kind("activity instance", " in the history",
          (e, id) -> e.getHistoryService().createHistoricActivityInstanceQuery().activityInstanceId(id).count() > 0)),
      Map.entry("history/job-log", new Kind("job log entry", " in the history",
          (e, id) -> e.getHistoryService().createHistoricJobLogQuery().logId(id).count() > 0)));

  /** Definitions also addressed by key: process-definition/key/{key}. */
  private static final Map<String, Kind> BY_KEY = Map.of(
      "process-definition", new Kind("process definition with key", "",
          (e, key) -> e.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count() > 0),
      "decision-definition", new Kind("decision definition with key", "",
          (e, key) -> e.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(key).count() > 0));

  /** Second parts that are actions on the whole collection, not ids (group/create, task/count, job/retries, …). */
  private static final Set<String> ACTIONS = Set.of("count", "create", "suspended", "retries", "delete", "report", "statistics",
      "registered", "check", "fetchAndLock", "topic-names", "set-removal-time", "key", "correlate", "resource-types");

  /** What a sub-resource's name is, when the engine says it is not there: task/{id}/variables/{name}. */
  private static final Map<String, String> ITEMS = Map.of(
      "variables", "variable", "localVariables", "local variable", "messageSubscriptions", "subscription to the message",
      "comment", "comment", "attachment", "attachment");

  /** Members that are resources of their own: group/{id}/members/{userId}, tenant/{id}/group-members/{groupId}. */
  private static final Map<String, String> MEMBERS = Map.of("members", "user", "user-members", "user", "group-members", "group");

  private final ProcessEngine engine;

  EngineRestNotFound(ProcessEngine engine) {
    this.engine = engine;
  }

  /**
   * What is missing, as the detail of a 404; null when none of the ids of the address is missing (or the address is
   * not one of these resources). {@code engineSaidNotFound}: the engine answered 404, so a sub-resource whose parent
   * exists is the missing one.
   */
  String missing(String method, String pathInfo, boolean engineSaidNotFound) {
    if (pathInfo == null) {
      return null;
    }
    String[] parts = Arrays.stream(pathInfo.split("/")).filter(part -> !part.isEmpty()).toArray(String[]::new);
    int at = 0;
    if (parts.length > 2 && parts[0].equals("engine")) {
      // A named engine: engine/{name}/task/…
      at = 2;
    }
    String resource;
    if (parts.length > at + 1 && parts[at].equals("history")) {
      resource = "history/" + parts[at + 1];
      at += 2;
    } else if (parts.length > at) {
      resource = parts[at];
      at += 1;
    } else {
      return null;
    }
    if (parts.length <= at) {
      return null;
    }
    String changed = "GET".equals(method) || "HEAD".equals(method) ? "" : " Nothing was changed.";
    if (parts[at].equals("key") && BY_KEY.containsKey(resource) && parts.length > at + 1) {
      Kind kind = BY_KEY.get(resource);
      return exists(kind, parts[at + 1]) ? null : "There is no " + kind.noun() + " " + shown(parts[at + 1]) + "." + changed;
    }
    Kind kind = BY_ID.get(resource);
    String id = parts[at];
    if (kind == null || ACTIONS.contains(id) || id.endsWith("-async") || id.endsWith("-query-based")) {
      return null;
    }
    if (!exists(kind, id)) {
      return "There is no " + kind.noun() + " " + shown(id) + kind.hint() + "." + changed;
    }
    if (parts.length > at + 2) {
      String sub = parts[at + 1];
      String item = parts[at + 2];
      String member = MEMBERS.get(sub);
      if (member != null) {
        Kind memberKind = BY_ID.get(member);
        return exists(memberKind, item) ? null : "There is no " + memberKind.noun() + " " + shown(item) + "." + changed;
      }
      if (engineSaidNotFound && ITEMS.containsKey(sub)) {
        return capitalised(kind.noun()) + " " + shown(id) + " has no " + ITEMS.get(sub) + " " + shown(item) + "." + changed;
      }
    }
    return null;
  }

  /** Whether it exists for the caller; a lookup that fails claims nothing. */
  private boolean exists(Kind kind, String id) {
    try {
      return kind.exists().test(engine, id);
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** An id as the client sent it, on one line and of a readable length. */
  static String shown(String id) {
    String plain = id.replaceAll("[\\p{Cntrl}\\p{Cf}\\u2028\\u2029]", "?");
    return plain.length() <= 80 ? plain : plain.substring(0, 80) + "…";
  }

  private static String capitalised(String noun) {
    return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
  }
}
