package org.takedown.evidence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends custody entries, one at a time per item (the item row is locked), each chained to the one before. */
@Service
public class CustodyLog {

  private final CustodyEventRepository entries;
  private final Clock clock;

  @PersistenceContext
  private EntityManager entities;

  CustodyLog(CustodyEventRepository entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
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
    CustodyEvent event = entries.save(new CustodyEvent(locked, locked.getCustodyLength() + 1, entry, at, locked.getCustodyHead()));
    // The stored status is the one the whole chain gives (a receipt counts only once every country confirmed).
    locked.appended(event, CustodyStanding.of(entries.findByItemOrderBySeq(locked)).status());
    return event;
  }

  @Transactional(readOnly = true)
  public List<CustodyEvent> chain(EvidenceItem item) {
    return entries.findByItemOrderBySeq(item);
  }
}
