package org.takedown.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.operation.Stage;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.security.Audience;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Tlp;
import org.takedown.tip.Indicator;
import org.takedown.tip.IndicatorType;

/**
 * The board's read model, in a fixed number of statements however many operations there are: one
 * for the operations, one each for their countries, open tasks, deadline timers and incidents.
 * The later ones select by the same condition as the first (a subquery, not a list of ids), so no
 * statement grows with the board. The engine's runtime tables are read directly because its query
 * API fetches a task's candidate groups one task at a time.
 */
@Component
class BoardQueries {

  private final NamedParameterJdbcTemplate jdbc;

  private final StepNames stepNames;

  private final OperationAccess access;

  BoardQueries(NamedParameterJdbcTemplate jdbc, StepNames stepNames, OperationAccess access) {
    this.stepNames = stepNames;
    this.jdbc = jdbc;
    this.access = access;
  }

  /** What the board is asked for; null fields do not filter. */
  record Filter(List<Stage> stages, Stage stage, String country, Tlp tlp, String vendor, String search, Instant overdueAt) {

    Filter(List<Stage> stages) {
      this(stages, null, null, null, null, null, null);
    }
  }

  /** An operation as the board lists it, with the reader's audience of it (OperationAccess.rule). */
  record OperationRow(long id, String reference, String title, Tlp tlp, Stage stage, String vendor, Instant createdAt,
      Instant closedAt, String mergedInto, String audience, boolean attribution, Tlp releaseTlp) {}

  record CountryRow(String reference, String country, String status, String handoverStatus, String nationalUnit,
      boolean alternateUnitAsked, String responder, String responseNote, Instant requestedAt, Instant respondedAt,
      int reminders, String outcome) {}

  record TaskRow(String id, String key, String name, String assignee, Instant due, Instant created, String reference,
      String processInstanceId, String country, List<String> groups) {}

  record TimerRow(String reference, String activityId, Instant due, Instant created) {}

  record IncidentRow(String reference, String processInstanceId, String activityId, String message, Instant at) {}

  /**
   * A WHERE clause over operation o, with its parameters; reused as a subquery by the other statements.
   * audience is the reader's audience of o as an SQL expression (OperationAccess.rule), vendor o's vendor as the reader
   * may know it (null where a co-reporter may not).
   */
  record Condition(String sql, MapSqlParameterSource params, String audience, String vendor) {

    Condition(String sql, MapSqlParameterSource params) {
      this(sql, params, "'" + Audience.STAFF + "'", "o.vendor");
    }
  }

  Condition condition(Caller caller, Filter filter) {
    OperationAccess.Rule rule = access.rule(caller);
    StringBuilder sql = new StringBuilder(rule.condition() + " and o.stage in (:stages)");
    MapSqlParameterSource params = new MapSqlParameterSource(rule.params())
        .addValue("stages", filter.stages().stream().map(Stage::name).toList());
    if (filter.stage() != null) {
      sql.append(" and o.stage = :stage");
      params.addValue("stage", filter.stage().name());
    }
    if (filter.tlp() != null) {
      sql.append(" and o.tlp = :tlp");
      params.addValue("tlp", filter.tlp().label());
    }
    if (filter.vendor() != null && caller.isStaff()) {
      sql.append(" and o.vendor = :vendor");
      params.addValue("vendor", filter.vendor());
    }
    // Partners filter only by what they may see: a unit by its own countries, a vendor by none.
    if (filter.country() != null && (caller.isStaff() || caller.unitCountries().contains(filter.country()))) {
      sql.append(" and exists (select 1 from country_assignment fc where fc.operation_id = o.id and fc.country = :country)");
      params.addValue("country", filter.country());
    }
    if (filter.search() != null) {
      // An indicator matches on its value as sent or as normalised (the indexed column), exactly:
      // 198.51.100.1 must not find 198.51.100.10. Only an indicator the reader sees: a search must not tell a unit
      // that another country's indicator is in an operation.
      sql.append(" and (upper(o.reference) like :like or upper(o.title) like :like"
          + " or exists (select 1 from indicator i where i.operation_id = o.id"
          + " and (i.normalized_value in (:exact) or i.indicator_value in (:exact)) and " + rule.indicators() + "))");
      params.addValue("like", "%" + escapeLike(filter.search().toUpperCase(Locale.ROOT)) + "%");
      params.addValue("exact", searched(filter.search()));
    }
    if (filter.overdueAt() != null) {
      // A task or a deadline timer of any of its instances is past due.
      sql.append(" and (exists (select 1 from ACT_RU_TASK ot join ACT_RU_EXECUTION op on op.ID_ = ot.PROC_INST_ID_"
          + " where op.BUSINESS_KEY_ = o.reference and ot.DUE_DATE_ < :overdueAt)"
          + " or exists (select 1 from ACT_RU_JOB oj join ACT_RU_JOBDEF od on od.ID_ = oj.JOB_DEF_ID_"
          + " join ACT_RU_EXECUTION oe on oe.ID_ = oj.PROCESS_INSTANCE_ID_"
          + " where oe.BUSINESS_KEY_ = o.reference and oj.TYPE_ = 'timer' and od.ACT_ID_ like '%Deadline' and oj.DUEDATE_ < :overdueAt))");
      params.addValue("overdueAt", Timestamp.from(filter.overdueAt()));
    }
    return new Condition(sql.toString(), params, rule.audience(), rule.vendor());
  }

  /** One operation, for its page, as this reader may read it. */
  Condition single(Caller caller, String reference) {
    OperationAccess.Rule rule = access.rule(caller);
    return new Condition(rule.condition() + " and o.reference = :reference",
        new MapSqlParameterSource(rule.params()).addValue("reference", reference), rule.audience(), rule.vendor());
  }

  /** What was typed, as sent and as each kind of indicator normalises it ("Example.ORG." finds example.org). */
  static List<String> searched(String text) {
    java.util.Set<String> forms = new java.util.LinkedHashSet<>(List.of(text, text.toLowerCase(Locale.ROOT)));
    for (IndicatorType type : IndicatorType.values()) {
      try {
        forms.add(type.normalise(text.trim()));
      } catch (IllegalArgumentException e) {
        // not a value of this kind
      }
    }
    return List.copyOf(forms);
  }

  /** The vendor as people read it: its organisation's display name (the id for a tip a coordinator entered as itself). */
  /** The vendor's display name, for the staff's own statements (the inbox). */
  static final String VENDOR_NAME = "coalesce(vo.display_name, o.vendor) as vendor";

  /** The vendor's display name where the reader's rule names it (a co-reporter may not know who opened the operation). */
  private static String vendorName(Condition where) {
    return "case when (" + where.vendor() + ") is not null then coalesce(vo.display_name, o.vendor) end as vendor";
  }
  static final String VENDOR_JOIN = " left join vendor_organisation vo on vo.id = o.vendor";

  /** The operations shown: for each stage the first ones by age, at most perStage of them (window function, one statement). */
  List<OperationRow> firstPerStage(Condition where, int perStage) {
    MapSqlParameterSource params = copy(where).addValue("perStage", perStage);
    return jdbc.query("select * from (select o.id, o.reference, o.title, o.tlp, o.stage, " + vendorName(where) + ", o.created_at, o.closed_at,"
        + " o.merged_into, o.attribution, o.release_tlp, " + where.audience() + " as audience, row_number() over (partition by o.stage order by o.created_at, o.id) as rank_in_stage"
        + " from operation o" + VENDOR_JOIN + " where " + where.sql() + ") x where x.rank_in_stage <= :perStage order by x.created_at, x.id", params,
        (rs, i) -> row(rs));
  }

  /** How many operations match, per stage. */
  Map<Stage, Long> countByStage(Condition where) {
    Map<Stage, Long> counts = new HashMap<>();
    jdbc.query("select o.stage, count(*) as n from operation o where " + where.sql() + " group by o.stage", where.params(),
        rs -> {
          counts.put(Stage.valueOf(rs.getString("stage")), rs.getLong("n"));
        });
    return counts;
  }

  /** The given operations, already chosen by the reader's condition, for the statements that load their details. */
  Condition references(List<String> references) {
    return new Condition("o.reference in (:shown)", new MapSqlParameterSource("shown", references));
  }

  private static OperationRow row(ResultSet rs) throws SQLException {
    return new OperationRow(rs.getLong("id"), rs.getString("reference"), rs.getString("title"),
        Tlp.parse(rs.getString("tlp")).orElse(Tlp.RED), Stage.valueOf(rs.getString("stage")), rs.getString("vendor"),
        instant(rs, "created_at"), instant(rs, "closed_at"), rs.getString("merged_into"), rs.getString("audience"),
        rs.getBoolean("attribution"), Tlp.parse(rs.getString("release_tlp")).orElse(null));
  }

  List<OperationRow> operations(Condition where, String order, int offset, int limit) {
    MapSqlParameterSource params = copy(where).addValue("offset", offset).addValue("limit", limit);
    return jdbc.query("select o.id, o.reference, o.title, o.tlp, o.stage, " + vendorName(where) + ", o.created_at, o.closed_at, o.merged_into,"
        + " o.attribution, o.release_tlp, " + where.audience() + " as audience from operation o" + VENDOR_JOIN + " where " + where.sql()
        + " order by " + order + " limit :limit offset :offset", params,
        (rs, i) -> row(rs));
  }

  long count(Condition where) {
    Long n = jdbc.queryForObject("select count(*) from operation o where " + where.sql(), where.params(), Long.class);
    return n == null ? 0 : n;
  }

  /** Countries that were named or asked; excluded ones are no longer part of the operation. */
  List<CountryRow> countries(Condition where) {
    return jdbc.query("select o.reference, a.country, a.status, a.handover_status, a.national_unit, a.alternate_unit_asked,"
        + " a.responder, a.response_note, a.requested_at, a.responded_at, a.reminders, a.outcome"
        + " from country_assignment a join operation o on o.id = a.operation_id"
        + " where a.status <> 'EXCLUDED' and " + where.sql() + " order by o.reference, a.country", where.params(),
        (rs, i) -> new CountryRow(rs.getString("reference"), rs.getString("country"), rs.getString("status"),
            rs.getString("handover_status"), rs.getString("national_unit"), rs.getBoolean("alternate_unit_asked"),
            rs.getString("responder"), rs.getString("response_note"), instant(rs, "requested_at"), instant(rs, "responded_at"),
            rs.getInt("reminders"), rs.getString("outcome")));
  }

  /** Open tasks of every instance (main and per country) of the operations, with candidate groups and country. */
  List<TaskRow> tasks(Condition where) {
    Map<String, TaskRow> tasks = new LinkedHashMap<>();
    Map<String, List<String>> groups = new HashMap<>();
    jdbc.query("select t.ID_, t.TASK_DEF_KEY_, t.PROC_DEF_ID_, t.NAME_, t.ASSIGNEE_, t.DUE_DATE_, t.CREATE_TIME_, t.PROC_INST_ID_,"
        + " p.BUSINESS_KEY_, v.TEXT_ as COUNTRY_, l.GROUP_ID_"
        + " from ACT_RU_TASK t join ACT_RU_EXECUTION p on p.ID_ = t.PROC_INST_ID_"
        + " left join ACT_RU_VARIABLE v on v.EXECUTION_ID_ = t.PROC_INST_ID_ and v.NAME_ = 'country'"
        + " left join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' and l.GROUP_ID_ is not null"
        + " where p.BUSINESS_KEY_ in (select o.reference from operation o where " + where.sql() + ")"
        + " order by t.CREATE_TIME_, t.ID_", where.params(), rs -> {
          String id = rs.getString("ID_");
          List<String> taskGroups = groups.computeIfAbsent(id, k -> new ArrayList<>());
          if (rs.getString("GROUP_ID_") != null) {
            taskGroups.add(rs.getString("GROUP_ID_"));
          }
          if (!tasks.containsKey(id)) {
            tasks.put(id, new TaskRow(id, rs.getString("TASK_DEF_KEY_"),
                stepNames.of(rs.getString("PROC_DEF_ID_"), rs.getString("TASK_DEF_KEY_"), rs.getString("NAME_")), rs.getString("ASSIGNEE_"),
                time(rs, "DUE_DATE_"), time(rs, "CREATE_TIME_"), rs.getString("BUSINESS_KEY_"), rs.getString("PROC_INST_ID_"),
                rs.getString("COUNTRY_"), taskGroups));
          }
        });
    return List.copyOf(tasks.values());
  }

  /** The deadline timers waiting (reminders are not deadlines). */
  List<TimerRow> deadlines(Condition where) {
    return jdbc.query("select p.BUSINESS_KEY_, d.ACT_ID_, j.DUEDATE_, j.CREATE_TIME_"
        + " from ACT_RU_JOB j join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_ join ACT_RU_EXECUTION p on p.ID_ = j.PROCESS_INSTANCE_ID_"
        + " where j.TYPE_ = 'timer' and d.ACT_ID_ like '%Deadline' and j.DUEDATE_ is not null"
        + " and p.BUSINESS_KEY_ in (select o.reference from operation o where " + where.sql() + ")", where.params(),
        (rs, i) -> new TimerRow(rs.getString("BUSINESS_KEY_"), rs.getString("ACT_ID_"), time(rs, "DUEDATE_"), time(rs, "CREATE_TIME_")));
  }

  List<IncidentRow> incidents(Condition where) {
    return jdbc.query("select p.BUSINESS_KEY_, i.PROC_INST_ID_, i.ACTIVITY_ID_, i.INCIDENT_MSG_, i.INCIDENT_TIMESTAMP_"
        + " from ACT_RU_INCIDENT i join ACT_RU_EXECUTION p on p.ID_ = i.PROC_INST_ID_"
        + " where p.BUSINESS_KEY_ in (select o.reference from operation o where " + where.sql() + ")"
        + " order by i.INCIDENT_TIMESTAMP_ desc", where.params(),
        (rs, i) -> new IncidentRow(rs.getString("BUSINESS_KEY_"), rs.getString("PROC_INST_ID_"), rs.getString("ACTIVITY_ID_"),
            rs.getString("INCIDENT_MSG_"), time(rs, "INCIDENT_TIMESTAMP_")));
  }

  /** Process variables of the legal-review instances waiting for a decision: the routing result. */
  Map<String, Map<String, Object>> legalRouting(Condition where) {
    Map<String, Map<String, Object>> byReference = new HashMap<>();
    jdbc.query("select p.BUSINESS_KEY_, v.NAME_, v.TEXT_, v.LONG_, v.TYPE_"
        + " from ACT_RU_VARIABLE v join ACT_RU_EXECUTION p on p.ID_ = v.PROC_INST_ID_ and v.EXECUTION_ID_ = p.ID_"
        + " where v.NAME_ in ('reviewLevel', 'mlatRequired', 'dataProtectionCheck')"
        + " and p.BUSINESS_KEY_ in (select o.reference from operation o where " + where.sql() + ")", where.params(), rs -> {
          Object value = "boolean".equals(rs.getString("TYPE_")) ? Long.valueOf(1).equals(rs.getObject("LONG_", Long.class))
              : rs.getString("TEXT_");
          byReference.computeIfAbsent(rs.getString("BUSINESS_KEY_"), k -> new HashMap<>()).put(rs.getString("NAME_"), value);
        });
    return byReference;
  }

  /** An indicator as listed on the page, with where it is placed ("Germany (DE), IP table 2026-06"; empty: nowhere). */
  record IndicatorRow(String type, String value, String normalizedValue, List<String> where) {}

  record DocumentRow(long id, String kind, String country, int version, String fileName, String tlp, long size, String sha256,
      Instant createdAt) {}

  record NoticeRow(String kind, String recipient, String subject, String status, int attempts, String lastError,
      Instant createdAt, Instant sentAt) {}

  record InstanceRow(String id, String definitionKey, boolean ended) {}

  /** The first indicators of a type of an operation the reader sees (an operation may hold very many); pattern indicators: {@link #patterns}. */
  List<IndicatorRow> indicators(String reference, Disclosure reader, int limit) {
    OperationAccess.IndicatorRule rule = OperationAccess.indicators(reader);
    MapSqlParameterSource parameters = new MapSqlParameterSource(rule.params()).addValue("reference", reference).addValue("limit", limit);
    String first = "select i.id from indicator i join operation o on o.id = i.operation_id where o.reference = :reference"
        + " and i.type <> '" + Indicator.PATTERN + "' and " + rule.condition() + " order by i.id limit :limit";
    Map<Long, List<String>> where = new HashMap<>();
    // The places of the indicators shown, in one query beside the first: only countries the reader sees (a unit its own,
    // a vendor and the community none); a disagreement and what a coordinator left unrouted only to the centre's staff.
    jdbc.query("select c.indicator_id, c.country, c.source_label, c.disagreement from indicator_country c where c.indicator_id in ("
        + first + ") order by c.indicator_id, c.country", parameters,
        (RowCallbackHandler) rs -> {
          if (reader.seesCountry(rs.getString(2))) {
            where.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(CountryCodes.name(rs.getString(2)) + " (" + rs.getString(2)
                + "), " + rs.getString(3) + (rs.getString(4) == null || !reader.isStaff() ? "" : "; disagrees with " + rs.getString(4)));
          }
        });
    if (reader.isStaff()) {
      jdbc.query("select u.indicator_id, u.moved_by from indicator_unrouted u where u.indicator_id in (" + first + ")", parameters,
          (RowCallbackHandler) rs -> where.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add("left unrouted by " + rs.getString(2)));
    }
    return jdbc.query(first.replace("select i.id from", "select i.id, i.type, i.indicator_value, i.normalized_value from"), parameters,
        (rs, n) -> new IndicatorRow(rs.getString("type"), rs.getString("indicator_value"), rs.getString("normalized_value"),
            where.getOrDefault(rs.getLong("id"), List.of())));
  }

  /** A pattern indicator: the pattern verbatim, its language, the STIX indicator's name (or null) and the form compared. */
  record PatternRow(String patternType, String pattern, String name, String normalizedValue) {}

  /** The first pattern indicators of an operation the reader sees, listed apart so that many typed indicators never hide them. */
  List<PatternRow> patterns(String reference, Disclosure reader, int limit) {
    OperationAccess.IndicatorRule rule = OperationAccess.indicators(reader);
    return jdbc.query("select i.pattern_type, i.pattern, i.indicator_name, i.normalized_value from indicator i"
        + " join operation o on o.id = i.operation_id where o.reference = :reference and i.type = '" + Indicator.PATTERN + "'"
        + " and " + rule.condition() + " order by i.id limit :limit",
        new MapSqlParameterSource(rule.params()).addValue("reference", reference).addValue("limit", limit),
        (rs, n) -> new PatternRow(rs.getString("pattern_type"), rs.getString("pattern"), rs.getString("indicator_name"),
            rs.getString("normalized_value")));
  }

  /** The reader's pattern indicators and all its indicators, and the operation's total, in one statement. */
  record IndicatorCounts(long patterns, long seen, long total) {}

  IndicatorCounts indicatorCounts(String reference, Disclosure reader) {
    OperationAccess.IndicatorRule rule = OperationAccess.indicators(reader);
    return jdbc.queryForObject("select count(case when i.type = '" + Indicator.PATTERN + "' and " + rule.condition() + " then 1 end),"
        + " count(case when " + rule.condition() + " then 1 end), count(*)"
        + " from indicator i join operation o on o.id = i.operation_id where o.reference = :reference",
        new MapSqlParameterSource(rule.params()).addValue("reference", reference),
        (rs, n) -> new IndicatorCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
  }

  /**
   * type|normalised value of the indicators the page lists (the first {@code limit} typed ones and the first {@code limit}
   * pattern indicators), to the other operations holding the same, in one statement: not the whole operation's.
   */
  Map<String, List<String>> correlations(String reference, int limit) {
    Map<String, List<String>> byIndicator = new LinkedHashMap<>();
    String first = "(select f.id from indicator f join operation fo on fo.id = f.operation_id where fo.reference = :reference"
        + " and f.type %s '" + Indicator.PATTERN + "' order by f.id limit :limit)";
    // The listed ids first, then one index seek each (ix_indicator_lookup): not a scan of every indicator.
    jdbc.query("select distinct i.type, i.normalized_value, other.reference from (" + first.formatted("<>") + " union all "
        + first.formatted("=") + ") listed join indicator i on i.id = listed.id"
        + " join indicator x on x.normalized_value = i.normalized_value and x.type = i.type and x.operation_id <> i.operation_id"
        + " join operation other on other.id = x.operation_id order by other.reference",
        new MapSqlParameterSource("reference", reference).addValue("limit", limit),
        rs -> {
          List<String> others = byIndicator.computeIfAbsent(rs.getString("type") + "|" + rs.getString("normalized_value"), k -> new ArrayList<>());
          if (!others.contains(rs.getString("reference"))) {
            others.add(rs.getString("reference"));
          }
        });
    return byIndicator;
  }

  /** Every version of every document, without the content. */
  List<DocumentRow> documents(String reference) {
    return jdbc.query("select d.id, d.kind, d.country, d.version, d.file_name, d.tlp, d.size_bytes, d.sha256, d.created_at"
        + " from document d join operation o on o.id = d.operation_id where o.reference = :reference"
        + " order by d.kind, d.country nulls first, d.version desc", new MapSqlParameterSource("reference", reference),
        (rs, n) -> new DocumentRow(rs.getLong("id"), rs.getString("kind"), rs.getString("country"), rs.getInt("version"),
            rs.getString("file_name"), rs.getString("tlp"), rs.getLong("size_bytes"), rs.getString("sha256"), instant(rs, "created_at")));
  }

  List<NoticeRow> notices(String reference) {
    return jdbc.query("select n.kind, n.recipient, n.subject, n.status, n.attempts, n.last_error, n.created_at, n.sent_at"
        + " from notice n join operation o on o.id = n.operation_id where o.reference = :reference order by n.created_at, n.id",
        new MapSqlParameterSource("reference", reference),
        (rs, n) -> new NoticeRow(rs.getString("kind"), rs.getString("recipient"), rs.getString("subject"), rs.getString("status"),
            rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at")));
  }

  /** The operation's process instances, running or ended, from the engine's history. */
  List<InstanceRow> instances(String reference) {
    return jdbc.query("select ID_, PROC_DEF_KEY_, END_TIME_ from ACT_HI_PROCINST where BUSINESS_KEY_ = :reference order by START_TIME_",
        new MapSqlParameterSource("reference", reference),
        (rs, n) -> new InstanceRow(rs.getString("ID_"), rs.getString("PROC_DEF_KEY_"), rs.getTimestamp("END_TIME_") != null));
  }

  private static MapSqlParameterSource copy(Condition where) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    for (String name : where.params().getParameterNames()) {
      params.addValue(name, where.params().getValue(name));
    }
    return params;
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The engine stores local timestamps, written and read in the JVM's zone. */
  static Instant time(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
