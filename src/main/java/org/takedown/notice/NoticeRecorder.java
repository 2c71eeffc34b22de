package org.takedown.notice;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryAssignment;
import org.takedown.briefing.Document;
import org.takedown.operation.Operation;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.security.OperationAccess;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.Tlp;

/**
 * Renders a notice and records it as an outbox row, in the transaction of the step that causes it;
 * an asynchronous "send" step of the model then delivers it. What a notice may carry at its TLP is
 * {@link TlpPolicy}'s to say; who gets it is {@link Recipients}'.
 */
@Component
class NoticeRecorder {

  private static final Logger log = LoggerFactory.getLogger(NoticeRecorder.class);

  private final NoticeRepository notices;
  private final NoticeRenderer renderer;
  private final Recipients recipients;
  private final Clock clock;
  private final String publicUrl;
  private final String messageIdDomain;
  private final MailWords words;
  private final VendorOrganisations organisations;

  NoticeRecorder(NoticeRepository notices, NoticeRenderer renderer, Recipients recipients, Clock clock,
      @Value("${takedown.public-url:http://localhost:8080}") String publicUrl, MailWords words, VendorOrganisations organisations) {
    this.words = words;
    this.organisations = organisations;
    this.notices = notices;
    this.renderer = renderer;
    this.recipients = recipients;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    String host = URI.create(this.publicUrl).getHost();
    this.messageIdDomain = host == null ? "takedown" : host;
  }

  String publicUrl() {
    return publicUrl;
  }

  /** The operation's page, where signed-in staff and the vendor read it and the open tasks link into Tasklist. */
  String operationUrl(Operation operation) {
    return publicUrl + "/operations/" + operation.getReference();
  }

  /** To every member of the vendor organisation, greeting the organisation (its own name discloses nothing, at any TLP). */
  void toVendor(String processInstanceId, Operation operation, NoticeKind kind, Map<String, Object> content) {
    toVendor(processInstanceId, operation, kind, content, operation.getTlp());
  }

  /** To the vendor's members, at a TLP of the caller's choosing (a mail that speaks of two operations: the stricter). */
  void toVendor(String processInstanceId, Operation operation, NoticeKind kind, Map<String, Object> content, Tlp tlp) {
    Map<String, Object> greeting = Map.of("greeting", operation.getVendorName());
    recipients.vendor(operation).forEach(address -> record(processInstanceId, operation, kind, address, tlp, content, null, greeting));
  }

  /** To the members of a vendor organisation that contributes to the operation (a co-reporter), at the operation's TLP. */
  void toOrganisation(String processInstanceId, Operation operation, String organisation, NoticeKind kind, Map<String, Object> content) {
    Map<String, Object> greeting = Map.of("greeting", organisations.displayName(organisation));
    recipients.organisation(organisation).forEach(address -> record(processInstanceId, operation, kind, address, operation.getTlp(), content,
        null, greeting));
  }

  void toCoordinators(String processInstanceId, Operation operation, NoticeKind kind, Map<String, Object> content) {
    var addresses = recipients.coordinators();
    if (addresses.isEmpty()) {
      log.warn("{}: no coordinator has an email address; {} is not sent", operation.getReference(), kind);
    }
    addresses.forEach(address -> record(processInstanceId, operation, kind, address, operation.getTlp(), content, null));
  }

  /** To the legal officers but the one named; none is a warning, as for the coordinators. */
  void toLegalOfficers(String processInstanceId, Operation operation, NoticeKind kind, String except, Map<String, Object> content) {
    var addresses = recipients.legalOfficers(except);
    if (addresses.isEmpty()) {
      log.warn("{}: no legal officer{} has an email address; {} is not sent", operation.getReference(),
          except == null ? "" : " but " + except, kind);
    }
    addresses.forEach(address -> record(processInstanceId, operation, kind, address, operation.getTlp(), content, null));
  }

  void record(String processInstanceId, Operation operation, NoticeKind kind, String recipient, Tlp tlp, Map<String, Object> content,
      Document attachment) {
    record(processInstanceId, operation, kind, recipient, tlp, content, attachment, Map.of());
  }

  /** {@code always}: what the notice carries at any TLP, because it discloses nothing of the operation (hashes, signatures). */
  Notice record(String processInstanceId, Operation operation, NoticeKind kind, String recipient, Tlp tlp, Map<String, Object> content,
      Document attachment, Map<String, Object> always) {
    String address = Recipients.address(recipient);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reference", operation.getReference());
    model.put("tlp", tlp.label());
    model.put("tlpRule", tlp.sharingRule());
    model.put("red", !TlpPolicy.carriesContent(tlp));
    // A reader with an account signs in straight to the operation's page (the reference is in the subject already).
    model.put("signInUrl", operationUrl(operation));
    model.put("operationUrl", operationUrl(operation));
    if (TlpPolicy.carriesContent(tlp)) {
      model.putAll(content);
    }
    // The language discloses nothing: a unit's TLP:RED notice says what little it says in the unit's language.
    model.put(NoticeRenderer.LANGUAGE, content.get(NoticeRenderer.LANGUAGE));
    model.putAll(always);
    NoticeRenderer.Rendered rendered = renderer.render(kind, model);
    String subject = subject(model, "[" + tlp.label() + "] " + operation.getReference(), rendered.subject());
    String messageId = "<notice." + UUID.randomUUID() + "@" + messageIdDomain + ">";
    return notices.save(new Notice(operation, processInstanceId, kind, address, tlp, subject, rendered.text(), rendered.html(), messageId,
        TlpPolicy.carriesAttachment(tlp) ? attachment : null, clock.instant()));
  }

  /**
   * A digest to one recipient, at the TLP of what it carries (the caller leaves TLP:RED content out), unless that
   * digest was recorded for the recipient already: then null, so a period's digest goes out once.
   */
  Notice recordDigest(String digest, NoticeKind kind, String recipient, Tlp tlp, Map<String, Object> content) {
    String address = Recipients.address(recipient);
    if (notices.existsByDigestAndRecipient(digest, address)) {
      return null;
    }
    Map<String, Object> model = new LinkedHashMap<>(content);
    model.put("tlp", tlp.label());
    model.put("tlpRule", tlp.sharingRule());
    model.put("signInUrl", publicUrl + "/");
    NoticeRenderer.Rendered rendered = renderer.render(kind, model);
    String subject = subject(model, "[" + tlp.label() + "]", rendered.subject());
    String messageId = "<notice." + UUID.randomUUID() + "@" + messageIdDomain + ">";
    return notices.save(Notice.digest(digest, kind, address, tlp, subject, rendered.text(), rendered.html(), messageId, clock.instant()));
  }

  /**
   * The subject: the TLP label and the reference, then the notice's words. In a right-to-left language the label and
   * the reference are isolated left to right, so the subject reads right to left from its first word.
   */
  static String subject(Map<String, Object> model, String prefix, String words) {
    boolean rtl = Language.of((String) model.get(NoticeRenderer.LANGUAGE)).rightToLeft();
    return oneLine((rtl ? Bidi.LRI + prefix + Bidi.PDI : prefix) + " " + words);
  }

  /** Text from partners can never become a header: line breaks and control characters become spaces. */
  static String oneLine(String text) {
    String line = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").replaceAll(" {2,}", " ").strip();
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }

  /** What every notice about the operation says, below TLP:RED. */
  static Map<String, Object> content(Operation operation) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("title", operation.getTitle());
    content.put("summary", operation.getSummary());
    content.put("pap", operation.getPap().label());
    content.put("papRule", operation.getPap().rule());
    content.put("vendor", operation.getVendorName());
    content.put("stage", operation.getStage().name());
    return content;
  }

  /**
   * What a national unit's notice says of the operation: no summary (the vendor's own words may name other
   * countries), and the vendor only where the tip allowed attribution.
   */
  Map<String, Object> forUnit(Operation operation, CountryAssignment assignment) {
    Language language = assignment.getUnitLanguage();
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("title", operation.getTitle());
    content.put("pap", operation.getPap().label());
    content.put("papRule", words.papRule(language, operation.getPap()));
    content.put("vendor", words.vendor(language, OperationAccess.forUnit(operation, assignment.getCountry()).vendorLabel()));
    content.put("stage", operation.getStage().name());
    content.put("operationUrl", null); // units act through their links; the page is for signed-in staff and the vendor
    content.put(NoticeRenderer.LANGUAGE, language.code());
    content.putAll(country(assignment));
    content.put("countryName", MailWords.country(language, assignment.getCountry()));
    return content;
  }

  static Map<String, Object> country(CountryAssignment assignment) {
    Map<String, Object> country = new LinkedHashMap<>();
    country.put("country", assignment.getCountry());
    country.put("countryName", CountryCodes.inProse(assignment.getCountry()));
    country.put("nationalUnit", assignment.getNationalUnit());
    return country;
  }
}
