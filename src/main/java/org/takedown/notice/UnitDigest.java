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
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.partner.UnitPages;
import org.takedown.result.ResultFigures;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Language;
import org.takedown.system.OncePerCluster;
import org.takedown.system.Tlp;

/**
 * A national unit's daily digest (takedown.digests.units.cron), for the units that asked for it ({@code digest: daily}
 * in config/national-units.yml): its open tasks with their due dates, and per operation it accepted how many of its
 * indicators still await a result. Need to know: it is composed through the unit's {@link Disclosure} of each
 * operation (its country only, the vendor named only with attribution, at the release TLP; a TLP:RED operation by
 * its reference only). A unit with nothing waiting gets no mail. One node sends it, once per day and unit.
 */
@Component
class UnitDigest {

  static final String JOB = "unitDigest";
  private static final Logger log = LoggerFactory.getLogger(UnitDigest.class);

  private final DigestQueries queries;
  private final OperationService operations;
  private final ResultFigures figures;
  private final NationalUnitDirectory directory;
  private final NoticeRecorder recorder;
  private final NoticeDelivery delivery;
  private final OncePerCluster once;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final MailWords words;
  private final Recipients recipients;
  private final UnitPages unitPages;

  UnitDigest(DigestQueries queries, OperationService operations, ResultFigures figures, NationalUnitDirectory directory,
      NoticeRecorder recorder, NoticeDelivery delivery, OncePerCluster once, PlatformTransactionManager transactions, Clock clock,
      Recipients recipients, UnitPages unitPages, MailWords words) {
    this.words = words;
    this.recipients = recipients;
    this.unitPages = unitPages;
    this.queries = queries;
    this.operations = operations;
    this.figures = figures;
    this.directory = directory;
    this.recorder = recorder;
    this.delivery = delivery;
    this.once = once;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** A unit's digest of one day: what the mail says, and its counts (of what it may carry); {@code empty} when nothing waits. */
  record Daily(String country, LocalDate day, Tlp tlp, long tasks, long awaiting, long operationsAwaiting, Map<String, Object> content) {

    boolean empty() {
      return tasks == 0 && operationsAwaiting == 0;
    }
  }

  @Scheduled(cron = "${takedown.digests.units.cron:0 0 6 * * *}", zone = "UTC")
  public void daily() {
    run(clock.instant());
  }

  /** Records and sends the day's digest to each unit that asked for one and has something waiting, unless sent already; the notices sent. */
  List<Long> run(Instant at) {
    delivery.deliverPendingDigests(NoticeKind.UNIT_DIGEST);
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    if (!once.claim(JOB, day.atStartOfDay(ZoneOffset.UTC).toInstant())) {
      log.info("Units' digests of {}: already run (by this node or another)", day);
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    for (NationalUnitDirectory.Entry unit : directory.dailyDigests()) {
      try {
        Long id = transaction.execute(status -> {
          Daily daily = compose(unit.country(), at);
          if (daily.empty()) {
            return null;
          }
          Notice notice = recorder.recordDigest("daily " + unit.country() + " " + day, NoticeKind.UNIT_DIGEST, unit.unit().email(),
              daily.tlp(), daily.content());
          return notice == null ? null : notice.getId();
        });
        if (id != null) {
          ids.add(id);
          delivery.deliver(id);
        }
      } catch (RuntimeException e) {
        log.error("The digest of {} to the unit of {} could not be recorded or sent; a recorded one stays pending", day, unit.country(), e);
      }
    }
    log.info("Units' digests of {}: {} sent of {} unit(s) that asked for one", day, ids.size(), directory.dailyDigests().size());
    return ids;
  }

  /** What waits for a country's unit as of {@code at}, as the unit may read it. */
  Daily compose(String country, Instant at) {
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    // The unit reads its digest in the language the directory gives it (its country's default otherwise).
    Language language = directory.find(country).map(e -> e.unit().language()).orElse(Language.ENGLISH);
    boolean english = language.equals(Language.ENGLISH);
    List<Tlp> carried = new ArrayList<>();
    List<DigestQueries.OpenTask> open = queries.unitTasks(country);
    List<Long> accepted = queries.acceptedBy(country);
    Map<String, Operation> byReference = new LinkedHashMap<>();
    operations.byIds(accepted).forEach(o -> byReference.put(o.getReference(), o));
    List<String> missing = open.stream().map(DigestQueries.OpenTask::reference).filter(r -> !byReference.containsKey(r)).distinct().toList();
    missing.forEach(reference -> byReference.put(reference, operations.get(reference)));

    List<Map<String, Object>> taskRows = new ArrayList<>();
    for (DigestQueries.OpenTask task : open) {
      Operation o = byReference.get(task.reference());
      Disclosure unit = OperationAccess.forUnit(o, country);
      if (!unit.seesTask(task.country(), task.groups())) {
        continue;
      }
      Map<String, Object> row = operation(o, country, unit, carried, language);
      if (!red(unit)) {
        row.put("task", english || task.key() == null ? task.name() : words.text(language, "mail.task." + task.key()));
        row.put("due", english ? Digests.time(task.due())
            : task.due() == null ? words.text(language, "mail.digest.noDueDate") : language.dateTime(task.due()));
        row.put("overdue", task.due() != null && task.due().isBefore(at));
      }
      taskRows.add(row);
    }

    List<Map<String, Object>> awaitingRows = new ArrayList<>();
    long awaiting = 0;
    Map<Long, Operation> acceptedOperations = byReference.values().stream().filter(o -> accepted.contains(o.getId()))
        .collect(Collectors.toMap(Operation::getId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    for (Long id : accepted) {
      Operation o = acceptedOperations.get(id);
      Disclosure unit = OperationAccess.forUnit(o, country);
      ResultFigures.Rate own = figures.operation(o.getReference(), unit).byCountry().stream().filter(r -> r.key().equals(country))
          .findFirst().orElse(null);
      long waiting = own == null ? 0 : own.routed() - own.reported();
      if (waiting == 0) {
        continue;
      }
      Map<String, Object> row = operation(o, country, unit, carried, language);
      if (!red(unit)) {
        awaiting += waiting; // a TLP:RED operation's figures stay out of the total too
        row.put("awaiting", english
            ? String.format(java.util.Locale.ENGLISH, "%,d of %s", waiting, Digests.plural(own.routed(), "indicator", "indicators"))
            : words.count(language, "mail.digest.awaitingOf", own.routed(), language.number(waiting)));
      }
      awaitingRows.add(row);
    }

    Tlp tlp = Digests.label(carried);
    Map<String, Object> content = new LinkedHashMap<>();
    content.put(NoticeRenderer.LANGUAGE, language.code());
    content.put("day", english ? Digests.day(day) : language.date(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
    content.put("asOf", english ? Digests.time(at) : language.dateTime(at));
    content.put("country", country);
    content.put("countryName", MailWords.country(language, country));
    content.put("taskCount", english ? Digests.plural(taskRows.size(), "task", "tasks") : words.count(language, "mail.digest.tasks", taskRows.size()));
    content.put("awaitingCount", english ? Digests.plural(awaiting, "indicator", "indicators")
        : words.count(language, "mail.digest.indicators", awaiting));
    content.put("tasks", taskRows);
    content.put("awaiting", awaitingRows);
    content.put("anyRed", carried.contains(Tlp.RED));
    return new Daily(country, day, tlp, taskRows.size(), awaiting, awaitingRows.size(), content);
  }

  private static boolean red(Disclosure unit) {
    return unit.readerTlp() == Tlp.RED;
  }

  /** A line about an operation as the unit reads it: its reference; below TLP:RED its title, the vendor as it may be named, the TLP. */
  private Map<String, Object> operation(Operation o, String country, Disclosure unit, List<Tlp> carried, Language language) {
    Map<String, Object> row = new LinkedHashMap<>();
    carried.add(unit.readerTlp());
    row.put("reference", o.getReference());
    row.put("red", red(unit));
    row.put("tlp", unit.readerTlp().label());
    if (!red(unit)) {
      row.put("title", o.getTitle());
      row.put("vendor", words.vendor(language, unit.vendorLabel()));
      row.put("unitPage", unitPage(o, country));
    }
    return row;
  }

  /** The unit's page for the operation, when the digest's unit is the one its country's assignment names now. */
  private String unitPage(Operation o, String country) {
    CountryAssignment assignment = recipients.unit(o.getReference(), country);
    String digestTo = directory.find(country).map(e -> e.unit().email()).orElse(null);
    return digestTo == null || !digestTo.equalsIgnoreCase(String.valueOf(assignment.getUnitEmail())) ? null
        : unitPages.url(assignment);
  }
}
