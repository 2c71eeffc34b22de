package org.takedown.briefing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.evidence.EvidenceHandover;
import org.takedown.evidence.EvidenceItem;
import org.takedown.operation.Operation;
import org.takedown.provider.ProviderRequest;
import org.takedown.provider.ProviderRequestKind;
import org.takedown.provider.ProviderRequests;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.NotFoundException;
import org.takedown.system.PartnerMessages;
import org.takedown.tip.Indicator;
import org.takedown.tip.IndicatorEntry;
import org.takedown.tip.OperationIndicators;
import org.takedown.tip.StixExport;

/**
 * The legal requests drafted for a unit, as editable Word documents in its language: a preservation request per
 * provider (the fields of Article 29(2) of the Budapest Convention) and a takedown or suspension request per provider
 * or registrar, each with the indicators of that provider the unit was given. Templates: templates/word/
 * preservation-request[.lang].docx and takedown-request[.lang].docx; the words computed here come from the bundle
 * templates/i18n/documents*.properties.
 *
 * <p>A draft says only what the unit may see of the operation ({@link OperationAccess#forUnit}): the title, never the
 * vendor's summary, the vendor's name only where the tip allowed attribution, its own indicators and the evidence
 * handed over to it.
 */
@Component
public class RequestDrafts {

  public static final String ZIP = "application/zip";
  static final String PRESERVATION_TEMPLATE = "preservation-request";
  static final String TAKEDOWN_TEMPLATE = "takedown-request";

  /** One file for the unit: a request as .docx, or the country's requests as a .zip. */
  public record Draft(String fileName, String contentType, byte[] content) {}

  private final ProviderRequests requests;
  private final NationalAssignmentService assignments;
  private final OperationIndicators indicators;
  private final StixExport stix;
  private final EvidenceHandover handover;
  private final WordDocuments word;
  private final PartnerMessages messages;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  RequestDrafts(ProviderRequests requests, NationalAssignmentService assignments, OperationIndicators indicators, StixExport stix,
      EvidenceHandover handover, WordDocuments word, PartnerMessages messages, JdbcTemplate jdbc, Clock clock) {
    this.requests = requests;
    this.assignments = assignments;
    this.indicators = indicators;
    this.stix = stix;
    this.handover = handover;
    this.word = word;
    this.messages = messages;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One provider request as an editable .docx in the unit's language. */
  @Transactional(readOnly = true)
  public Draft draft(long requestId) {
    List<Map<String, Object>> owner = jdbc.queryForList("select o.reference, r.country from provider_request r"
        + " join operation o on o.id = r.operation_id where r.id = ?", requestId);
    if (owner.isEmpty()) {
      throw new NotFoundException("There is no provider request " + requestId + ".");
    }
    String reference = (String) owner.get(0).get("reference");
    String country = (String) owner.get(0).get("country");
    ProviderRequest request = requests.forCountry(reference, country).stream().filter(r -> r.getId() == requestId).findFirst()
        .orElseThrow(() -> new NotFoundException("There is no provider request " + requestId + "."));
    Context context = context(request.getOperation(), country);
    return draft(request, context, new HashSet<>());
  }

  /** The country's drafts in one .zip, each file named by its provider, kind and language. */
  @Transactional(readOnly = true)
  public Draft all(String reference, String country) {
    List<ProviderRequest> drafted = requests.forCountry(reference, country);
    if (drafted.isEmpty()) {
      throw new NotFoundException("No requests have been drafted for " + CountryCodes.inProse(country) + " in " + reference + ".");
    }
    Context context = context(drafted.get(0).getOperation(), country);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Set<String> names = new HashSet<>();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ProviderRequest request : drafted) {
        Draft draft = draft(request, context, names);
        zip.putNextEntry(new ZipEntry(draft.fileName()));
        zip.write(draft.content());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Draft(reference + "-" + country + "-provider-requests-" + context.language.code() + ".zip", ZIP, out.toByteArray());
  }

  /** What every draft of one country shares: the operation as the unit reads it, its indicators, its evidence. */
  private Context context(Operation operation, String country) {
    String reference = operation.getReference();
    CountryAssignment assignment = assignments.get(reference, country);
    Disclosure unit = OperationAccess.forUnit(operation, country);
    OperationIndicators.Seen seen = indicators.seen(reference, unit);
    Map<Long, IndicatorEntry> byId = new LinkedHashMap<>();
    seen.entries().forEach(i -> byId.put(i.id(), i));
    return new Context(operation, country, assignment, assignment.getUnitLanguage(), unit, byId, seen.total(), stix.validFrom(reference),
        stix.context(operation, unit), clock.instant());
  }

  private record Context(Operation operation, String country, CountryAssignment assignment, Language language, Disclosure unit,
      Map<Long, IndicatorEntry> seen, long total, Map<String, Instant> validFrom, List<String> stixContext, Instant now) {}

  private Draft draft(ProviderRequest request, Context c, Set<String> namesTaken) {
    boolean preservation = request.getKind() == ProviderRequestKind.PRESERVATION;
    String template = preservation ? PRESERVATION_TEMPLATE : TAKEDOWN_TEMPLATE;
    Map<String, Object> model = model(request, c);
    byte[] content = word.render(template, c.language, c.unit.readerTlp(), model);
    String name = fileName(c.operation.getReference(), c.country, template, request, c.language);
    for (int n = 2; !namesTaken.add(name); n++) {
      name = fileName(c.operation.getReference(), c.country, template, request, c.language).replace(".docx", "-" + n + ".docx");
    }
    return new Draft(name, WordDocuments.CONTENT_TYPE, content);
  }

  /** "OP-2026-0001-DE-preservation-request-Cloudflare-Inc-AS13335-fr.docx": readable, and safe in any file system. */
  static String fileName(String reference, String country, String template, ProviderRequest request, Language language) {
    String provider = sanitise(request.getProviderName());
    String key = request.getProviderKey().matches("AS\\d+") ? request.getProviderKey() : "";
    if (provider.isEmpty()) {
      provider = key.isEmpty() ? sanitise(request.getProviderKey()) : key;
    } else if (!key.isEmpty() && !provider.toUpperCase(Locale.ROOT).contains(key)) {
      provider = provider + "-" + key;
    }
    if (provider.isEmpty()) {
      provider = "provider-" + request.getId();
    }
    return reference + "-" + country + "-" + template + "-" + provider + "-" + language.code() + ".docx";
  }

  /** Letters and digits of the Latin alphabet kept, accents dropped, everything else one hyphen; at most 60 characters. */
  static String sanitise(String name) {
    String plain = java.text.Normalizer.normalize(name == null ? "" : name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String safe = plain.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return safe.length() <= 60 ? safe : safe.substring(0, 60).replaceAll("-+$", "");
  }

  private Map<String, Object> model(ProviderRequest request, Context c) {
    Language lang = c.language;
    Operation operation = c.operation;
    String reference = operation.getReference();
    boolean preservation = request.getKind() == ProviderRequestKind.PRESERVATION;
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("tlpRule", text(lang, "documents.tlp." + c.unit.readerTlp().name()));
    model.put("reference", reference);
    model.put("requestReference", reference + "/" + c.country + "/" + (preservation ? "P" : "T") + request.getId());
    model.put("title", operation.getTitle());
    model.put("date", lang.date(c.now));
    model.put("generatedAt", lang.dateTime(c.now));
    model.put("countryName", CountryCodes.name(c.country, lang));
    String unitName = c.assignment.getNationalUnit() == null ? text(lang, "documents.unit.none") : c.assignment.getNationalUnit();
    model.put("nationalUnit", unitName);
    model.put("unitEmail", c.assignment.getUnitEmail() == null ? "" : c.assignment.getUnitEmail());
    model.put("requestingAuthority", text(lang, "documents.request.authority", isolate(unitName, lang), CountryCodes.name(c.country, lang)));
    model.put("providerName", request.providerName(lang, messages));
    String provider = isolate(request.providerName(lang, messages), lang);
    model.put("custodian", request.autonomousSystem() != null
        ? text(lang, "documents.request.custodian.as", provider, leftToRight(request.autonomousSystem(), lang))
        : text(lang, "documents.request.custodian.name", provider));
    model.put("location", text(lang, "documents.request.location", CountryCodes.name(c.country, lang)));

    // The provider's indicators, as far as the unit is given them (need to know), in the order received.
    Set<Long> ids = new LinkedHashSet<>(requests.indicatorIds(request.getId()));
    Map<Long, Instant> reported = reportedAt(request.getId());
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    for (IndicatorEntry i : c.seen.values()) {
      if (!ids.contains(i.id())) {
        continue;
      }
      Map<String, Object> row = new HashMap<>(OperationSections.indicator(i));
      if (!lang.equals(Language.ENGLISH)) {
        row.put("value", OperationSections.sentAs(row.get("value"), text(lang, "documents.indicator.sentAs")));
      }
      Instant first = Indicator.PATTERN.equals(i.type()) ? c.validFrom.get(i.stixId()) : c.validFrom.get(i.type() + "|" + i.normalizedValue());
      row.put("firstSeen", first == null ? text(lang, "documents.notStated") : lang.date(first));
      Instant at = reported.get(i.id());
      row.put("reported", at == null ? text(lang, "documents.notStated") : lang.date(at));
      rows.add(row);
      types.add(typeName(lang, i.type()));
    }
    model.put("indicators", rows);
    String vendor = c.unit.namesVendor() ? isolate(operation.getVendorName(), lang) : text(lang, "documents.vendor.unnamed");
    model.put("vendor", vendor);
    model.put("indicatorCount", count(rows.size(), lang));
    model.put("facts", text(lang, "documents.request.facts", vendor, count(c.total, lang), isolate(operation.getTitle(), lang),
        isolate(unitName, lang), count(c.seen.size(), lang), CountryCodes.name(c.country, lang), String.join(", ", types),
        count(rows.size(), lang), provider, leftToRight(reference, lang)));
    if (!c.stixContext.isEmpty()) {
      model.put("stixContext", Map.of("text", String.join("; ", c.stixContext) + "."));
    }
    model.put("offence", text(lang, "documents.request.offence", leftToRight(reference, lang), isolate(operation.getTitle(), lang)));
    if (!preservation) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (String label : c.assignment.getEvidenceItems()) {
        EvidenceItem item = handover.item(reference, label).orElse(null);
        if (item != null) {
          items.add(Map.of("label", label, "type", text(lang, "documents.evidenceType." + item.getType().name()),
              "description", item.getDescription(), "sha256", item.getSha256()));
        }
      }
      model.put("items", items);
      model.put("evidenceSummary", items.isEmpty()
          ? text(lang, "documents.request.evidence.none", count(rows.size(), lang), vendor)
          : text(lang, "documents.request.evidence.some", count(items.size(), lang), count(rows.size(), lang), vendor));
    }
    return model;
  }

  /** When the fusion centre received each indicator of the request (the tip that brought it). */
  private Map<Long, Instant> reportedAt(long requestId) {
    Map<Long, Instant> at = new HashMap<>();
    jdbc.query("select pri.indicator_id, t.received_at from provider_request_indicator pri join indicator i on i.id = pri.indicator_id"
        + " join tip t on t.id = i.tip_id where pri.request_id = ?", rs -> {
          java.sql.Timestamp received = rs.getTimestamp(2);
          if (received != null) {
            at.put(rs.getLong(1), received.toInstant());
          }
        }, requestId);
    return at;
  }

  /**
   * A name or title inside a sentence of a right-to-left language, isolated (U+2068 … U+2069) so that its own direction
   * holds and it does not reorder the punctuation around it; as it is elsewhere.
   */
  static String isolate(String value, Language language) {
    return language.rightToLeft() && value != null && !value.isEmpty() ? "\u2068" + value + "\u2069" : value;
  }

  /** A reference, key or number inside a right-to-left sentence, kept left to right (U+2066 … U+2069). */
  static String leftToRight(String value, Language language) {
    return language.rightToLeft() && value != null && !value.isEmpty() ? "\u2066" + value + "\u2069" : value;
  }

  private String typeName(Language lang, String type) {
    String key = "documents.type." + type;
    return messages.has(Language.ENGLISH, key) ? messages.text(lang, key) : type;
  }

  private String text(Language lang, String key, Object... args) {
    return messages.text(lang, key, args);
  }

  /** A count as the language writes it: "30,000", "30 000"; Arabic keeps Western digits, as the dates do. */
  static String count(long n, Language language) {
    return language.number(n);
  }
}
