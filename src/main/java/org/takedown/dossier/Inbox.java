package org.takedown.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.system.CountryCodes;

/**
 * The partner answers inbox: units' answers to assignment requests and evidence receipts, vendors'
 * answers to information requests, and incidents, newest first. Four statements, each limited.
 */
@Component
class Inbox {

  private final NamedParameterJdbcTemplate jdbc;

  Inbox(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Entry(Instant at, String time, String kind, String reference, String who, String text) {}

  List<Entry> latest(int limit) {
    Map<String, Object> params = Map.of("limit", limit);
    List<Entry> entries = new ArrayList<>();
    // Every answer, also one a later unit of the same country replaced.
    jdbc.query("select o.reference, a.country, a.national_unit, a.responder, a.accepted, a.note, a.answered_at"
        + " from unit_answer a join operation o on o.id = a.operation_id"
        + " order by a.answered_at desc, a.id desc limit :limit", params, rs -> {
          String country = rs.getString("country");
          String note = rs.getString("note");
          entries.add(entry(BoardQueries.instant(rs, "answered_at"), "Unit answer", rs.getString("reference"),
              who(rs.getString("national_unit"), rs.getString("responder"), country),
              CountryCodes.name(country) + ": " + (rs.getBoolean("accepted") ? "accepted" : "declined")
                  + (note == null || note.isBlank() ? "" : ". " + note)));
        });
    jdbc.query("select o.reference, a.country, a.national_unit, a.handover_status, a.updated_at"
        + " from country_assignment a join operation o on o.id = a.operation_id"
        + " where a.handover_status in ('RECEIVED', 'NOT_RECEIVED') order by a.updated_at desc limit :limit", params, rs -> {
          String country = rs.getString("country");
          entries.add(entry(BoardQueries.instant(rs, "updated_at"), "Evidence receipt", rs.getString("reference"),
              who(rs.getString("national_unit"), null, country),
              CountryCodes.name(country) + ": " + ("RECEIVED".equals(rs.getString("handover_status"))
                  ? "evidence received" : "evidence reported not received")));
        });
    jdbc.query("select o.reference, " + BoardQueries.VENDOR_NAME + ", r.question, r.answer, r.closed_at"
        + " from information_request r join operation o on o.id = r.operation_id" + BoardQueries.VENDOR_JOIN
        + " where r.status = 'ANSWERED' order by r.closed_at desc limit :limit", params, (RowCallbackHandler) rs -> entries.add(
            entry(BoardQueries.instant(rs, "closed_at"), "Vendor reply", rs.getString("reference"), rs.getString("vendor"),
                "Asked: " + rs.getString("question") + " Answer: " + rs.getString("answer"))));
    jdbc.query("select p.BUSINESS_KEY_, i.ACTIVITY_ID_, i.INCIDENT_MSG_, i.INCIDENT_TIMESTAMP_"
        + " from ACT_RU_INCIDENT i join ACT_RU_EXECUTION p on p.ID_ = i.PROC_INST_ID_"
        + " where p.BUSINESS_KEY_ is not null order by i.INCIDENT_TIMESTAMP_ desc limit :limit", params, (RowCallbackHandler) rs -> entries.add(
            entry(BoardQueries.time(rs, "INCIDENT_TIMESTAMP_"), "Incident", rs.getString("BUSINESS_KEY_"), "Takedown",
                "Step " + rs.getString("ACTIVITY_ID_") + " failed: " + rs.getString("INCIDENT_MSG_") + ". Retry it in Cockpit once the cause is fixed.")));
    return entries.stream().sorted(Comparator.comparing(Entry::at).reversed()).limit(limit).toList();
  }

  private static Entry entry(Instant at, String kind, String reference, String who, String text) {
    return new Entry(at, Board.TIME.format(at), kind, reference, who == null ? "" : who, text);
  }

  private static String who(String unit, String responder, String country) {
    String name = unit == null ? "unit " + country : unit;
    return responder == null || responder.isBlank() || responder.equals(unit) ? name : name + " (" + responder + ")";
  }
}
