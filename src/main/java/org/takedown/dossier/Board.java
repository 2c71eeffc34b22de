package org.takedown.dossier;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.takedown.dossier.BoardQueries.Condition;
import org.takedown.dossier.BoardQueries.CountryRow;
import org.takedown.dossier.BoardQueries.Filter;
import org.takedown.dossier.BoardQueries.OperationRow;
import org.takedown.dossier.BoardQueries.TaskRow;
import org.takedown.dossier.BoardQueries.TimerRow;
import org.takedown.operation.Stage;
import org.takedown.security.Audience;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.system.Tlp;

/** The board's cards: each open operation with its countries, open tasks and next deadline. */
@Component
class Board {

  static final List<Stage> OPEN = Stream.of(Stage.values()).filter(s -> !s.isFinal()).toList();
  static final List<Stage> ENDED = Stream.of(Stage.values()).filter(Stage::isFinal).toList();
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private final BoardQueries queries;
  private final Duration dueSoon;
  private final int perColumn;

  /**
   * @param perColumn the most cards a column shows (the oldest first); beyond them the column says how
   *     many more there are, and filters narrow it down. Keeps the page's cost bounded on a very busy board.
   */
  Board(BoardQueries queries, @Value("${takedown.board.due-soon:PT24H}") Duration dueSoon,
      @Value("${takedown.board.cards-per-column:250}") int perColumn) {
    this.queries = queries;
    this.dueSoon = dueSoon;
    this.perColumn = Math.max(1, perColumn);
  }

  int perColumn() {
    return perColumn;
  }

  record CountryStatus(String code, String name, String status, String unit) {}

  /** @param kind the task's name without its country, for counting a card's tasks by kind */
  record TaskView(String id, String name, String holder, String due, boolean overdue, String country, String kind) {}

  /** A card lists at most this many countries or tasks one by one; beyond, it counts them (an operation may ask 95 countries). */
  static final int LISTED = 12;

  record Card(String reference, String title, Tlp tlp, Stage stage, String vendor, String created,
      List<CountryStatus> countries, List<TaskView> tasks, String nextDeadline, boolean overdue, boolean dueSoon, int incidents) {

    public boolean countriesCounted() {
      return countries.size() > LISTED;
    }

    /** "95 countries: 60 requested, 30 accepted, 5 declined", in the order the statuses first occur. */
    public String countrySummary() {
      Map<String, Long> byStatus = countries.stream()
          .collect(java.util.stream.Collectors.groupingBy(CountryStatus::status, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
      return countries.size() + " countries: " + byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
          .collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean tasksCounted() {
      return tasks.size() > LISTED;
    }

    /** "Respond to assignment: 95 open, one per country", a line per kind of task. */
    public List<String> taskSummary() {
      Map<String, Long> byName = tasks.stream().collect(java.util.stream.Collectors.groupingBy(TaskView::kind, java.util.LinkedHashMap::new,
          java.util.stream.Collectors.counting()));
      return byName.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + " open").toList();
    }

    public String tlpClass() {
      return Labels.tlpClass(tlp);
    }

    public String stageName() {
      return Labels.stage(stage);
    }
  }

  /** A stage's cards, the first ones by age; total counts every matching operation in the stage. */
  record Column(Stage stage, String name, List<Card> cards, long total) {

    public long hidden() {
      return total - cards.size();
    }
  }

  /** The open operations the caller may see, matching the filter, in columns by stage, at most perColumn cards each. */
  List<Column> columns(Caller caller, Filter filter, boolean overdueOnly) {
    Filter effective = overdueOnly
        ? new Filter(filter.stages(), filter.stage(), filter.country(), filter.tlp(), filter.vendor(), filter.search(), now())
        : filter;
    Condition where = queries.condition(caller, effective);
    Map<Stage, Long> totals = queries.countByStage(where);
    Map<Stage, List<Card>> byStage = new EnumMap<>(Stage.class);
    OPEN.forEach(stage -> byStage.put(stage, new ArrayList<>()));
    for (Card card : cards(caller, queries.firstPerStage(where, perColumn))) {
      // A unit's card counts only its own country's deadlines, so SQL's answer is narrowed here.
      if (!overdueOnly || card.overdue()) {
        byStage.get(card.stage()).add(card);
      }
    }
    return OPEN.stream().map(stage -> new Column(stage, Labels.stage(stage), byStage.get(stage),
        Math.max(byStage.get(stage).size(), totals.getOrDefault(stage, 0L)))).toList();
  }

  List<Card> cards(Caller caller, Condition where, String order, int offset, int limit) {
    return cards(caller, queries.operations(where, order, offset, limit));
  }

  /**
   * Cards of the given operations; their details come in one statement each, whatever their number.
   * Each card shows what the reader's projection of its operation allows (security.Disclosure).
   */
  List<Card> cards(Caller caller, List<OperationRow> operations) {
    if (operations.isEmpty()) {
      return List.of();
    }
    Condition where = queries.references(operations.stream().map(OperationRow::reference).toList());
    Map<String, List<CountryRow>> countries = new HashMap<>();
    Map<String, List<TaskRow>> tasks = new HashMap<>();
    Map<String, List<TimerRow>> deadlines = new HashMap<>();
    Map<String, Integer> incidents = new HashMap<>();
    boolean anyCountries = operations.stream().anyMatch(o -> !Audience.VENDOR.name().equals(o.audience())
        && !Audience.COMMUNITY.name().equals(o.audience()));
    boolean anyStaff = operations.stream().anyMatch(o -> Audience.STAFF.name().equals(o.audience()));
    if (anyCountries) {
      queries.countries(where).forEach(c -> countries.computeIfAbsent(c.reference(), k -> new ArrayList<>()).add(c));
      queries.tasks(where).forEach(t -> tasks.computeIfAbsent(t.reference(), k -> new ArrayList<>()).add(t));
    }
    if (anyStaff) {
      queries.deadlines(where).forEach(t -> deadlines.computeIfAbsent(t.reference(), k -> new ArrayList<>()).add(t));
      queries.incidents(where).forEach(i -> incidents.merge(i.reference(), 1, Integer::sum));
    }
    Instant now = now();
    List<Card> cards = new ArrayList<>(operations.size());
    for (OperationRow o : operations) {
      List<CountryRow> rows = countries.getOrDefault(o.reference(), List.of());
      Disclosure d = OperationAccess.disclosure(caller, o.audience(), o.vendor(), o.attribution(), o.tlp(), o.releaseTlp(),
          rows.stream().map(c -> Map.entry(c.country(), c.status())).toList());
      List<CountryRow> visibleCountries = rows.stream().filter(c -> d.seesCountry(c.country())).toList();
      List<TaskRow> visibleTasks = tasks.getOrDefault(o.reference(), List.of()).stream().filter(t -> d.seesTask(t.country(), t.groups())).toList();
      List<Due> dues = new ArrayList<>();
      visibleTasks.stream().filter(t -> t.due() != null).forEach(t -> dues.add(new Due(t.due(), t.created())));
      if (d.seesCentreRecords()) {
        deadlines.getOrDefault(o.reference(), List.of()).forEach(t -> dues.add(new Due(t.due(), t.created())));
      }
      Instant next = dues.stream().map(Due::at).min(Comparator.naturalOrder()).orElse(null);
      boolean overdue = next != null && next.isBefore(now);
      boolean soon = !overdue && dues.stream().anyMatch(due -> soon(due, now));
      cards.add(new Card(o.reference(), o.title(), d.readerTlp(), o.stage(), d.vendorLabel(), TIME.format(o.createdAt()),
          visibleCountries.stream().map(Board::countryStatus).toList(),
          visibleTasks.stream().map(t -> task(t, now)).toList(),
          next == null ? null : TIME.format(next), overdue, soon,
          d.seesCentreRecords() ? incidents.getOrDefault(o.reference(), 0) : 0));
    }
    return cards;
  }

  /** A due date and when its clock started (the task or timer was created; null when not known). */
  record Due(Instant at, Instant since) {}

  /**
   * Due soon: in the last quarter of the time given, and at most {@code takedown.board.due-soon} before the due
   * date. A triage due in a day is due soon in its last 6 hours, not from the moment the tip arrives.
   */
  boolean soon(Due due, Instant now) {
    Duration window = dueSoon;
    if (due.since() != null && due.since().isBefore(due.at())) {
      Duration quarter = Duration.between(due.since(), due.at()).dividedBy(4);
      window = quarter.compareTo(window) < 0 ? quarter : window;
    }
    return !due.at().isBefore(now) && due.at().isBefore(now.plus(window));
  }

  /** Deadlines are in the engine's time, which tests may set. */
  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  static TaskView task(TaskRow t, Instant now) {
    String holder = t.assignee() != null ? t.assignee()
        : t.groups().isEmpty() ? "nobody yet" : String.join(", ", t.groups().stream().map(Labels::group).toList());
    String kind = t.name() == null ? t.key() : t.name();
    String name = t.country() == null ? kind : kind + " (" + CountryCodes.name(t.country()) + ")";
    return new TaskView(t.id(), name, holder, t.due() == null ? null : TIME.format(t.due()),
        t.due() != null && t.due().isBefore(now), t.country(), kind);
  }

  static CountryStatus countryStatus(CountryRow c) {
    return new CountryStatus(c.country(), CountryCodes.name(c.country()), Labels.countryStatus(c), c.nationalUnit());
  }
}
