package org.takedown.notice;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.operation.Stage;
import org.takedown.system.Groups;

/**
 * What the digests list, each in one statement whatever the number of operations: open operations, open tasks (those
 * past their due date, as the board flags them overdue, or a country's), results reported in a period, and accepted
 * countries that have reported nothing yet.
 */
@Component
class DigestQueries {

  private static final String OPEN = "o.stage not in ('" + Stage.CLOSED + "', '" + Stage.REJECTED + "', '" + Stage.MERGED + "', '"
      + Stage.JOINED + "', '" + Stage.WITHDRAWN + "')";

  private final NamedParameterJdbcTemplate jdbc;
  private final RepositoryService repository;
  private final Map<String, String> stepNames = new ConcurrentHashMap<>();

  DigestQueries(NamedParameterJdbcTemplate jdbc, RepositoryService repository) {
    this.jdbc = jdbc;
    this.repository = repository;
  }

  /** The step as the model names it ("Respond to assignment"), not the task's longer runtime name for Tasklist. */
  private String step(String processDefinitionId, String activityId, String fallback) {
    String name = stepNames.computeIfAbsent(processDefinitionId + "#" + activityId, key -> {
      FlowElement element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
      return element == null || element.getName() == null ? "" : element.getName();
    });
    return name.isEmpty() ? fallback : name;
  }

  /** An open task of an operation's instance (main or per country), with the country of its instance and its candidate groups. */
  record OpenTask(String id, String name, String assignee, Instant due, String reference, String country, List<String> groups, String key) {}

  /** An accepted country with no report yet, and when it accepted. */
  record Silent(long operationId, String country, Instant acceptedAt) {}

  /** The open operations, oldest first. */
  List<Long> openOperations() {
    return jdbc.queryForList("select o.id from operation o where " + OPEN + " order by o.created_at, o.id", Map.of(), Long.class);
  }

  /** The open tasks of open operations due before {@code at}, the most overdue first. */
  List<OpenTask> overdueTasks(Instant at) {
    return tasks(" and t.DUE_DATE_ < :at", Map.of("at", Timestamp.from(at)));
  }

  /** The open tasks of open operations offered to a country's unit, in its instances, by due date (those without one last). */
  List<OpenTask> unitTasks(String country) {
    return tasks(" and v.TEXT_ = :country and exists (select 1 from ACT_RU_IDENTITYLINK g where g.TASK_ID_ = t.ID_"
        + " and g.TYPE_ = 'candidate' and g.GROUP_ID_ = :group)",
        Map.of("country", country, "group", Groups.UNIT_PREFIX + country.toLowerCase(Locale.ROOT)));
  }

  private List<OpenTask> tasks(String condition, Map<String, Object> params) {
    Map<String, OpenTask> tasks = new LinkedHashMap<>();
    jdbc.query("select t.ID_, t.NAME_, t.PROC_DEF_ID_, t.TASK_DEF_KEY_, t.ASSIGNEE_, t.DUE_DATE_, p.BUSINESS_KEY_, v.TEXT_ as COUNTRY_, l.GROUP_ID_"
        + " from ACT_RU_TASK t join ACT_RU_EXECUTION p on p.ID_ = t.PROC_INST_ID_"
        + " left join ACT_RU_VARIABLE v on v.EXECUTION_ID_ = t.PROC_INST_ID_ and v.NAME_ = 'country'"
        + " left join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' and l.GROUP_ID_ is not null"
        + " where p.BUSINESS_KEY_ in (select o.reference from operation o where " + OPEN + ")" + condition
        + " order by case when t.DUE_DATE_ is null then 1 else 0 end, t.DUE_DATE_, t.CREATE_TIME_, t.ID_", params, rs -> {
          OpenTask task = tasks.computeIfAbsent(rs.getString("ID_"), id -> {
            try {
              Timestamp due = rs.getTimestamp("DUE_DATE_");
              return new OpenTask(id, step(rs.getString("PROC_DEF_ID_"), rs.getString("TASK_DEF_KEY_"), rs.getString("NAME_")), rs.getString("ASSIGNEE_"), due == null ? null : due.toInstant(),
                  rs.getString("BUSINESS_KEY_"), rs.getString("COUNTRY_"), new ArrayList<>(), rs.getString("TASK_DEF_KEY_"));
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          if (rs.getString("GROUP_ID_") != null) {
            task.groups().add(rs.getString("GROUP_ID_"));
          }
        });
    return List.copyOf(tasks.values());
  }

  /** Per operation (by id), the results reported in [from, to) per country, in the order of the operations' creation. */
  Map<Long, Map<String, Long>> resultsReported(Instant from, Instant to) {
    Map<Long, Map<String, Long>> reported = new LinkedHashMap<>();
    jdbc.query("select rr.operation_id, rr.country, sum(rr.results) from result_report rr join operation o on o.id = rr.operation_id"
        + " where rr.reported_at >= :from and rr.reported_at < :to group by o.created_at, rr.operation_id, rr.country"
        + " order by o.created_at, rr.operation_id, rr.country", Map.of("from", Timestamp.from(from), "to", Timestamp.from(to)), rs -> {
          reported.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
        });
    return reported;
  }

  /** The accepted countries of open operations that have reported nothing before {@code at}. */
  List<Silent> withoutResults(Instant at) {
    return jdbc.query("select a.operation_id, a.country, a.responded_at from country_assignment a join operation o on o.id = a.operation_id"
        + " where " + OPEN + " and a.status = :accepted and not exists (select 1 from result_report rr"
        + " where rr.operation_id = a.operation_id and rr.country = a.country and rr.reported_at < :at)"
        + " order by o.created_at, o.id, a.country", Map.of("accepted", AssignmentStatus.ACCEPTED.name(), "at", Timestamp.from(at)),
        (rs, n) -> new Silent(rs.getLong(1), rs.getString(2), rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()));
  }

  /** The open operations a country's unit accepted, oldest first. */
  List<Long> acceptedBy(String country) {
    Map<String, Object> params = new HashMap<>();
    params.put("country", country);
    params.put("accepted", AssignmentStatus.ACCEPTED.name());
    return jdbc.queryForList("select o.id from operation o join country_assignment a on a.operation_id = o.id"
        + " where " + OPEN + " and a.country = :country and a.status = :accepted order by o.created_at, o.id", params, Long.class);
  }
}
