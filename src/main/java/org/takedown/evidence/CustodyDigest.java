package org.takedown.evidence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.system.OncePerCluster;

/**
 * Every day (takedown.custody.digest-cron), mails the coordinators the chain heads published the day before, read
 * from the head log: a copy of the anchors in every coordinator's mailbox, where no database writer reaches. One node
 * of a cluster sends it, once per day (the day is the claimed slot).
 */
@Component
public class CustodyDigest {

  static final String JOB = "custodyDigest";
  private static final Logger log = LoggerFactory.getLogger(CustodyDigest.class);

  private final PublishedHeads published;
  private final CustodyKey key;
  private final HistoryService history;
  private final ApplicationEventPublisher events;
  private final OncePerCluster once;
  private final Clock clock;

  CustodyDigest(PublishedHeads published, CustodyKey key, HistoryService history, ApplicationEventPublisher events,
      OncePerCluster once, Clock clock) {
    this.published = published;
    this.key = key;
    this.history = history;
    this.events = events;
    this.once = once;
    this.clock = clock;
  }

  @Scheduled(cron = "${takedown.custody.digest-cron:0 0 6 * * *}", zone = "UTC")
  public void daily() {
    run(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1));
  }

  /** Mails the digest of that day unless it was already mailed (by this node or another); the operations it covered. */
  public List<String> run(LocalDate day) {
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    if (!once.claim(JOB, from)) {
      log.info("Custody digest of {}: already sent (or being sent by another node)", day);
      return List.of();
    }
    Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<String, List<CustodyHead>> byOperation = published.read(head -> !head.at().isBefore(from) && head.at().isBefore(to)).stream()
        .collect(Collectors.groupingBy(CustodyHead::operation, TreeMap::new, Collectors.toList()));
    byOperation.forEach((reference, heads) -> {
      try {
        events.publishEvent(new CustodyDigestDue(reference, processInstanceId(reference), day, key.id(), heads));
      } catch (RuntimeException e) {
        log.error("{}: the custody digest of {} could not be recorded", reference, day, e);
      }
    });
    log.info("Custody digest of {}: {} head(s) of {} operation(s) from {}", day, byOperation.values().stream().mapToInt(List::size).sum(),
        byOperation.size(), published.file());
    return List.copyOf(byOperation.keySet());
  }

  /** A notice belongs to the operation's process instance, also after it ended. */
  private String processInstanceId(String reference) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(CustodyIncidents.MAIN_PROCESS).orderByProcessInstanceStartTime().asc().list().stream()
        .findFirst().map(HistoricProcessInstance::getId).orElse("none");
  }
}
