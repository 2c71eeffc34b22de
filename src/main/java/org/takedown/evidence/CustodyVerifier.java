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

/**
 * Recomputes every custody chain of an operation and the SHA-256 of every stored file, and checks each chain against
 * what the database cannot forge: the custody key's signatures and the heads published to the head log.
 */
@Service
public class CustodyVerifier {

  private final EvidenceItemRepository items;
  private final CustodyEventRepository entries;
  private final EvidenceStore store;
  private final CustodyKey key;
  private final PublishedHeads published;
  private final Clock clock;

  CustodyVerifier(EvidenceItemRepository items, CustodyEventRepository entries, EvidenceStore store, CustodyKey key,
      PublishedHeads published, Clock clock) {
    this.items = items;
    this.entries = entries;
    this.store = store;
    this.key = key;
    this.published = published;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public CustodyVerification verify(String reference) {
    List<Break> breaks = new ArrayList<>();
    int entryCount = 0;
    List<EvidenceItem> register = items.findByOperation(reference);
    // Read even for an empty register: a published head of an item the register no longer has names its removal.
    PublishedHeads.OfOperation log = published.of(reference);
    List<CustodyHead> heads = log.heads();
    java.util.Set<String> labels = new java.util.HashSet<>(register.stream().map(EvidenceItem::label).toList());
    heads.stream().filter(head -> !labels.contains(head.item())).map(CustodyHead::item).distinct().sorted().forEach(label ->
        breaks.add(new Break(label, null, label + " has published heads in the head log, but the register has no " + label
            + ": the item was removed from the database.", label + " in the register", "no " + label)));
    // Lines this node read from the head log before and that it no longer holds: the log was cut back or edited.
    log.lost().forEach(lost -> breaks.add(new Break(lost.item(), lost.length(), "The head log no longer holds the published head of "
        + lost.item() + " at length " + lost.length() + " that it held before: the head log was cut back or edited.",
        "the published head of " + lost.item() + " at length " + lost.length(), "no such line in the head log")));
    for (EvidenceItem item : register) {
      List<CustodyEvent> chain = entries.findByItemOrderBySeq(item);
      entryCount += chain.size();
      checkChain(item, chain, breaks);
      checkAnchors(item, chain, heads.stream().filter(head -> head.item().equals(item.label())).toList(), breaks);
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

  /**
   * Every entry signed by the custody key (except those up to a head adopted when signing began), and every published
   * head found in the database's chain: a forged entry is unsigned, a rewritten or removed one differs from its head.
   */
  private void checkAnchors(EvidenceItem item, List<CustodyEvent> chain, List<CustodyHead> heads, List<Break> breaks) {
    String label = item.label();
    int adoptedUpTo = 0;
    List<CustodyHead> valid = new ArrayList<>();
    for (CustodyHead head : heads) {
      if (!key.verify(head.message(), head.signature())) {
        breaks.add(new Break(label, head.length(), "The head log's line for " + label + " at length " + head.length()
            + " is not signed by the custody key (key " + key.id() + ").", "signed by key " + key.id(), "key " + head.keyId()));
        continue;
      }
      valid.add(head);
      if (head.adopted()) {
        adoptedUpTo = Math.max(adoptedUpTo, head.length());
      }
    }
    for (CustodyEvent entry : chain) {
      boolean signed = entry.getSignature() != null
          && key.verify(CustodyHead.message(item.getOperationReference(), label, entry.getSeq(), entry.getEntryHash(), entry.getOccurredAt()),
              entry.getSignature());
      if (!signed && (entry.getSignature() != null || entry.getSeq() > adoptedUpTo)) {
        breaks.add(new Break(label, entry.getSeq(), label + ", entry " + entry.getSeq() + ": not signed by the custody key (key "
            + key.id() + "): the entry was not written by Takedown, or was changed since.", "signed by key " + key.id(),
            entry.getSignature() == null ? "no signature" : "a signature by key " + entry.getKeyId() + " that does not verify"));
      }
    }
    for (CustodyHead head : valid) {
      CustodyEvent entry = chain.stream().filter(e -> e.getSeq() == head.length()).findFirst().orElse(null);
      if (entry == null) {
        int last = chain.isEmpty() ? 0 : chain.get(chain.size() - 1).getSeq();
        breaks.add(new Break(label, head.length(), "The published head of " + label + " at length " + head.length() + " is " + head.head()
            + ", but the database has no entry " + head.length() + " (its chain ends at entry " + last + "): entries were removed.",
            "entry " + head.length() + " with hash " + head.head(), "no entry " + head.length()));
      } else if (!entry.getEntryHash().equals(head.head())) {
        breaks.add(new Break(label, head.length(), "The published head of " + label + " at length " + head.length() + " is " + head.head()
            + ", the database says " + entry.getEntryHash() + ": the chain was rewritten.", head.head(), entry.getEntryHash()));
      }
    }
  }

  /** The same break, found by verification or by a download, raises the same incident (CustodyIncidents.key). */
  static Break altered(EvidenceItem item, String found) {
    return new Break(item.label(), null, "The stored file of " + item.label() + " was altered: its SHA-256 is not the registered one.",
        item.getSha256(), found);
  }

  private void checkFile(EvidenceItem item, List<Break> breaks) {
    if (!store.contains(item.getSha256())) {
      breaks.add(new Break(item.label(), null, "The stored file of " + item.label() + " is missing.", item.getSha256(), "no file"));
      return;
    }
    try {
      String found = store.hashOf(item.getSha256());
      if (!found.equals(item.getSha256())) {
        breaks.add(altered(item, found));
      }
    } catch (IOException e) {
      breaks.add(new Break(item.label(), null, "The stored file of " + item.label() + " cannot be read: " + e.getMessage(), item.getSha256(), "unreadable"));
    }
  }
}
