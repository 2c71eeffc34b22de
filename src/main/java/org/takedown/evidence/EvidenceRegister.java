package org.takedown.evidence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.system.InvalidInputException;
import org.takedown.system.Text;
import org.takedown.system.InvalidInputException.FieldProblem;
import org.takedown.system.NotFoundException;

/**
 * An operation's evidence register: registers uploaded files and items held elsewhere, each with its first custody
 * entry, in one transaction. Callers check who may register (coordinators and the submitting vendor).
 */
@Service
public class EvidenceRegister {

  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  static final String STORE_PARTY = "Fusion centre evidence store";

  private final EvidenceItemRepository items;
  private final CustodyEventRepository entries;
  private final CustodyLog custody;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  EvidenceRegister(EvidenceItemRepository items, CustodyEventRepository entries, CustodyLog custody, Clock clock,
      ApplicationEventPublisher events) {
    this.entries = entries;
    this.events = events;
    this.items = items;
    this.custody = custody;
    this.clock = clock;
  }

  /**
   * Registers a staged upload. The file is moved into the store last, once the row is written, so a refusal or a
   * failed write leaves neither file nor row.
   */
  @Transactional
  public EvidenceItem upload(String reference, EvidenceFacts facts, EvidenceStore.Staged file, String declaredSha256,
      String originalName, String actor, String location) {
    List<FieldProblem> problems = check(facts);
    String declared = declaredSha256 == null || declaredSha256.isBlank() ? null : declaredSha256.trim().toLowerCase(Locale.ROOT);
    if (declared != null && !declared.equals(file.sha256())) {
      problems.add(new FieldProblem("sha256", "does not match the file received: you declared " + declared
          + " but the file's SHA-256 is " + file.sha256() + ". Check that the right file was sent, completely."));
    }
    if (file.size() == 0) {
      problems.add(new FieldProblem("file", "is empty; choose the file to register"));
    }
    refuseIf(problems);
    String name = FileNames.sanitise(originalName);
    EvidenceItem item = register(reference, facts, file.sha256(), file.size(), true, null, name, actor, location,
        "Uploaded" + (name == null ? "" : " as '" + name + "'") + ", " + file.size() + " bytes");
    file.commit();
    return item;
  }

  /** Registers an item held elsewhere (a seized server, a lab's archive) by its location, declared SHA-256 and size. */
  @Transactional
  public EvidenceItem registerReference(String reference, EvidenceFacts facts, String externalLocation, String sha256,
      Long sizeBytes, String actor, String location) {
    List<FieldProblem> problems = check(facts);
    String hash = sha256 == null ? "" : sha256.trim().toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(hash).matches()) {
      problems.add(new FieldProblem("sha256", "must be the item's SHA-256: 64 hexadecimal characters (0-9, a-f)"));
    }
    if (externalLocation == null || externalLocation.isBlank() || externalLocation.length() > 2000) {
      problems.add(new FieldProblem("location", "must say where the item is held (at most 2000 characters)"));
    }
    if (sizeBytes == null || sizeBytes < 0) {
      problems.add(new FieldProblem("sizeBytes", "must be the item's size in bytes, zero or more"));
    }
    refuseIf(problems);
    String where = externalLocation.strip();
    return register(reference, facts, hash, sizeBytes, false, where, null, actor, location, "Registered by reference, held at " + where);
  }

  @Transactional(readOnly = true)
  public List<EvidenceItem> items(String reference) {
    return items.findByOperation(reference);
  }

  /** Where each item stands (by label, "E1"), read from the operation's custody entries in one query. */
  @Transactional(readOnly = true)
  public Map<String, CustodyStanding> standings(String reference) {
    Map<String, List<CustodyEvent>> chains = new LinkedHashMap<>();
    for (CustodyEvent entry : entries.findByOperation(reference)) {
      chains.computeIfAbsent(entry.getItem().label(), label -> new ArrayList<>()).add(entry);
    }
    Map<String, CustodyStanding> standings = new LinkedHashMap<>();
    // An item without entries (a chain deleted behind the application's back; verification reports it) keeps its recorded status.
    items.findByOperation(reference).forEach(item -> standings.put(item.label(), chains.containsKey(item.label())
        ? CustodyStanding.of(chains.get(item.label())) : new CustodyStanding(item.getCustodyStatus(), List.of(), List.of(), List.of())));
    return standings;
  }

  @Transactional(readOnly = true)
  public EvidenceItem item(String reference, int number) {
    return items.findItem(reference, number)
        .orElseThrow(() -> new NotFoundException("Operation " + reference + " has no evidence item E" + number + "."));
  }

  private EvidenceItem register(String reference, EvidenceFacts facts, String sha256, long size, boolean stored,
      String externalLocation, String originalName, String actor, String location, String detail) {
    // The operation row is locked so that concurrent registrations number their items one after the other.
    Operation operation = items.lockOperation(reference)
        .orElseThrow(() -> new NotFoundException("No operation " + reference + "."));
    EvidenceFacts clean = new EvidenceFacts(facts.description().strip(), facts.type(),
        facts.tlp() == null ? operation.getTlp() : facts.tlp(), facts.collectedBy().strip(),
        CustodyChain.truncate(facts.collectedAt()), facts.source().strip());
    EvidenceItem item = items.save(new EvidenceItem(operation, items.lastNumber(reference) + 1, clean, sha256, size, stored,
        externalLocation, originalName, actor, CustodyChain.truncate(Instant.now(clock))));
    custody.append(item, CustodyEntry.of(CustodyEventType.REGISTERED, actor).from(clean.collectedBy()).to(STORE_PARTY)
        .purpose("Registered as evidence of operation " + reference).location(location).detail(detail));
    events.publishEvent(new EvidenceRegistered(reference, item.label()));
    return item;
  }

  private List<FieldProblem> check(EvidenceFacts facts) {
    List<FieldProblem> problems = new ArrayList<>();
    text(problems, "description", facts.description(), 1000, false);
    text(problems, "collectedBy", facts.collectedBy(), 200, true);
    text(problems, "source", facts.source(), 500, true);
    if (facts.type() == null) {
      problems.add(new FieldProblem("type", "must be one of: disk image, memory image, log, malware sample, network capture, document, other"));
    }
    if (facts.collectedAt() == null) {
      problems.add(new FieldProblem("collectedAt", "must say when the item was collected, as an ISO-8601 time such as 2026-11-02T14:30:00Z"));
    } else if (facts.collectedAt().isAfter(Instant.now(clock).plusSeconds(300))) {
      problems.add(new FieldProblem("collectedAt", "lies in the future; give the time the item was collected"));
    }
    return problems;
  }

  /** The text rules of every path ({@link Text}); the description may have several lines, the others one. */
  private static void text(List<FieldProblem> problems, String field, String value, int max, boolean oneLine) {
    String problem = Text.problem(value, oneLine);
    if (value == null || value.isBlank()) {
      problems.add(new FieldProblem(field, "is required"));
    } else if (value.strip().length() > max) {
      problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
    } else if (problem != null) {
      problems.add(new FieldProblem(field, problem));
    }
  }

  private static void refuseIf(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
