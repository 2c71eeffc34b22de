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
    locked.appended(event, statusAfter(locked.getCustodyStatus(), entry.type()));
    return event;
  }

  @Transactional(readOnly = true)
  public List<CustodyEvent> chain(EvidenceItem item) {
    return entries.findByItemOrderBySeq(item);
  }

  private static CustodyStatus statusAfter(CustodyStatus current, CustodyEventType type) {
    return switch (type) {
      case REGISTERED -> CustodyStatus.IN_CUSTODY;
      case RELEASED, RESENT -> CustodyStatus.RELEASED;
      case QUARANTINED -> CustodyStatus.QUARANTINED;
      case RETURNED -> CustodyStatus.RETURNED;
      case DESTROYED -> CustodyStatus.DESTROYED;
      case PACKAGED, DOWNLOADED, RECEIVED -> current;
    };
  }
}
