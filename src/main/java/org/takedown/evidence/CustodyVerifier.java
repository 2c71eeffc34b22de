package org.takedown.evidence;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.evidence.CustodyVerification.Break;

/** Recomputes every custody chain of an operation and the SHA-256 of every stored file. */
@Service
public class CustodyVerifier {

  private final EvidenceItemRepository items;
  private final CustodyEventRepository entries;
  private final EvidenceStore store;
  private final Clock clock;

  CustodyVerifier(EvidenceItemRepository items, CustodyEventRepository entries, EvidenceStore store, Clock clock) {
    this.items = items;
    this.entries = entries;
    this.store = store;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public CustodyVerification verify(String reference) {
    List<Break> breaks = new ArrayList<>();
    int entryCount = 0;
    List<EvidenceItem> register = items.findByOperation(reference);
    for (EvidenceItem item : register) {
      List<CustodyEvent> chain = entries.findByItemOrderBySeq(item);
      entryCount += chain.size();
      checkChain(item, chain, breaks);
      if (item.isStored()) {
        checkFile(item, breaks);
      }
    }
    return new CustodyVerification(reference, Instant.now(clock), register.size(), entryCount, breaks);
  }

  private static void checkChain(EvidenceItem item, List<CustodyEvent> chain, List<Break> breaks) {
    String label = item.label();
    String previous = EvidenceItem.GENESIS;
    int expectedSeq = 1;
    for (CustodyEvent entry : chain) {
      if (entry.getSeq() != expectedSeq) {
        breaks.add(new Break(label, expectedSeq, "Entry " + expectedSeq + " is missing: the chain goes from entry "
            + (expectedSeq - 1) + " to entry " + entry.getSeq() + ".", "entry " + expectedSeq, "entry " + entry.getSeq()));
      }
      if (!entry.getPreviousHash().equals(previous)) {
        breaks.add(new Break(label, entry.getSeq(), "Entry " + entry.getSeq() + " does not follow the entry before it.",
            previous, entry.getPreviousHash()));
      }
      String recomputed = CustodyChain.hash(item, entry);
      if (!recomputed.equals(entry.getEntryHash())) {
        breaks.add(new Break(label, entry.getSeq(), "Entry " + entry.getSeq()
            + " no longer matches its recorded hash: the entry or the item's registered facts were changed.", entry.getEntryHash(), recomputed));
      }
      previous = entry.getEntryHash();
      expectedSeq = entry.getSeq() + 1;
    }
    int last = chain.isEmpty() ? 0 : chain.get(chain.size() - 1).getSeq();
    if (last != item.getCustodyLength() || !Objects.equals(previous, item.getCustodyHead())) {
      breaks.add(new Break(label, null, "The chain ends at entry " + last + ", but the register recorded "
          + item.getCustodyLength() + " entries ending in another hash: entries were removed or added.",
          item.getCustodyLength() + " entries, last hash " + item.getCustodyHead(), last + " entries, last hash " + previous));
    }
  }

  private void checkFile(EvidenceItem item, List<Break> breaks) {
    if (!store.contains(item.getSha256())) {
      breaks.add(new Break(item.label(), null, "The stored file of " + item.label() + " is missing.", item.getSha256(), "no file"));
      return;
    }
    try {
      String found = store.hashOf(item.getSha256());
      if (!found.equals(item.getSha256())) {
        breaks.add(new Break(item.label(), null, "The stored file of " + item.label() + " was altered: its SHA-256 is not the registered one.",
            item.getSha256(), found));
      }
    } catch (IOException e) {
      breaks.add(new Break(item.label(), null, "The stored file of " + item.label() + " cannot be read: " + e.getMessage(), item.getSha256(), "unreadable"));
    }
  }
}
