package org.takedown.notice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.result.ResultFigures;
import org.takedown.security.OperationAccess;
import org.takedown.system.CountryCodes;
import org.takedown.system.OncePerCluster;
import org.takedown.system.Tlp;

/**
 * The coordinators' weekly digest (takedown.digests.coordinators.cron): the open operations, the tasks past their due
 * date, the results reported in the week and the accepted countries that have reported nothing yet. The week is the
 * seven UTC days before the day it runs; one node of a cluster sends it, once per week and coordinator. A TLP:RED
 * operation appears by its reference only.
 */
@Component
class CoordinatorDigest {

  static final String JOB = "coordinatorDigest";
  private static final Logger log = LoggerFactory.getLogger(CoordinatorDigest.class);

  private final DigestQueries queries;
  private final OperationService operations;
  private final ResultFigures figures;
  private final Recipients recipients;
  private final NoticeRecorder recorder;
  private final NoticeDelivery delivery;
  private final OncePerCluster once;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final int listed;

  CoordinatorDigest(DigestQueries queries, OperationService operations, ResultFigures figures, Recipients recipients, NoticeRecorder recorder,
      NoticeDelivery delivery, OncePerCluster once, PlatformTransactionManager transactions, Clock clock,
      @org.springframework.beans.factory.annotation.Value("${takedown.digests.coordinators.listed:20}") int listed) {
    this.queries = queries;
    this.operations = operations;
    this.figures = figures;
    this.recipients = recipients;
    this.recorder = recorder;
    this.delivery = delivery;
    this.once = once;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.listed = listed;
  }

  /** The week's digest: what the mail says, and its counts. */
  record Weekly(LocalDate from, LocalDate to, Tlp tlp, long open, long overdue, long results, long resultOperations, long withoutResults,
      Map<String, Object> content) {}

  @Scheduled(cron = "${takedown.digests.coordinators.cron:0 0 7 * * MON}", zone = "UTC")
  public void weekly() {
    run(clock.instant());
  }

  /** Records and sends the digest of the week before {@code at}'s day, unless it was sent already; the notices sent. */
  List<Long> run(Instant at) {
    delivery.deliverPendingDigests(NoticeKind.COORDINATOR_DIGEST);
    LocalDate to = LocalDate.ofInstant(at, ZoneOffset.UTC);
    LocalDate from = to.minusDays(7);
    if (!once.claim(JOB, from.atStartOfDay(ZoneOffset.UTC).toInstant())) {
      log.info("Coordinators' digest of the week from {}: already run (by this node or another)", from);
      return List.of();
    }
    List<Long> ids = transaction.execute(status -> {
      Weekly weekly = compose(at);
      List<Long> recorded = new ArrayList<>();
      for (String address : recipients.coordinators()) {
        Notice notice = recorder.recordDigest("weekly " + from, NoticeKind.COORDINATOR_DIGEST, address, weekly.tlp(), weekly.content());
        if (notice != null) {
          recorded.add(notice.getId());
        }
      }
      if (recorded.isEmpty()) {
        log.warn("Coordinators' digest of the week from {}: no coordinator has an email address, or all have it already", from);
      }
      return recorded;
    });
    ids.forEach(id -> deliver(id, from));
    return ids;
  }

  /** A digest, not a listing: each section names its first rows (takedown.digests.coordinators.listed) and counts the rest. */
  static void listed(Map<String, Object> content, String name, List<Map<String, Object>> rows, int listed) {
    content.put(name, rows.size() > listed ? rows.subList(0, listed) : rows);
    content.put(name + "Total", rows.size());
    content.put(name + "More", rows.size() > listed ? "… and " + (rows.size() - listed) + " more on the board." : null);
  }

  private void deliver(long id, LocalDate from) {
    try {
      delivery.deliver(id);
    } catch (RuntimeException e) {
      log.error("The coordinators' digest of the week from {} could not be sent (notice {}); it stays pending", from, id, e);
    }
  }

  /** The digest of the week before {@code at}'s day, as of {@code at}. */
  Weekly compose(Instant at) {
    LocalDate to = LocalDate.ofInstant(at, ZoneOffset.UTC);
    LocalDate from = to.minusDays(7);
    List<Tlp> carried = new ArrayList<>();
    Map<Long, Operation> open = byId(queries.openOperations());

    List<Map<String, Object>> openRows = new ArrayList<>();
    for (Operation o : open.values()) {
      Map<String, Object> row = operation(o, carried);
      if (!isRed(o)) {
        row.put("stage", Digests.stage(o.getStage()));
        row.put("age", Digests.age(o.getCreatedAt(), at));
      }
      openRows.add(row);
    }

    Map<String, Operation> byReference = open.values().stream().collect(Collectors.toMap(Operation::getReference, Function.identity()));
    List<Map<String, Object>> overdueRows = new ArrayList<>();
    for (DigestQueries.OpenTask task : queries.overdueTasks(at)) {
      Operation o = byReference.get(task.reference());
      Map<String, Object> row = operation(o, carried);
      if (!isRed(o)) {
        row.put("task", task.name());
        row.put("country", task.country() == null ? null : CountryCodes.name(task.country()));
        row.put("holder", task.assignee() != null ? task.assignee() : task.groups().isEmpty() ? "nobody" : String.join(", ", task.groups()));
        row.put("due", Digests.time(task.due()));
        row.put("late", Digests.age(task.due(), at));
      }
      overdueRows.add(row);
    }

    Map<Long, Map<String, Long>> reported = queries.resultsReported(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        to.atStartOfDay(ZoneOffset.UTC).toInstant());
    Map<Long, Operation> reportedOperations = byId(List.copyOf(reported.keySet()));
    List<Map<String, Object>> resultRows = new ArrayList<>();
    long results = 0;
    for (Map.Entry<Long, Map<String, Long>> e : reported.entrySet()) {
      Operation o = reportedOperations.get(e.getKey());
      long n = e.getValue().values().stream().mapToLong(Long::longValue).sum();
      Map<String, Object> row = operation(o, carried);
      if (!isRed(o)) {
        results += n; // a TLP:RED operation's figures stay out of the totals too
        row.put("results", Digests.plural(n, "result", "results"));
        row.put("countries", Digests.names(e.getValue().keySet().stream().map(CountryCodes::name).toList()));
        row.put("headline", figures.operation(o.getReference(), OperationAccess.forCentre(o)).headline());
        row.put("stage", Digests.stage(o.getStage()));
      }
      resultRows.add(row);
    }

    Map<Long, List<DigestQueries.Silent>> silent = queries.withoutResults(at).stream()
        .collect(Collectors.groupingBy(DigestQueries.Silent::operationId, LinkedHashMap::new, Collectors.toList()));
    List<Map<String, Object>> silentRows = new ArrayList<>();
    for (Map.Entry<Long, List<DigestQueries.Silent>> e : silent.entrySet()) {
      Operation o = open.get(e.getKey());
      Map<String, Object> row = operation(o, carried);
      if (!isRed(o)) {
        row.put("countries", e.getValue().stream()
            .map(s -> CountryCodes.name(s.country()) + (s.acceptedAt() == null ? "" : " (accepted " + Digests.age(s.acceptedAt(), at) + " ago)"))
            .toList());
      }
      silentRows.add(row);
    }

    Tlp tlp = Digests.label(carried);
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("from", Digests.day(from));
    content.put("to", Digests.day(to.minusDays(1)));
    content.put("asOf", Digests.time(at));
    content.put("openCount", Digests.plural(openRows.size(), "open operation", "open operations"));
    content.put("overdueCount", Digests.plural(overdueRows.size(), "overdue task", "overdue tasks"));
    content.put("resultCount", Digests.plural(results, "result", "results"));
    content.put("resultOperationCount", Digests.plural(resultRows.size(), "operation", "operations"));
    content.put("withoutResultsCount", Digests.plural(silentRows.size(), "operation", "operations"));
    listed(content, "open", openRows, listed);
    listed(content, "overdue", overdueRows, listed);
    listed(content, "reported", resultRows, listed);
    listed(content, "withoutResults", silentRows, listed);
    content.put("anyRed", carried.contains(Tlp.RED));
    content.put("boardUrl", recorder.publicUrl() + "/");
    return new Weekly(from, to.minusDays(1), tlp, openRows.size(), overdueRows.size(), results, resultRows.size(), silentRows.size(), content);
  }

  private Map<Long, Operation> byId(List<Long> ids) {
    Map<Long, Operation> byId = new LinkedHashMap<>();
    operations.byIds(ids).forEach(o -> byId.put(o.getId(), o));
    return byId;
  }

  private static boolean isRed(Operation o) {
    return o.getTlp() == Tlp.RED;
  }

  /** A line about an operation: its reference and page; below TLP:RED its title and TLP too. */
  private Map<String, Object> operation(Operation o, List<Tlp> carried) {
    Map<String, Object> row = new LinkedHashMap<>();
    carried.add(o.getTlp());
    row.put("reference", o.getReference());
    row.put("url", recorder.operationUrl(o));
    row.put("red", isRed(o));
    row.put("tlp", o.getTlp().label());
    if (!isRed(o)) {
      row.put("title", o.getTitle());
    }
    return row;
  }
}
