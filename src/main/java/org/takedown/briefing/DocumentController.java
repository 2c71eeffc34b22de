package org.takedown.briefing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.Downloads;
import org.takedown.system.ForbiddenException;
import org.takedown.system.NotFoundException;

/** An operation's generated documents, every version, for fusion-centre staff. */
@RestController
@RequestMapping("/api/operations/{reference}/documents")
class DocumentController {

  private final OperationAccess access;
  private final DocumentRepository documents;
  private final DocumentService service;

  DocumentController(OperationAccess access, DocumentRepository documents, DocumentService service) {
    this.access = access;
    this.documents = documents;
    this.service = service;
  }

  @GetMapping
  @Transactional(readOnly = true)
  List<View> list(@PathVariable String reference) {
    return documents.list(staffRead(reference).getReference()).stream().map(View::of).toList();
  }

  /** A new version of the Excel tracker, as the operation stands now; coordinators only. */
  @PostMapping("/tracker")
  ResponseEntity<View> tracker(@PathVariable String reference) {
    Operation operation = staffRead(reference);
    if (!Caller.current().isCoordinator()) {
      throw new ForbiddenException("Only coordinators generate the operation tracker.");
    }
    View view = View.of(service.generateTracker(operation.getReference()));
    return ResponseEntity.created(URI.create(view.href())).body(view);
  }

  /** A new version of the Word custody report (every item, its chain, a fresh verification), for the court file; staff only. */
  @PostMapping("/custody-report")
  ResponseEntity<View> custodyReport(@PathVariable String reference) {
    Operation operation = staffRead(reference);
    View view = View.of(service.generateCustodyReport(operation.getReference()));
    return ResponseEntity.created(URI.create(view.href())).body(view);
  }

  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  ResponseEntity<byte[]> download(@PathVariable String reference, @PathVariable long id) {
    Operation operation = staffRead(reference);
    Document document = documents.findByIdAndOperationReference(id, operation.getReference())
        .orElseThrow(() -> new NotFoundException("No document " + id + " in " + operation.getReference()));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.getContentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(document.getFileName()))
        .header("X-Content-SHA256", document.getSha256())
        .body(document.getContent());
  }

  private Operation staffRead(String reference) {
    return access.centreRecords(Caller.current(), reference.toUpperCase(Locale.ROOT),
        "The documents (units receive theirs by email)");
  }

  record View(long id, String kind, String country, int version, String fileName, String contentType, String tlp, long size,
      String sha256, Instant createdAt, String href) {
    static View of(Document d) {
      return new View(d.getId(), d.getKind().name(), d.getCountry(), d.getVersion(), d.getFileName(), d.getContentType(),
          d.getTlp().label(), d.getSizeBytes(), d.getSha256(), d.getCreatedAt(),
          "/api/operations/" + d.getOperation().getReference() + "/documents/" + d.getId());
    }
  }
}
