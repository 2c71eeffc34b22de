package org.takedown.evidence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.evidence.EvidenceViews.Entry;
import org.takedown.evidence.EvidenceViews.Item;
import org.takedown.evidence.EvidenceViews.ItemWithChain;
import org.takedown.operation.Operation;

/**
 * An operation's custody report: every item and its full chain, read in one statement per table, with a fresh
 * verification. The API answers it as JSON; briefing writes it as a Word document.
 */
@Service
public class CustodyReports {

  private final EvidenceItemRepository items;
  private final CustodyEventRepository entries;
  private final CustodyVerifier verifier;
  private final Clock clock;

  CustodyReports(EvidenceItemRepository items, CustodyEventRepository entries, CustodyVerifier verifier, Clock clock) {
    this.items = items;
    this.entries = entries;
    this.verifier = verifier;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public EvidenceViews.Report report(Operation operation) {
    String reference = operation.getReference();
    Map<Long, List<CustodyEvent>> chains = new LinkedHashMap<>();
    for (CustodyEvent entry : entries.findByOperation(reference)) {
      chains.computeIfAbsent(entry.getItem().getId(), id -> new ArrayList<>()).add(entry);
    }
    List<ItemWithChain> register = items.findByOperation(reference).stream().map(i -> {
      List<CustodyEvent> chain = chains.getOrDefault(i.getId(), List.of());
      return new ItemWithChain(Item.of(i, CustodyStanding.of(chain)), chain.stream().map(Entry::of).toList());
    }).toList();
    return new EvidenceViews.Report(reference, operation.getTitle(), operation.getTlp().label(), Instant.now(clock), register,
        EvidenceViews.Verification.of(verifier.verify(reference)));
  }
}
