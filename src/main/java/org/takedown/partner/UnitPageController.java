package org.takedown.partner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.takedown.assignment.CountryAssignment;
import org.takedown.briefing.RequestDrafts;
import org.takedown.assignment.NationalAssignmentProcess;
import org.takedown.evidence.EvidenceHandoverProcess;
import org.takedown.operation.Operation;
import org.takedown.provider.PreservationFollowUp;
import org.takedown.provider.ProviderAnswer;
import org.takedown.provider.ProviderRequest;
import org.takedown.provider.ProviderRequestKind;
import org.takedown.provider.ProviderRequests;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Concurrency;
import org.takedown.system.ConflictException;
import org.takedown.system.CountryCodes;
import org.takedown.system.InvalidInputException;
import org.takedown.system.Language;
import org.takedown.system.NotFoundException;
import org.takedown.system.PartnerLocale;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Tlp;
import org.takedown.tip.OperationIndicators;

/**
 * A national unit's page for one operation and country ({@link UnitPages}), in the unit's language: where its country
 * stands, its next step with the deadline, every step with what it is for, and the forms that record what it sent to
 * providers and what they answered. GET only shows (mail scanners open links) and issues fresh single-use action links
 * for the open task; every POST is a recording, on the audit trail like every emailed link's. At TLP:RED it shows the
 * reference and the next step only.
 */
@Controller
@RequestMapping("/partner/units/{token}")
class UnitPageController {

  private static final Logger log = LoggerFactory.getLogger(UnitPageController.class);

  private final UnitPages pages;
  private final ActionLinks actions;
  private final DownloadLinks downloads;
  private final DownloadLinkRepository downloadLinks;
  private final ProviderRequests requests;
  private final RequestDrafts drafts;
  private final OperationIndicators indicators;
  private final PartnerMessages messages;
  private final TaskService tasks;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final TransactionTemplate transactions;
  private final Clock clock;

  UnitPageController(UnitPages pages, ActionLinks actions, DownloadLinks downloads, DownloadLinkRepository downloadLinks, ProviderRequests requests,
      RequestDrafts drafts, OperationIndicators indicators, PartnerMessages messages, TaskService tasks, HistoryService history, RuntimeService runtime,
      PlatformTransactionManager transactionManager, Clock clock) {
    this.pages = pages;
    this.actions = actions;
    this.downloads = downloads;
    this.downloadLinks = downloadLinks;
    this.requests = requests;
    this.drafts = drafts;
    this.indicators = indicators;
    this.messages = messages;
    this.tasks = tasks;
    this.history = history;
    this.runtime = runtime;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  @GetMapping
  String show(@PathVariable String token, @RequestParam(required = false) String recorded, HttpServletRequest request, Model model,
      HttpServletResponse response) {
    try {
      return transactions.execute(status -> {
        UnitPages.Opened opened = pages.open(token);
        Language language = opened.assignment().getUnitLanguage();
        PartnerLocale.use(request, language);
        pages.viewed(opened.page());
        describe(opened, language, model);
        model.addAttribute("token", token);
        model.addAttribute("recorded", recorded != null);
        return "partner/unit";
      });
    } catch (UnitPages.Problem problem) {
      return problem(problem, request, model, response);
    } catch (RuntimeException e) {
      log.error("The unit page {}… could not be shown", token.substring(0, Math.min(8, token.length())), e);
      return failed(request, model, response);
    }
  }

  /** A fresh single-use download link to the package, the one of the mail replaced; once one was opened, the page says when. */
  @PostMapping("/evidence")
  String evidence(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    try {
      return transactions.execute(status -> {
        UnitPages.Opened opened = pages.open(token);
        Language language = opened.assignment().getUnitLanguage();
        PartnerLocale.use(request, language);
        CountryAssignment assignment = opened.assignment();
        Disclosure unit = OperationAccess.forUnit(opened.page().getOperation(), assignment.getCountry());
        if (unit.readerTlp() == Tlp.RED) {
          return refused(400, "unit.error.red", language, token, model, response);
        }
        ProcessInstance handover = handover(opened);
        if (handover == null || assignment.getEvidenceItems().isEmpty()) {
          return refused(409, "unit.error.noEvidence", language, token, model, response);
        }
        // As a reminder does: a fresh link while the package's newest link is unopened; once opened, whoever opened it
        // holds the package, and a new one is the coordinators' to send.
        boolean packageOpened = downloadLinks.findFirstByOperationIdAndCountryOrderByCreatedAtDescIdDesc(opened.page().getOperation().getId(),
            assignment.getCountry()).map(l -> l.getUsedAt() != null).orElse(false);
        if (packageOpened) {
          return refused(409, "unit.error.evidenceOpened", language, token, model, response);
        }
        DownloadLinks.Issued link = downloads.issue(opened.page().getOperation(), handover.getId(), assignment.getCountry(),
            assignment.getNationalUnit(), assignment.getUnitEmail(), unit.readerTlp(), assignment.getEvidenceItems());
        return "redirect:" + link.url().substring(link.url().indexOf(DownloadLinks.PATH));
      });
    } catch (UnitPages.Problem problem) {
      return problem(problem, request, model, response);
    } catch (RuntimeException e) {
      log.error("The unit page {}… could not issue a download link", token.substring(0, Math.min(8, token.length())), e);
      return failed(request, model, response);
    }
  }

  /** One drafted request, as an editable Word document in the unit's language. GET: a download changes nothing. */
  @GetMapping("/requests/{id}/draft")
  String draft(@PathVariable String token, @PathVariable String id, HttpServletRequest request, Model model, HttpServletResponse response) {
    return serve(token, request, model, response, opened -> drafts.draft(own(opened, id).getId()));
  }

  /** Every request drafted for the country, as a .zip. */
  @GetMapping("/requests/drafts.zip")
  String allDrafts(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    return serve(token, request, model, response, opened -> {
      if (requests.forCountry(opened.reference(), opened.assignment().getCountry()).isEmpty()) {
        throw new Refusal(404, "unit.requests.none");
      }
      return drafts.all(opened.reference(), opened.assignment().getCountry());
    });
  }

  /** Writes a draft as an attachment (the request is then handled: null), or the plain page saying why not. */
  private String serve(String token, HttpServletRequest request, Model model, HttpServletResponse response,
      java.util.function.Function<UnitPages.Opened, RequestDrafts.Draft> which) {
    try {
      RequestDrafts.Draft draft = transactions.execute(status -> {
        UnitPages.Opened opened = pages.open(token);
        PartnerLocale.use(request, opened.assignment().getUnitLanguage());
        if (OperationAccess.forUnit(opened.page().getOperation(), opened.assignment().getCountry()).readerTlp() == Tlp.RED) {
          throw new Refusal(400, "unit.error.red"); // no content at TLP:RED
        }
        return which.apply(opened);
      });
      response.setContentType(draft.contentType());
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment().filename(draft.fileName(), StandardCharsets.UTF_8).build().toString());
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      response.setContentLength(draft.content().length);
      response.getOutputStream().write(draft.content());
      return null;
    } catch (UnitPages.Problem problem) {
      return problem(problem, request, model, response);
    } catch (Refusal refusal) {
      String page = refused(refusal.status, refusal.key, PartnerLocale.of(request), token, model, response, refusal.args);
      model.addAttribute("title", messages.text(PartnerLocale.of(request), "unit.error.download"));
      return page;
    } catch (java.io.IOException | RuntimeException e) {
      log.error("A draft could not be served through the unit page {}…", token.substring(0, Math.min(8, token.length())), e);
      return failed(request, model, response);
    }
  }

  @PostMapping("/requests/{id}/sent")
  String sent(@PathVariable String token, @PathVariable String id, @RequestParam(required = false) String on, HttpServletRequest request,
      Model model, HttpServletResponse response) {
    return record(token, id, request, model, response, (opened, providerRequest, language, by) -> {
      Instant day = day(on, providerRequest.getDraftedAt(), language);
      requests.recordSent(opened.reference(), opened.assignment().getCountry(), providerRequest.getId(), day, by);
    });
  }

  @PostMapping("/requests/{id}/answer")
  String answer(@PathVariable String token, @PathVariable String id, @RequestParam(required = false) String answer,
      @RequestParam(required = false) String on, @RequestParam(required = false) String note, HttpServletRequest request, Model model,
      HttpServletResponse response) {
    return record(token, id, request, model, response, (opened, providerRequest, language, by) -> {
      ProviderAnswer given = choice(ProviderAnswer.class, answer, "unit.error.answer");
      if (providerRequest.getSentAt() == null) {
        throw new Refusal(409, "unit.error.notSent");
      }
      String text = note == null || note.isBlank() ? null : note.strip();
      if (text != null && text.length() > 2000) {
        throw new Refusal(400, "unit.error.note");
      }
      Instant day = day(on, providerRequest.getSentAt(), language);
      requests.recordAnswer(opened.reference(), opened.assignment().getCountry(), providerRequest.getId(), given, day, by, text);
    });
  }

  @PostMapping("/requests/{id}/follow-up")
  String followUp(@PathVariable String token, @PathVariable String id, @RequestParam(required = false) String followUp,
      @RequestParam(required = false) String on, HttpServletRequest request, Model model, HttpServletResponse response) {
    return record(token, id, request, model, response, (opened, providerRequest, language, by) -> {
      PreservationFollowUp given = choice(PreservationFollowUp.class, followUp, "unit.error.followUp");
      if (given == PreservationFollowUp.LAPSED) {
        throw new Refusal(400, "unit.error.followUp"); // the clock says when a preservation lapsed, not the unit
      }
      if (!providerRequest.preservationRunning()) {
        throw new Refusal(409, "unit.error.notRunning");
      }
      Instant day = day(on, providerRequest.getSentAt(), language);
      requests.recordFollowUp(opened.reference(), opened.assignment().getCountry(), providerRequest.getId(), given, day, by);
    });
  }

  /** One recording on one of the country's requests, in a transaction of its own: refused as a whole, or stored. */
  private String record(String token, String id, HttpServletRequest request, Model model, HttpServletResponse response, Recording recording) {
    try {
      return transactions.execute(status -> {
        UnitPages.Opened opened = pages.open(token);
        Language language = opened.assignment().getUnitLanguage();
        PartnerLocale.use(request, language);
        try {
          if (OperationAccess.forUnit(opened.page().getOperation(), opened.assignment().getCountry()).readerTlp() == Tlp.RED) {
            throw new Refusal(400, "unit.error.red");
          }
          ProviderRequest providerRequest = own(opened, id);
          recording.record(opened, providerRequest, language, by(opened));
          return "redirect:/partner/units/" + token + "?recorded#request-" + providerRequest.getId();
        } catch (Refusal refusal) {
          status.setRollbackOnly();
          return refused(refusal.status, refusal.key, language, token, model, response, refusal.args);
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
          // Checked here before, so only a change made meanwhile (another press, the clock) gets this far.
          status.setRollbackOnly();
          log.info("A unit's recording on {} was refused: {}", opened.reference(), e.getMessage());
          return refused(409, "unit.error.conflict", language, token, model, response);
        }
      });
    } catch (UnitPages.Problem problem) {
      return problem(problem, request, model, response);
    } catch (RuntimeException e) {
      if (Concurrency.isCollision(e)) {
        return refused(503, "unit.error.busy", PartnerLocale.of(request), token, model, response);
      }
      log.error("A recording through the unit page {}… failed", token.substring(0, Math.min(8, token.length())), e);
      return failed(request, model, response);
    }
  }

  @FunctionalInterface
  private interface Recording {
    void record(UnitPages.Opened opened, ProviderRequest request, Language language, String by);
  }

  /** Input the page refuses, with the key of its words for the unit. */
  static final class Refusal extends RuntimeException {
    final int status;
    final String key;
    final transient Object[] args;

    Refusal(int status, String key, Object... args) {
      super(key);
      this.status = status;
      this.key = key;
      this.args = args;
    }
  }

  /** One of this country's requests in this operation; any other id is refused as not the unit's. */
  private ProviderRequest own(UnitPages.Opened opened, String id) {
    long requestId;
    try {
      requestId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new Refusal(404, "unit.error.request");
    }
    return requests.forCountry(opened.reference(), opened.assignment().getCountry()).stream().filter(r -> r.getId() == requestId).findFirst()
        .orElseThrow(() -> new Refusal(404, "unit.error.request"));
  }

  /** The day typed (yyyy-mm-dd, as a date field sends it), at its start in UTC: not in the future, not before the step it follows. */
  private Instant day(String typed, Instant notBefore, Language language) {
    if (typed == null || typed.isBlank()) {
      throw new Refusal(400, "unit.error.date.missing");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(typed.strip());
    } catch (DateTimeParseException e) {
      throw new Refusal(400, "unit.error.date.missing");
    }
    Instant day = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    if (date.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
      throw new Refusal(400, "unit.error.date.future", language.date(day));
    }
    if (notBefore != null && day.isBefore(notBefore.truncatedTo(ChronoUnit.DAYS))) {
      throw new Refusal(400, "unit.error.date.before", language.date(day), language.date(notBefore));
    }
    return day;
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String given, String key) {
    try {
      return Enum.valueOf(type, given == null ? "" : given.strip());
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, key);
    }
  }

  /** Who recorded it, as the steps' log keeps it: the unit, through the page mailed to its address. */
  private static String by(UnitPages.Opened opened) {
    String unit = opened.assignment().getNationalUnit();
    String by = (unit == null ? "National unit" : unit) + " <" + opened.page().getRecipient() + "> (unit page)";
    return by.length() > 254 ? by.substring(0, 254) : by;
  }

  /** The page's model: the country's situation, its plan, and what the unit may read of the operation. */
  private void describe(UnitPages.Opened opened, Language language, Model model) {
    CountryAssignment assignment = opened.assignment();
    Operation operation = opened.page().getOperation();
    String reference = operation.getReference();
    String country = assignment.getCountry();
    Disclosure unit = OperationAccess.forUnit(operation, country);
    boolean red = unit.readerTlp() == Tlp.RED;

    Map<String, Task> open = new LinkedHashMap<>();
    tasks.createTaskQuery().processInstanceBusinessKey(reference).processVariableValueEquals(COUNTRY, country)
        .taskDefinitionKeyIn(NationalAssignmentProcess.TASK_RESPOND_TO_ASSIGNMENT, EvidenceHandoverProcess.TASK_CONFIRM_RECEIPT,
            EvidenceHandoverProcess.TASK_REPORT_RESULTS).list()
        .forEach(task -> open.putIfAbsent(task.getTaskDefinitionKey(), task));
    Task answerTask = open.get(NationalAssignmentProcess.TASK_RESPOND_TO_ASSIGNMENT);
    Task receiptTask = open.get(EvidenceHandoverProcess.TASK_CONFIRM_RECEIPT);
    Task resultsTask = open.get(EvidenceHandoverProcess.TASK_REPORT_RESULTS);
    boolean resultsDone = resultsTask == null && history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey(EvidenceHandoverProcess.TASK_REPORT_RESULTS).processVariableValueEquals(COUNTRY, country).finished().count() > 0;
    boolean evidenceOpened = downloadLinks.findFirstByOperationIdAndCountryOrderByCreatedAtDescIdDesc(operation.getId(), country)
        .map(l -> l.getUsedAt() != null).orElse(false);
    List<ProviderRequest> own = requests.forCountry(reference, country);

    UnitSteps.Plan plan = UnitSteps.plan(new UnitSteps.Situation(assignment.getStatus(), answerTask != null, due(answerTask),
        assignment.getHandoverStatus(), evidenceOpened, receiptTask != null, due(receiptTask),
        own.stream().map(r -> new UnitSteps.Request(r.getKind(), r.getSentAt() != null, r.getAnswer(), r.getPreservedUntil(), r.getFollowUp()))
            .toList(),
        resultsTask != null, due(resultsTask), resultsDone, operation.getStage().isFinal()));

    model.addAttribute("lang", language.code());
    model.addAttribute("dir", language.dir());
    model.addAttribute("reference", reference);
    model.addAttribute("tlp", unit.readerTlp().label());
    model.addAttribute("red", red);
    model.addAttribute("countryName", CountryCodes.name(country, language));
    model.addAttribute("operationHtml", html(language, "unit.page.operation", reference, new Words(CountryCodes.name(country, language))));
    model.addAttribute("next", plan.next() == null ? null : line(plan.next(), language));
    model.addAttribute("ending", plan.ending().name());
    model.addAttribute("waitingFor", plan.waitingFor() == null ? null : plan.waitingFor().step().name());
    if (red) {
      return; // the reference and the next step only: nothing of the operation, no links
    }
    model.addAttribute("nationalUnit", assignment.getNationalUnit());
    model.addAttribute("title", operation.getTitle());
    model.addAttribute("vendor", unit.namesVendor() ? unit.vendorLabel() : null);
    OperationIndicators.Counts counts = indicators.counts(reference, unit);
    model.addAttribute("indicatorsHtml", counts.seen() > 0
        ? html(language, "unit.page.indicators", number(counts.seen(), language), number(counts.total(), language))
        : html(language, "unit.page.noIndicators", number(counts.total(), language)));

    List<Map<String, Object>> steps = new ArrayList<>();
    for (UnitSteps.Line line : plan.lines()) {
      Map<String, Object> step = line(line, language);
      if (line.state() == UnitSteps.State.NOW) {
        switch (line.step()) {
          case ANSWER -> step.put("buttons", answerTask == null ? List.of()
              : buttons(operation, answerTask, assignment, PartnerAction.ACCEPT, PartnerAction.DECLINE));
          case CONFIRM -> step.put("buttons", receiptTask == null ? List.of()
              : buttons(operation, receiptTask, assignment, PartnerAction.CONFIRM_RECEIPT, PartnerAction.REPORT_NOT_RECEIVED));
          case RESULTS -> step.put("buttons", resultsTask == null ? List.of() : buttons(operation, resultsTask, assignment, PartnerAction.REPORT_RESULTS));
          case DOWNLOAD -> step.put("evidenceForm", true);
          default -> { }
        }
      }
      steps.add(step);
    }
    model.addAttribute("steps", steps);
    model.addAttribute("requests", own.stream().map(r -> request(r, language)).toList());
    model.addAttribute("answers", List.of(ProviderAnswer.values()).stream().map(Enum::name).toList());
    model.addAttribute("followUps", List.of(PreservationFollowUp.RENEWED.name(), PreservationFollowUp.MUTUAL_ASSISTANCE.name()));
    model.addAttribute("drafts", true);
    model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
  }

  private static final String COUNTRY = "country";

  /** Words (a country's name) inside a text: set in the text's direction, unlike data. */
  private record Words(String text) {}

  /**
   * A text of the bundle as HTML, escaped, its arguments escaped too; data (a reference, a number) kept left to right in
   * {@code <bdi dir="ltr">}, so it reads the same inside Arabic; {@link Words} in a plain {@code <bdi>}.
   */
  private String html(Language language, String key, Object... args) {
    Object[] markers = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      markers[i] = "\u0001" + i + "\u0002";
    }
    String text = HtmlUtils.htmlEscape(messages.text(language, key, markers), "UTF-8");
    for (int i = 0; i < args.length; i++) {
      String replacement = args[i] instanceof Words words ? "<bdi>" + HtmlUtils.htmlEscape(words.text(), "UTF-8") + "</bdi>"
          : "<bdi dir=\"ltr\">" + HtmlUtils.htmlEscape(String.valueOf(args[i]), "UTF-8") + "</bdi>";
      text = text.replace("\u0001" + i + "\u0002", replacement);
    }
    return text;
  }

  private Map<String, Object> line(UnitSteps.Line line, Language language) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("step", line.step().name());
    view.put("state", line.state().name());
    view.put("due", line.due() == null ? null : language.dateTime(line.due()));
    view.put("overdue", line.due() != null && line.due().isBefore(clock.instant()) && line.state() == UnitSteps.State.NOW);
    view.put("buttons", List.of());
    view.put("evidenceForm", false);
    return view;
  }

  /** Fresh single-use links for the open task, as a mail's buttons: the page works many times, each link once. */
  private List<Map<String, String>> buttons(Operation operation, Task task, CountryAssignment assignment, PartnerAction... wanted) {
    List<Map<String, String>> buttons = new ArrayList<>();
    for (PartnerAction action : wanted) {
      String url = actions.issue(operation, task.getProcessInstanceId(), action, assignment.getUnitEmail());
      buttons.add(Map.of("action", action.name(), "url", url.substring(url.indexOf("/partner/")), "kind", action.secondary() ? "secondary" : "primary"));
    }
    return buttons;
  }

  private Map<String, Object> request(ProviderRequest r, Language language) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", r.getId());
    view.put("kind", r.getKind().name());
    view.put("preservation", r.getKind() == ProviderRequestKind.PRESERVATION);
    view.put("provider", r.providerName(language, messages));
    view.put("providerKey", r.autonomousSystem());
    view.put("indicators", number(r.getIndicators(), language));
    view.put("drafted", language.date(r.getDraftedAt()));
    view.put("sent", r.getSentAt() == null ? null : language.date(r.getSentAt()));
    view.put("answer", r.getAnswer() == null ? null : r.getAnswer().name());
    view.put("answered", r.getAnsweredAt() == null ? null : language.date(r.getAnsweredAt()));
    view.put("preservedUntil", r.getPreservedUntil() == null ? null : language.date(r.getPreservedUntil()));
    view.put("followUp", r.getFollowUp() == null ? null : r.getFollowUp().name());
    view.put("followUpOn", r.getFollowUpAt() == null ? null : language.date(r.getFollowUpAt()));
    view.put("running", r.preservationRunning());
    view.put("minDate", (r.getSentAt() == null ? r.getDraftedAt() : r.getSentAt()).atZone(ZoneOffset.UTC).toLocalDate().toString());
    return view;
  }

  /** A count as the language groups it, in Latin digits (Arabic pages keep numbers left to right, as the mails do). */
  static String number(long n, Language language) {
    Locale locale = language.rightToLeft() || language.equals(Language.ENGLISH) ? Locale.ENGLISH : language.locale();
    return String.format(locale, "%,d", n);
  }

  private static java.time.Instant due(Task task) {
    return task == null || task.getDueDate() == null ? null : task.getDueDate().toInstant();
  }

  private ProcessInstance handover(UnitPages.Opened opened) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(opened.reference())
        .processDefinitionKey(EvidenceHandoverProcess.KEY).variableValueEquals(COUNTRY, opened.assignment().getCountry()).list().stream()
        .findFirst().orElse(null);
  }

  private String refused(int status, String key, Language language, String token, Model model, HttpServletResponse response, Object... args) {
    response.setStatus(status);
    model.addAttribute("lang", language.code());
    model.addAttribute("dir", language.dir());
    model.addAttribute("title", messages.text(language, "unit.error.title"));
    model.addAttribute("message", messages.text(language, key, args));
    model.addAttribute("back", "/partner/units/" + token);
    return "partner/unit-problem";
  }

  private String problem(UnitPages.Problem problem, HttpServletRequest request, Model model, HttpServletResponse response) {
    Language language = problem.language();
    PartnerLocale.use(request, language);
    response.setStatus(problem.status());
    model.addAttribute("lang", language.code());
    model.addAttribute("dir", language.dir());
    model.addAttribute("title", messages.text(language, "unit.problem." + problem.key() + ".title"));
    // The reference inside a right-to-left text stays left to right (isolated: plain text, no markup in a problem).
    Object[] args = java.util.Arrays.stream(problem.args()).map(a -> language.rightToLeft() ? "\u2066" + a + "\u2069" : a).toArray();
    model.addAttribute("message", messages.text(language, "unit.problem." + problem.key() + ".text", args));
    return "partner/unit-problem";
  }

  private String failed(HttpServletRequest request, Model model, HttpServletResponse response) {
    Language language = PartnerLocale.of(request);
    response.setStatus(503);
    model.addAttribute("lang", language.code());
    model.addAttribute("dir", language.dir());
    model.addAttribute("title", messages.text(language, "unit.problem.failed.title"));
    model.addAttribute("message", messages.text(language, "unit.problem.failed.text"));
    return "partner/unit-problem";
  }
}
