package org.takedown.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignmentRepository;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.operation.Stage;
import org.takedown.system.Caller;
import org.takedown.system.ForbiddenException;
import org.takedown.system.NotFoundException;
import org.takedown.system.Tlp;

/**
 * Who may read which operation, stated once as one SQL expression ({@link #rule}) that names the
 * reader's {@link Audience} for each operation, or null where the reader may not read it. The
 * board's statements use it as their condition; the Java checks here run the same expression for
 * the one operation asked for, so the two cannot drift. What each audience then sees of an
 * operation is {@link Disclosure}.
 *
 * <ul>
 *   <li>Staff read every operation.</li>
 *   <li>A vendor reads the operations of its organisation's tips, at any TLP, and those it contributes to as a
 *       co-reporter (a tip of its joined to them): of those, the indicators it reported and those the other
 *       contributions' TLP shares with co-reporters, and the opening vendor's name only where both agreed.</li>
 *   <li>A national unit reads the operations its country was asked to act on, at any TLP: asking it
 *       after the legal decision is the release to a named recipient. Countries proposed or excluded
 *       were never asked.</li>
 *   <li>Any other signed-in reader reads TLP:GREEN and TLP:CLEAR operations, as the community.</li>
 * </ul>
 * An operation a reader may not read is a 404, as if it did not exist.
 */
@Component
public class OperationAccess {

  /** Countries proposed at intake or excluded at triage were never asked, so their units see nothing. */
  public static final Set<AssignmentStatus> NOT_ASKED = Set.of(AssignmentStatus.PROPOSED, AssignmentStatus.EXCLUDED);
  static final Set<Tlp> COMMUNITY = Set.of(Tlp.GREEN, Tlp.CLEAR);

  private final OperationService operations;
  private final CountryAssignmentRepository assignments;
  private final NamedParameterJdbcTemplate jdbc;

  OperationAccess(OperationService operations, CountryAssignmentRepository assignments, NamedParameterJdbcTemplate jdbc) {
    this.operations = operations;
    this.assignments = assignments;
    this.jdbc = jdbc;
  }

  /**
   * The reader's audience of operation {@code o} as an SQL expression (null where it may not read it),
   * with its parameters; their names start with "ds" so that they join any statement's own.
   *
   * @param indicators the condition "this reader sees indicator i of o" ({@link Disclosure#indicatorCountries}),
   *     for statements over many operations such as the board's search
   */
  public record Rule(String audience, Map<String, Object> params, String indicators, String vendor) {

    Rule(String audience, Map<String, Object> params, String indicators) {
      this(audience, params, indicators, "o.vendor");
    }

    /** The condition "this reader may read o". */
    public String condition() {
      return "(" + audience + ") is not null";
    }
  }

  /**
   * The one condition "this reader sees indicator i" (aliased i), with its parameters: every listing, count, search
   * and export of an operation's indicators uses it, for the reader's {@link Disclosure}. "1 = 1" for whoever sees all.
   */
  public record IndicatorRule(String condition, Map<String, Object> params) {}

  private static final String ALL_INDICATORS = "1 = 1";

  /** Indicator i is routed to one of these countries (an SQL list or subquery). */
  private static String routedTo(String countries) {
    return "exists (select 1 from indicator_country dic where dic.indicator_id = i.id and dic.country in (" + countries + "))";
  }

  /**
   * What a contribution's TLP lets the fusion centre pass to the operation's other contributors: TLP:AMBER may go to
   * recipients' clients on a need-to-know basis (the co-reporters of the same infrastructure); TLP:AMBER+STRICT stays
   * with the fusion centre, TLP:RED with its named recipients.
   */
  public static final Set<Tlp> SHARED_WITH_CO_REPORTERS = Set.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER);

  /** Indicator i was reported by one of the reader's organisations, or by a contributor whose TLP shares it. */
  private static String reportedOrShared() {
    return "exists (select 1 from indicator_report dir join operation_contributor dirc on dirc.id = dir.contributor_id"
        + " where dir.indicator_id = i.id and (dirc.organisation in (:dsOrgs) or dirc.tlp in (:dsShared)))";
  }

  private static List<String> sharedLabels() {
    return SHARED_WITH_CO_REPORTERS.stream().map(Tlp::label).sorted().toList();
  }

  /** The reader's organisations as an SQL list parameter: never empty (an id no organisation can have stands for none). */
  private static List<String> organisations(java.util.Collection<String> organisations) {
    return organisations.isEmpty() ? List.of("-") : organisations.stream().sorted().toList();
  }

  /**
   * A vendor reader may know which vendor opened operation o: its own organisation did, or it contributes to o as a
   * co-reporter and both agreed to be named to co-reporters (the lead's consent on o, the reader's on each of its
   * contributions). Only meaningful where the reader's audience is VENDOR; units and the community have their own rules.
   */
  private static final String VENDOR_NAMED = "(o.vendor in (:dsOrgs) or o.named_to_co_reporters and not exists (select 1 from"
      + " operation_contributor dn where dn.operation_id = o.id and dn.organisation in (:dsOrgs) and not dn.named_to_co_reporters))";

  /**
   * Another contribution's organisation is named to this reader: the fusion centre's staff always, a contributing vendor
   * (its pages, its mails) only where both agreed to be named to co-reporters.
   */
  public static boolean namesCoReporter(boolean staff, boolean readerConsents, boolean otherConsents) {
    return staff || readerConsents && otherConsents;
  }

  public static IndicatorRule indicators(Disclosure d) {
    if (d.readsContributions()) {
      return new IndicatorRule(reportedOrShared(), Map.of("dsOrgs", organisations(d.organisations()), "dsShared", sharedLabels()));
    }
    if (d.seesAllIndicators()) {
      return new IndicatorRule(ALL_INDICATORS, Map.of());
    }
    if (d.indicatorCountries().isEmpty()) {
      return new IndicatorRule("1 = 0", Map.of());
    }
    return new IndicatorRule(routedTo(":dsIndicatorCountries"), Map.of("dsIndicatorCountries", d.indicatorCountries().stream().sorted().toList()));
  }

  public Rule rule(Caller caller) {
    if (caller.isStaff()) {
      return new Rule("'" + Audience.STAFF + "'", Map.of(), ALL_INDICATORS);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    // A vendor reads the operations its organisation opened or contributes to as a co-reporter.
    String contributes = "(o.vendor in (:dsOrgs) or exists (select 1 from operation_contributor dc where dc.operation_id = o.id"
        + " and dc.organisation in (:dsOrgs)))";
    StringBuilder sql = new StringBuilder("case when " + contributes + " then '" + Audience.VENDOR + "'");
    params.put("dsOrgs", organisations(caller.organisations()));
    params.put("dsShared", sharedLabels());
    List<String> units = caller.unitCountries();
    // A vendor sees every indicator of an operation no other vendor contributes to, else its own and what the others'
    // TLP shares; the community every indicator of what it reads; a unit those routed to the countries it was asked about.
    String vendorIndicators = "(not exists (select 1 from operation_contributor dx where dx.operation_id = o.id"
        + " and dx.organisation not in (:dsOrgs)) or " + reportedOrShared() + ")";
    String indicators = "(not " + contributes + " or " + vendorIndicators + ")";
    if (!units.isEmpty()) {
      indicators = "(" + contributes + " and " + vendorIndicators + " or " + routedTo("select dia.country from country_assignment dia where dia.operation_id = o.id"
          + " and dia.country in (:dsUnits) and dia.status not in (:dsNotAsked)") + ")";
      sql.append(" when exists (select 1 from country_assignment da where da.operation_id = o.id"
          + " and da.country in (:dsUnits) and da.status not in (:dsNotAsked)) then '" + Audience.UNIT + "'");
      params.put("dsUnits", units);
      params.put("dsNotAsked", NOT_ASKED.stream().map(Enum::name).sorted().toList());
    } else if (!caller.isVendor()) {
      sql.append(" when o.tlp in (:dsCommunity) then '" + Audience.COMMUNITY + "'");
      params.put("dsCommunity", COMMUNITY.stream().map(Tlp::label).sorted().toList());
    }
    sql.append(" end");
    return new Rule(sql.toString(), params, indicators, "case when " + VENDOR_NAMED + " then o.vendor end");
  }

  /** An operation with what this reader may see of it. */
  public record Disclosed(Operation operation, Disclosure disclosure) {}

  /** The operation and its projection for this reader; the same 404 as for an unknown reference if it may not read it. */
  @Transactional(readOnly = true)
  public Disclosed disclose(Caller caller, String reference) {
    Operation operation;
    try {
      operation = operations.get(reference);
    } catch (NotFoundException e) {
      throw notFound(reference);
    }
    Rule rule = rule(caller);
    Map<String, Object> params = new HashMap<>(rule.params());
    params.put("dsId", operation.getId());
    List<String[]> audience = jdbc.query("select " + rule.audience() + " as audience, " + rule.vendor() + " as vendor"
        + " from operation o where o.id = :dsId", params, (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
    if (audience.isEmpty() || audience.get(0)[0] == null) {
      throw notFound(reference);
    }
    Audience a = Audience.valueOf(audience.get(0)[0]);
    Set<String> countries = a != Audience.UNIT ? Set.of() : asked(caller,
        assignments.findByOperationReferenceOrderByCountry(operation.getReference()).stream()
            .map(c -> Map.entry(c.getCountry(), c.getStatus().name())).toList());
    return new Disclosed(operation, disclosure(a, operation, countries, caller, audience.get(0)[1] != null));
  }

  /** The operation if the caller may read it; otherwise the same 404 as for an unknown reference. */
  @Transactional(readOnly = true)
  public Operation readable(Caller caller, String reference) {
    return disclose(caller, reference).operation();
  }

  /** The operation if the caller submitted it (or coordinates); 404 if unreadable, 403 if only readable. */
  @Transactional(readOnly = true)
  public Operation ownedBy(Caller caller, String reference, String action) {
    Disclosed d = disclose(caller, reference);
    // The tip's own organisation: a co-reporter reads the operation but does not act for the vendor that opened it.
    if (!caller.isCoordinator() && !d.disclosure().isOpeningVendor()) {
      throw new ForbiddenException("Only the vendor who submitted " + reference + " may " + action + ".");
    }
    return d.operation();
  }

  /** The fusion centre's own records (documents, notices, evidence, custody): 404 if unreadable, 403 for partners. */
  @Transactional(readOnly = true)
  public Operation centreRecords(Caller caller, String reference, String what) {
    Disclosed d = disclose(caller, reference);
    if (!d.disclosure().seesCentreRecords()) {
      throw new ForbiddenException(what + " of " + d.operation().getReference() + " are for the fusion centre's staff.");
    }
    return d.operation();
  }

  /** Every operation the caller may read, newest first, each with its projection. */
  @Transactional(readOnly = true)
  public List<Disclosed> list(Caller caller, Stage stage) {
    Rule rule = rule(caller);
    Map<String, Object> params = new HashMap<>(rule.params());
    String sql = "select o.id, " + rule.audience() + " as audience, " + rule.vendor() + " as vendor from operation o where "
        + rule.condition();
    if (stage != null) {
      sql += " and o.stage = :dsStage";
      params.put("dsStage", stage.name());
    }
    Map<Long, Audience> audiences = new LinkedHashMap<>();
    Set<Long> vendorNamed = new HashSet<>();
    jdbc.query(sql + " order by o.created_at desc, o.id desc", params,
        rs -> {
          audiences.put(rs.getLong("id"), Audience.valueOf(rs.getString("audience")));
          if (rs.getString("vendor") != null) {
            vendorNamed.add(rs.getLong("id"));
          }
        });
    Map<Long, List<Map.Entry<String, String>>> unitCountries = new HashMap<>();
    if (audiences.containsValue(Audience.UNIT)) {
      jdbc.query("select a.operation_id, a.country, a.status from country_assignment a where a.country in (:dsUnits)",
          params, rs -> {
            unitCountries.computeIfAbsent(rs.getLong("operation_id"), k -> new ArrayList<>())
                .add(Map.entry(rs.getString("country"), rs.getString("status")));
          });
    }
    return operations.byIds(List.copyOf(audiences.keySet())).stream()
        .map(o -> new Disclosed(o, disclosure(audiences.get(o.getId()), o,
            asked(caller, unitCountries.getOrDefault(o.getId(), List.of())), caller, vendorNamed.contains(o.getId()))))
        .toList();
  }

  /** @param vendorNamed whether the rule's vendor expression names o's vendor to this reader (see {@link #VENDOR_NAMED}) */
  private static Disclosure disclosure(Audience audience, Operation o, Set<String> countries, Caller caller, boolean vendorNamed) {
    boolean vendor = audience == Audience.VENDOR && caller != null;
    return new Disclosure(audience, audience != Audience.VENDOR || vendorNamed ? o.getVendorName() : null, o.isAttribution(), o.getTlp(),
        o.getReleaseTlp(), countries, vendor ? Set.copyOf(caller.organisations()) : Set.of(), o.isCoReported(),
        vendor && !caller.organisations().contains(o.getVendor()));
  }

  /** Of an operation's countries (code, status), those the caller's units were asked about. */
  public static Set<String> asked(Caller caller, List<Map.Entry<String, String>> countryStatuses) {
    Set<String> asked = new HashSet<>();
    for (Map.Entry<String, String> c : countryStatuses) {
      if (caller.unitCountries().contains(c.getKey()) && NOT_ASKED.stream().noneMatch(s -> s.name().equals(c.getValue()))) {
        asked.add(c.getKey());
      }
    }
    return asked;
  }

  /** What a national unit asked about this country is given of the operation: its mails and documents read this. */
  public static Disclosure forUnit(Operation o, String country) {
    return disclosure(Audience.UNIT, o, Set.of(country), null, true);
  }

  /** What the fusion centre's own documents (the briefing, the memo, the closure report) are written for: everything. */
  public static Disclosure forCentre(Operation o) {
    return disclosure(Audience.STAFF, o, Set.of(), null, true);
  }

  /** The projection of a board row, whose audience came from {@link #rule}. */
  public static Disclosure disclosure(Caller caller, String audience, String vendor, boolean attribution, Tlp tlp, Tlp releaseTlp,
      List<Map.Entry<String, String>> countryStatuses) {
    Audience a = Audience.valueOf(audience);
    return new Disclosure(a, vendor, attribution, tlp, releaseTlp, a == Audience.UNIT ? asked(caller, countryStatuses) : Set.of(),
        a == Audience.VENDOR ? Set.copyOf(caller.organisations()) : Set.of(), false);
  }

  private static NotFoundException notFound(String reference) {
    return new NotFoundException("No operation " + reference);
  }
}
