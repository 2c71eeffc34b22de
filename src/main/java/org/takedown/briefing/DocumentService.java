package org.takedown.briefing;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.evidence.CustodyReports;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.springframework.beans.factory.annotation.Value;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultWorkbook;
import org.takedown.security.OperationAccess;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Hashes;
import org.takedown.system.Tlp;

/**
 * Produces an operation's documents at the steps of the models that need them, each as a new
 * version. What a document says is its {@link DocumentModel}'s (one per kind) or the {@link TrackerModel}'s.
 */
@Service
public class DocumentService {

  private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

  private final DocumentRepository documents;
  private final OperationService operations;
  private final Map<DocumentKind, DocumentModel> models = new EnumMap<>(DocumentKind.class);
  private final WordDocuments word;
  private final TrackerModel trackerModel;
  private final ExcelTracker tracker;
  private final CustodyReports custodyReports;
  private final CustodyReportModel custodyReportModel;
  private final Clock clock;
  private final TransactionTemplate own;
  private final IndicatorResults results;
  private final ResultWorkbook resultWorkbook;
  private final String publicUrl;
  private final NationalAssignmentService assignments;
  private final PartnerMessages messages;

  DocumentService(DocumentRepository documents, OperationService operations, List<DocumentModel> models, WordDocuments word,
      TrackerModel trackerModel, ExcelTracker tracker, CustodyReports custodyReports, CustodyReportModel custodyReportModel, Clock clock,
      PlatformTransactionManager transactions, IndicatorResults results, ResultWorkbook resultWorkbook,
      @Value("${takedown.public-url:http://localhost:8080}") String publicUrl, NationalAssignmentService assignments, PartnerMessages messages) {
    this.assignments = assignments;
    this.messages = messages;
    this.results = results;
    this.resultWorkbook = resultWorkbook;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.documents = documents;
    this.operations = operations;
    models.forEach(model -> this.models.put(model.kind(), model));
    this.word = word;
    this.trackerModel = trackerModel;
    this.tracker = tracker;
    this.custodyReports = custodyReports;
    this.custodyReportModel = custodyReportModel;
    this.clock = clock;
  }

  /** A new version of the operation's Excel tracker, as it stands now. */
  public Document generateTracker(String reference) {
    return newVersion(() -> tracker(reference));
  }

  /** A new version of the Word custody report: every evidence item, its full chain and a fresh verification. */
  public Document generateCustodyReport(String reference) {
    return newVersion(() -> custodyReport(reference));
  }

  /**
   * Made on request, in a transaction of its own: two people asking at the same moment both read the
   * same latest version, and the unique file name refuses the second, which then takes the next number.
   */
  private Document newVersion(Supplier<Document> generate) {
    for (int attempt = 1; ; attempt++) {
      try {
        return own.execute(status -> generate.get());
      } catch (DataIntegrityViolationException e) {
        if (attempt == 12) { // each clash is another request's version stored: the next try takes the next number
          throw e;
        }
      }
    }
  }

  private Document tracker(String reference) {
    Operation operation = operations.get(reference);
    Instant now = clock.instant();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tracker.write(trackerModel.build(operation, now), out);
    byte[] content = out.toByteArray();
    int version = documents.latestVersion(reference, DocumentKind.TRACKER, null) + 1;
    Document document = documents.save(new Document(operation, DocumentKind.TRACKER, null, version,
        reference + "-operation-tracker-v" + version + ".xlsx", ExcelTracker.CONTENT_TYPE, operation.getTlp(), Hashes.sha256(content), content, now));
    log.info("{}: tracker v{} generated ({} bytes)", reference, version, content.length);
    return document;
  }

  private Document custodyReport(String reference) {
    Operation operation = operations.get(reference);
    byte[] content = word.render(DocumentKind.CUSTODY_REPORT.template(), operation.getTlp(),
        custodyReportModel.build(custodyReports.report(operation)));
    return store(operation, DocumentKind.CUSTODY_REPORT, content, clock.instant());
  }

  private Document store(Operation operation, DocumentKind kind, byte[] content, Instant now) {
    String reference = operation.getReference();
    int version = documents.latestVersion(reference, kind, null) + 1;
    Document document = documents.save(new Document(operation, kind, null, version, reference + "-" + kind.template() + "-v" + version + ".docx",
        WordDocuments.CONTENT_TYPE, operation.getTlp(), Hashes.sha256(content), content, now));
    log.info("{}: {} v{} generated ({} bytes, SHA-256 {})", reference, kind, version, content.length, document.getSha256());
    return document;
  }

  /** Generates the Word document for the step's operation (and country, in the per-country models). */
  @Transactional
  public Document generate(DocumentKind kind, VariableScope variables, String reference) {
    DocumentModel model = models.get(kind);
    if (model == null) {
      throw new IllegalArgumentException(kind + " is not a Word document");
    }
    Operation operation = operations.get(reference);
    String country = model.country(variables);
    Tlp tlp = operation.getTlp();
    Object release = variables.getVariable("releaseTlp");
    if (kind.forUnits() && release != null) {
      tlp = Tlp.parse(release.toString()).orElse(tlp);
    }
    Instant now = clock.instant();
    Map<String, Object> built = model.build(operation, variables, now);
    Language language = model.language(operation, variables);
    if (!language.equals(Language.ENGLISH)) {
      // The label is never translated; its sharing rule is, in the unit's language.
      built.put("tlpRule", messages.text(language, "documents.tlp." + tlp.name()));
    }
    byte[] content = word.render(kind.template(), language, tlp, built);
    int version = documents.latestVersion(operation.getReference(), kind, country) + 1;
    String fileName = operation.getReference() + "-" + kind.template() + (country == null ? "" : "-" + country) + "-v" + version + ".docx";
    Document document = documents.save(new Document(operation, kind, country, version, fileName, WordDocuments.CONTENT_TYPE, tlp,
        Hashes.sha256(content), content, now));
    log.info("{}: {} v{} generated ({} bytes, SHA-256 {})", operation.getReference(), kind, version, content.length, document.getSha256());
    return document;
  }

  /**
   * A new version of the country's results list: its indicators as the unit sees them (need to know), each with its
   * current result, and the drop-down of the configured statuses; at the release TLP, as the brief beside it.
   */
  @Transactional
  public Document generateResultsList(VariableScope variables, String reference) {
    Operation operation = operations.get(reference);
    String country = (String) variables.getVariable("country");
    Tlp tlp = operation.getTlp();
    Object release = variables.getVariable("releaseTlp");
    if (release != null) {
      tlp = Tlp.parse(release.toString()).orElse(tlp);
    }
    Object unit = variables.getVariable("nationalUnit");
    return resultsList(operation, country, unit == null ? null : unit.toString(), tlp);
  }

  private Document resultsList(Operation operation, String country, String unit, Tlp tlp) {
    Instant now = clock.instant();
    String reference = operation.getReference();
    // In the unit's language: its words, its result words in the drop-down, its country's name and dates.
    Language language = assignments.get(reference, country).getUnitLanguage();
    boolean english = language.equals(Language.ENGLISH);
    ResultWorkbook.Head head = new ResultWorkbook.Head(reference, country, english ? CountryCodes.name(country) : CountryCodes.name(country, language),
        unit, tlp, WordDocuments.colour(tlp), english ? Formats.TIME.format(now) : language.dateTime(now),
        messages.text(language, "documents.results.uploadAt", "POST " + publicUrl + "/api/operations/" + reference + "/results/spreadsheet?country="
            + country), language);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    resultWorkbook.write(head, results.rows(reference, OperationAccess.forUnit(operation, country), country, Integer.MAX_VALUE), out);
    byte[] content = out.toByteArray();
    int version = documents.latestVersion(reference, DocumentKind.RESULTS_LIST, country) + 1;
    Document document = documents.save(new Document(operation, DocumentKind.RESULTS_LIST, country, version,
        reference + "-" + DocumentKind.RESULTS_LIST.template() + "-" + country + "-v" + version + ".xlsx", ResultWorkbook.CONTENT_TYPE, tlp,
        Hashes.sha256(content), content, now));
    log.info("{}: results list of {} v{} generated ({} bytes)", reference, country, version, content.length);
    return document;
  }
}
