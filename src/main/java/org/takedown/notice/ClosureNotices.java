package org.takedown.notice;

import java.util.LinkedHashSet;
import java.util.Set;
import org.takedown.tip.Contributions;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.operation.OperationWithdrawn;
import org.takedown.outcome.OperationClosed;
import org.takedown.partner.UnitPages;
import org.takedown.result.ResultFigures;
import org.takedown.security.OperationAccess;
import org.takedown.system.Language;
import org.takedown.tip.WithdrawalRecorded;

/** The end of an operation: the closure to everyone concerned, or the withdrawal and its recall. */
@Component
class ClosureNotices {

  private final OperationService operations;
  private final Recipients recipients;
  private final ActionButtons buttons;
  private final NoticeRepository notices;
  private final NoticeRecorder recorder;
  private final Clock clock;
  private final ResultFigures figures;
  private final MailWords words;

  private final UnitPages unitPages;
  private final Contributions contributions;

  ClosureNotices(OperationService operations, Recipients recipients, ActionButtons buttons, NoticeRepository notices,
      NoticeRecorder recorder, Clock clock, ResultFigures figures, MailWords words, UnitPages unitPages, Contributions contributions) {
    this.contributions = contributions;
    this.unitPages = unitPages;
    this.figures = figures;
    this.words = words;
    this.operations = operations;
    this.recipients = recipients;
    this.buttons = buttons;
    this.notices = notices;
    this.recorder = recorder;
    this.clock = clock;
  }

  /**
   * Each reads what is theirs: the coordinators every country with its unit and result; the vendor the
   * outcome summary, which the outcome form says is written for the vendor, and no unit or country result;
   * each accepting unit its own country's result only.
   */
  @EventListener
  @Transactional
  public void closure(OperationClosed event) {
    Operation operation = operations.get(event.reference());
    List<CountryAssignment> accepting = recipients.acceptingUnits(operation.getReference());

    Map<String, Object> forCoordinators = NoticeRecorder.content(operation);
    forCoordinators.put("outcomeSummary", operation.getOutcomeSummary());
    // The results' headline as each reader may see it: the coordinators every country's, a unit its own country's.
    forCoordinators.put("headline", accepting.isEmpty() ? null : headline(operation, OperationAccess.forCentre(operation), Language.ENGLISH));
    forCoordinators.put("results", accepting.stream().map(a -> result(a, a.getNationalUnit(), Language.ENGLISH)).toList());
    recorder.toCoordinators(event.processInstanceId(), operation, NoticeKind.CLOSURE, forCoordinators);

    // Each contributing vendor organisation reads how its own indicators fared; an indicator two reported counts for both.
    Map<String, ResultFigures.Rate> perVendor = figures.perContributingOrganisation(operation.getReference());
    Map<String, Object> forVendor = NoticeRecorder.content(operation);
    forVendor.put("outcomeSummary", operation.getOutcomeSummary());
    forVendor.put("results", List.of());
    forVendor.put("headline", ownHeadline(perVendor.get(operation.getVendor())));
    recorder.toVendor(event.processInstanceId(), operation, NoticeKind.CLOSURE, forVendor);
    Set<String> coReporters = new LinkedHashSet<>();
    contributions.of(operation.getReference()).stream().map(Contributions.Contributor::organisation)
        .filter(org -> !org.equals(operation.getVendor())).forEach(coReporters::add);
    for (String organisation : coReporters) {
      // A co-reporter: the title, the outcome and its own figures, not the opening vendor's words or name.
      Map<String, Object> forCoReporter = NoticeRecorder.content(operation);
      forCoReporter.put("summary", null);
      forCoReporter.put("vendor", null);
      forCoReporter.put("outcomeSummary", operation.getOutcomeSummary());
      forCoReporter.put("results", List.of());
      forCoReporter.put("headline", ownHeadline(perVendor.get(organisation)));
      recorder.toOrganisation(event.processInstanceId(), operation, organisation, NoticeKind.CLOSURE, forCoReporter);
    }

    for (CountryAssignment assignment : accepting) {
      Map<String, Object> forUnit = recorder.forUnit(operation, assignment);
      forUnit.put("outcomeSummary", null);
      Language language = assignment.getUnitLanguage();
      forUnit.put("results", List.of(result(assignment, null, language)));
      forUnit.put("ownCountry", true);
      forUnit.put("unitPage", unitPages.url(assignment));
      forUnit.put("headline", headline(operation, OperationAccess.forUnit(operation, assignment.getCountry()), language));
      recorder.record(event.processInstanceId(), operation, NoticeKind.CLOSURE, assignment.getUnitEmail(),
          TlpPolicy.forUnits(event.releaseTlp(), operation), forUnit, null);
    }
  }

  /** "38 of your 50 indicators taken down (40 reported on)"; null where none of its indicators was routed to a unit. */
  static String ownHeadline(ResultFigures.Rate own) {
    if (own == null || own.routed() == 0) {
      return null;
    }
    return String.format(Locale.ENGLISH, "%,d of your %,d indicator%s taken down (%,d reported on)", own.positive(), own.routed(),
        own.routed() == 1 ? "" : "s", own.reported());
  }

  /** Null where no indicator was routed to the reader's countries (an operation closed without action). */
  private String headline(Operation operation, org.takedown.security.Disclosure reader, Language language) {
    ResultFigures.Figures f = figures.operation(operation.getReference(), reader);
    return f.any() ? words.headline(language, f) : null;
  }

  /** One line of the results; the unit is named to the coordinators only. */
  private static Map<String, Object> result(CountryAssignment assignment, String nationalUnit, Language language) {
    Map<String, Object> result = new HashMap<>();
    result.put("countryName", MailWords.countryInList(language, assignment.getCountry())); // a list, not a sentence
    result.put("nationalUnit", nationalUnit);
    result.put("outcome", assignment.getOutcome());
    return result;
  }

  /** A recall to every address that received anything about the operation. */
  @EventListener
  @Transactional
  public void recall(WithdrawalRecorded event) {
    Operation operation = operations.get(event.reference());
    // The same words to the vendor, the coordinators and the units: the title and the vendor's reason, nothing else.
    Map<String, Object> content = new HashMap<>();
    content.put("title", operation.getTitle());
    content.put("reason", event.reason());
    // A unit reads it in its language (its address in the directory of the operation's countries); everyone else in English.
    Map<String, Language> units = new HashMap<>();
    recipients.assignments(operation.getReference()).forEach(a -> {
      if (a.getUnitEmail() != null) {
        units.putIfAbsent(a.getUnitEmail().toLowerCase(Locale.ROOT), a.getUnitLanguage());
      }
    });
    for (String recipient : notices.sentRecipients(operation.getReference(), NoticeKind.RECALL)) {
      Map<String, Object> forRecipient = new HashMap<>(content);
      forRecipient.put(NoticeRenderer.LANGUAGE, units.getOrDefault(recipient.toLowerCase(Locale.ROOT), Language.ENGLISH).code());
      recorder.record(event.processInstanceId(), operation, NoticeKind.RECALL, recipient, operation.getTlp(), forRecipient, null);
    }
  }

  /**
   * The tip was withdrawn: what was not sent yet never goes out (the recall follows), and no emailed
   * link works any more.
   */
  @EventListener
  @Transactional
  public void withdrawn(OperationWithdrawn event) {
    notices.cancelPending(event.reference(), clock.instant());
    buttons.revokeAll(event.reference());
  }
}
