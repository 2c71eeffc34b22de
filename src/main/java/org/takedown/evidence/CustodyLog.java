package org.takedown.evidence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends custody entries, one at a time per item (the item row is locked), each chained to the one before, each
 * signing the head it makes with the custody key; once committed, the head is published to the head log.
 */
@Service
public class CustodyLog {

  private static final Logger log = LoggerFactory.getLogger(CustodyLog.class);

  private final CustodyEventRepository entries;
  private final Clock clock;
  private final CustodyKey key;
  private final PublishedHeads published;

  @PersistenceContext
  private EntityManager entities;

  CustodyLog(CustodyEventRepository entries, Clock clock, CustodyKey key, PublishedHeads published) {
    this.entries = entries;
    this.clock = clock;
    this.key = key;
    this.published = published;
  }

  /** Joins the caller's transaction (a registration, or the engine's for a process step), so both commit or neither. */
  @Transactional(propagation = Propagation.MANDATORY)
  public CustodyEvent append(EvidenceItem item, CustodyEntry entry) {
    // Re-read under a row lock: an instance read earlier in this transaction may hold an out-of-date head.
    // The flush first writes this transaction's own appends, which the re-read would otherwise discard.
    EvidenceItem locked = entities.contains(item) ? item : entities.find(EvidenceItem.class, item.getId());
    entities.flush();
    entities.refresh(locked, LockModeType.PESSIMISTIC_WRITE);
    Instant at = CustodyChain.truncate(Instant.now(clock));
    CustodyEvent event = entries.save(new CustodyEvent(locked, locked.getCustodyLength() + 1, entry, at, locked.getCustodyHead())
        .signedWith(key));
    // The stored status is the one the whole chain gives (a receipt counts only once every country confirmed).
    locked.appended(event, CustodyStanding.of(entries.findByItemOrderBySeq(locked)).status());
    publishAfterCommit(event.head());
    return event;
  }

  /**
   * Only a committed head is published: a rolled-back one would look like entries removed. A node that dies between
   * the commit and the write leaves a signed head unpublished, which verification accepts (its signature anchors it).
   */
  private void publishAfterCommit(CustodyHead head) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        try {
          published.append(List.of(head));
        } catch (RuntimeException e) {
          log.error("{} {}: custody head {} at length {} is signed but could not be published to {}", head.operation(), head.item(),
              head.head(), head.length(), published.file(), e);
        }
      }
    });
  }

  @Transactional(readOnly = true)
  public List<CustodyEvent> chain(EvidenceItem item) {
    return entries.findByItemOrderBySeq(item);
  }
}
