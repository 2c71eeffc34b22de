package org.takedown.partner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.Locale;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.util.HtmlUtils;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.result.ResultStatuses;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.PartnerLocale;
import org.takedown.system.PartnerMessages;

/**
 * The language of a unit's /partner pages, and the words the controllers compute for them. A page is in the language
 * of the unit its link was sent to (its country's assignment); a link that names no unit gets English. Templates read
 * {@code #{pages.…}} through {@link PartnerLocale}; Java-side words come from {@link #text}. Also a bean for the
 * templates ({@code @partnerPages}): {@link #ltr} keeps references left to right inside Arabic.
 */
@Component("partnerPages")
public class PartnerPages {

  private final PartnerMessages messages;
  private final NationalAssignmentService assignments;
  private final ResultStatuses statuses;
  private final HistoryService history;
  private final ActionLinks actionLinks;
  private final UnitPages unitPages;

  PartnerPages(PartnerMessages messages, NationalAssignmentService assignments, ResultStatuses statuses, HistoryService history,
      ActionLinks actionLinks, UnitPages unitPages) {
    this.unitPages = unitPages;
    this.actionLinks = actionLinks;
    this.history = history;
    this.messages = messages;
    this.assignments = assignments;
    this.statuses = statuses;
  }

  /** The unit's language for the operation's country; English where the country has no assignment. */
  public Language of(String reference, String country) {
    if (reference == null || country == null) {
      return Language.ENGLISH;
    }
    return assignments.list(reference).stream().filter(a -> a.getCountry().equals(country)).findFirst()
        .map(CountryAssignment::getUnitLanguage).orElse(Language.ENGLISH);
  }

  /** The unit's page for the operation's country, where its next step is; null where the country has no unit asked. */
  public String unitPage(String reference, String country) {
    if (reference == null || country == null) {
      return null;
    }
    return assignments.list(reference).stream().filter(a -> a.getCountry().equals(country) && a.getUnitEmail() != null).findFirst()
        .map(unitPages::existing).orElse(null);
  }

  /** This request's page is in the unit's language; returns it for the words the controller computes. */
  public Language use(HttpServletRequest request, String reference, String country) {
    Language language = of(reference, country);
    PartnerLocale.use(request, language);
    return language;
  }

  /**
   * The page of an action link is in the language of the unit it was sent to, its country's; a token that names no
   * link has no unit, and its page stays in English.
   */
  @Transactional(readOnly = true)
  public Language use(HttpServletRequest request, String actionToken) {
    ActionLink link = actionLinks.find(actionToken);
    return link == null ? Language.ENGLISH : use(request, link.getOperation().getReference(), country(link));
  }

  /** The country of an action link's process instance; from the history, as the instance may have ended. */
  String country(ActionLink link) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(link.getProcessInstanceId())
        .variableName(JointTakedownProcess.COUNTRY).list().stream().map(HistoricVariableInstance::getValue)
        .filter(String.class::isInstance).map(String.class::cast).findFirst().orElse(null);
  }

  /** The language this request's page was set to (English until {@link #use} is called). */
  public static Language of(HttpServletRequest request) {
    return PartnerLocale.of(request);
  }

  /** Whether the bundles hold a text for the key (in English, the language every key has). */
  public boolean has(String key) {
    return messages.has(Language.ENGLISH, key);
  }

  public String text(Language language, String key, Object... args) {
    return messages.text(language, key, args);
  }

  /** One of two texts by count ({@link PartnerMessages#count}). */
  public String count(Language language, String key, long n, Object... more) {
    return messages.count(language, key, n, more);
  }

  /** "1.2 MB (1,234,567 bytes)" as the language writes it ({@link PartnerMessages#size}). */
  public String size(long bytes, Language language) {
    return messages.size(language, bytes);
  }

  /** The country's name in the language; in English as the pages have always written it ("Netherlands"). */
  public String country(String code, Language language) {
    return code == null ? "" : language.equals(Language.ENGLISH) ? CountryCodes.name(code) : CountryCodes.name(code, language);
  }

  public String action(PartnerAction action, Language language) {
    return messages.text(language, "action." + action.name());
  }

  public String status(String code, Language language) {
    return statuses.label(code, language, messages);
  }

  /** "taken down, seized, …" in the language: the statuses a unit may report. */
  public String choices(Language language) {
    return String.join(", ", statuses.reportable().stream().map(s -> status(s.code(), language)).toList());
  }

  /** The link problem's title and message in the page's language, with its status. */
  public String problem(ActionLinks.LinkProblem problem, Language language, Model model, HttpServletResponse response) {
    return problem(problem.status(), problem.title(this, language), problem.message(this, language), null, model, response);
  }

  /** The plain problem page: a title, what happened and what to do, and a way back when there is one. */
  public static String problem(int status, String title, String message, String back, Model model, HttpServletResponse response) {
    response.setStatus(status);
    model.addAttribute("title", title);
    model.addAttribute("message", message);
    model.addAttribute("back", back);
    return "partner/problem";
  }

  /** An argument of a text as the language writes it: an action's button words, a moment, a number. */
  String argument(Object argument, Language language) {
    if (argument instanceof PartnerAction action) {
      return action(action, language);
    }
    if (argument instanceof Instant at) {
      return language.dateTime(at);
    }
    if (argument instanceof Long || argument instanceof Integer) {
      return language.number(((Number) argument).longValue());
    }
    return argument == null ? "" : argument.toString();
  }

  /** For templates: a reference, hash or file name kept left to right inside any script, escaped. */
  public String ltr(Object value) {
    return "<bdi dir=\"ltr\">" + HtmlUtils.htmlEscape(value == null ? "" : value.toString(), "UTF-8") + "</bdi>";
  }

  /** For templates: a command or other code, left to right. */
  public String code(Object text) {
    return "<code dir=\"ltr\">" + plain(text) + "</code>";
  }

  /** For templates: a reference in bold, left to right inside any script. */
  public String ref(Object reference) {
    return "<strong>" + ltr(reference) + "</strong>";
  }

  /** For templates: the page's direction, "rtl" for Arabic. */
  public String dir(Locale locale) {
    return locale == null ? "ltr" : Language.of(locale.getLanguage()).dir();
  }

  /** For templates: a value escaped for a text given with th:utext. */
  public String plain(Object value) {
    return HtmlUtils.htmlEscape(value == null ? "" : value.toString(), "UTF-8");
  }
}
