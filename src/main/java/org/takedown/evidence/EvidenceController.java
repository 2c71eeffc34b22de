package org.takedown.evidence;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.evidence.EvidenceViews.Entry;
import org.takedown.evidence.EvidenceViews.Item;
import org.takedown.evidence.EvidenceViews.ItemWithChain;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.ConflictException;
import org.takedown.system.Downloads;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException.FieldProblem;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;
import org.takedown.system.Sizes;

/**
 * An operation's evidence register and custody over the API. Coordinators and the submitting vendor register items
 * (multipart upload, or by reference) and read the register; fusion-centre staff download files (each download is a
 * custody entry), verify the chains and take the custody report. Units receive evidence only through their links.
 */
@RestController
@RequestMapping("/api/operations/{reference}")
class EvidenceController {

  private static final Pattern ITEM = Pattern.compile("[Ee]?([1-9][0-9]{0,8})");

  private final OperationAccess access;
  private final EvidenceRegister register;
  private final EvidenceUploads uploads;
  private final CustodyLog custody;
  private final CustodyVerifier verifier;
  private final CustodyReports reports;
  private final StaffDownloads downloads;
  private final EvidenceStore store;
  private final CustodyAlarms alarms;

  EvidenceController(OperationAccess access, EvidenceRegister register, EvidenceUploads uploads, CustodyLog custody,
      CustodyVerifier verifier, CustodyReports reports, StaffDownloads downloads, EvidenceStore store, CustodyAlarms alarms) {
    this.alarms = alarms;
    this.access = access;
    this.register = register;
    this.uploads = uploads;
    this.custody = custody;
    this.verifier = verifier;
    this.reports = reports;
    this.downloads = downloads;
    this.store = store;
  }

  @GetMapping("/evidence")
  @Transactional(readOnly = true)
  List<Item> list(@PathVariable String reference) {
    Operation operation = reader(reference);
    Map<String, CustodyStanding> standings = register.standings(operation.getReference());
    return register.items(operation.getReference()).stream().map(i -> Item.of(i, standings.get(i.label()))).toList();
  }

  /** A file, streamed into the store (multipart/form-data: the facts as fields, the file as the part "file"). */
  @PostMapping(path = "/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Item> upload(@PathVariable String reference, HttpServletRequest request) {
    Operation operation = registrar(reference);
    return created(uploads.upload(request, operation.getReference(), Caller.current().user()));
  }

  /** An item held elsewhere, by its location, SHA-256 and size. */
  @PostMapping(path = "/evidence", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Item> registerReference(@PathVariable String reference, @RequestBody ByReference body, HttpServletRequest request) {
    Operation operation = registrar(reference);
    List<FieldProblem> problems = new ArrayList<>();
    EvidenceFacts facts = EvidenceUploads.facts(body.asFields(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return created(register.registerReference(operation.getReference(), facts, body.location(), body.sha256(), body.sizeBytes(),
        Caller.current().user(), request.getRemoteAddr()));
  }

  @GetMapping("/evidence/{item}")
  @Transactional(readOnly = true)
  ItemWithChain item(@PathVariable String reference, @PathVariable("item") String label) {
    Operation operation = reader(reference);
    EvidenceItem item = register.item(operation.getReference(), number(operation, label));
    List<CustodyEvent> chain = custody.chain(item);
    return new ItemWithChain(Item.of(item, CustodyStanding.of(chain)), chain.stream().map(Entry::of).toList());
  }

  /**
   * The stored file, streamed from the store, for fusion-centre staff; the download is in the item's custody log
   * (who, and from which address) before a byte is sent. The bytes are checked against the registered SHA-256 as they
   * go out (EvidenceStore.openVerified): an altered file is refused (409) or cut off, and raises an incident.
   */
  @GetMapping("/evidence/{item}/file")
  void download(@PathVariable String reference, @PathVariable("item") String label, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    Operation operation = staff(reference, "download evidence; units receive theirs through the link in their handover mail");
    Caller caller = Caller.current();
    EvidenceItem item = downloads.record(operation.getReference(), number(operation, label), caller.user(), request.getRemoteAddr());
    String name = item.getOriginalName() != null ? item.getOriginalName() : item.label() + "-" + item.getSha256().substring(0, 12) + ".bin";
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
    response.setContentLengthLong(item.getSizeBytes());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name));
    response.setHeader("X-Content-SHA256", item.getSha256());
    response.setHeader("X-Evidence-Item", item.label());
    // No sendfile: the bytes are hashed as they go out, so that an altered file is never served whole.
    try (InputStream in = store.openVerified(item.getSha256(), item.getSizeBytes())) {
      OutputStream out = response.getOutputStream();
      byte[] buffer = new byte[1 << 18];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (EvidenceStore.AlteredFile altered) {
      alarms.storedFileAltered(item, altered, "API download by " + caller.user());
      if (!response.isCommitted()) {
        response.reset();
        throw new ConflictException("The stored file of " + item.label() + " does not match its registered SHA-256; nothing was sent. "
            + "The coordinators were alerted (a custodyBreak incident on " + operation.getReference() + ").");
      }
      // Part of the file has gone out: failing here makes the server close the connection before the declared length.
      throw altered;
    }
  }

  @GetMapping("/custody/verify")
  EvidenceViews.Verification verify(@PathVariable String reference) {
    Operation operation = staff(reference, "verify custody");
    return EvidenceViews.Verification.of(verifier.verify(operation.getReference()));
  }

  /** Every item and its full chain, with a fresh verification: the JSON custody report for the court file. */
  @GetMapping("/custody")
  EvidenceViews.Report report(@PathVariable String reference) {
    Operation operation = staff(reference, "take the custody report");
    return reports.report(operation);
  }

  /**
   * A file found altered after part of it went out: no answer is written (the status was sent); rethrown, the failure
   * reaches Tomcat, which closes the connection before the declared length, so the client sees a failed transfer.
   */
  @ExceptionHandler(EvidenceStore.AlteredFile.class)
  void cutOff(EvidenceStore.AlteredFile altered) throws EvidenceStore.AlteredFile {
    throw altered;
  }

  @ExceptionHandler(EvidenceUploads.TooLarge.class)
  ResponseEntity<ProblemDetail> tooLarge(EvidenceUploads.TooLarge e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "The file is larger than the limit of "
        + Sizes.limit(e.limit()) + " (takedown.evidence.max-upload-size); nothing was stored. Register a larger item by reference: "
        + "POST its location, SHA-256 and size as JSON.");
    problem.setTitle("Upload too large");
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(EvidenceUploads.Incomplete.class)
  ResponseEntity<ProblemDetail> incomplete(EvidenceUploads.Incomplete e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The upload ended before the whole body arrived; nothing was stored. Send it again.");
    problem.setTitle("Upload incomplete");
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }



  private ResponseEntity<Item> created(EvidenceItem item) {
    Item view = Item.of(item, CustodyStanding.of(custody.chain(item)));
    return ResponseEntity.created(URI.create(view.href())).body(view);
  }

  /**
   * Fusion-centre staff read the register: its custody entries name the units that received each item,
   * which the vendor may not know (security.Disclosure). A vendor's registration answers with its item.
   */
  private Operation reader(String reference) {
    return access.centreRecords(Caller.current(), reference.toUpperCase(Locale.ROOT), "The evidence register and custody");
  }

  /** Coordinators and the submitting vendor register evidence, while the operation is open. */
  private Operation registrar(String reference) {
    Operation operation = access.ownedBy(Caller.current(), reference.toUpperCase(Locale.ROOT), "register evidence for it");
    if (operation.getStage().isFinal()) {
      throw new ConflictException(operation.getReference() + " is " + operation.getStage().name().toLowerCase(Locale.ROOT)
          + "; its evidence register takes no new items.");
    }
    return operation;
  }

  private Operation staff(String reference, String action) {
    Caller caller = Caller.current();
    Operation operation = access.readable(caller, reference.toUpperCase(Locale.ROOT));
    if (!caller.isStaff()) {
      throw new ForbiddenException("Only fusion-centre staff " + action + ".");
    }
    return operation;
  }

  private static int number(Operation operation, String label) {
    Matcher matcher = ITEM.matcher(label.trim());
    if (!matcher.matches()) {
      throw new NotFoundException("Operation " + operation.getReference() + " has no evidence item " + label
          + "; items are named E1, E2, … (or 1, 2, …).");
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** An item held elsewhere: its location, SHA-256 and size, with the same facts as an upload. */
  record ByReference(String description, String type, String tlp, String collectedBy, String collectedAt, String source,
      String location, String sha256, Long sizeBytes) {

    Map<String, String> asFields() {
      Map<String, String> fields = new HashMap<>();
      put(fields, "description", description);
      put(fields, "type", type);
      put(fields, "tlp", tlp);
      put(fields, "collectedBy", collectedBy);
      put(fields, "collectedAt", collectedAt);
      put(fields, "source", source);
      return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
      if (value != null) {
        fields.put(name, value);
      }
    }
  }
}
