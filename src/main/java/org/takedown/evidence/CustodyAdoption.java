package org.takedown.evidence;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start with a head log (there is no log file yet), signs and publishes the head of every chain written
 * before heads were signed, marked "adopted": the chains as they stand become anchored. Only then, never again, so
 * that unsigned entries a database writer adds later are never adopted.
 */
@Component
class CustodyAdoption {

  private static final Logger log = LoggerFactory.getLogger(CustodyAdoption.class);

  private final CustodyEventRepository entries;
  private final PublishedHeads published;
  private final CustodyKey key;

  CustodyAdoption(CustodyEventRepository entries, PublishedHeads published, CustodyKey key) {
    this.entries = entries;
    this.published = published;
    this.key = key;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Transactional(readOnly = true)
  public void adoptOnFirstStart() {
    if (published.exists()) {
      return;
    }
    List<CustodyHead> heads = entries.unsignedHeads().stream().map(CustodyEvent::head).map(this::adopted).toList();
    published.append(heads);
    log.warn("Started the custody head log {}: {} chain(s) written before heads were signed are adopted as they stand. "
        + "Keep this file and the signing key safe (docs/custody.md, \"Anchoring\")", published.file(), heads.size());
  }

  private CustodyHead adopted(CustodyHead head) {
    String signature = key.sign(head.message());
    return new CustodyHead(head.operation(), head.item(), head.length(), head.head(), head.at(), signature, key.id(), true);
  }
}
