package org.takedown.notice;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.evidence.CustodyDigestDue;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;

/**
 * The daily custody digest: one mail per operation and coordinator with the heads its chains reached that day. It is
 * not a step of the operation's process, so it is recorded and sent here, at once; a failed send stays recorded
 * (pending, with its error) for an operator to see.
 */
@Component
class CustodyDigestNotices {

  private static final Logger log = LoggerFactory.getLogger(CustodyDigestNotices.class);

  private final OperationService operations;
  private final Recipients recipients;
  private final NoticeRecorder recorder;
  private final NoticeDelivery delivery;
  private final TransactionTemplate transaction;

  CustodyDigestNotices(OperationService operations, Recipients recipients, NoticeRecorder recorder, NoticeDelivery delivery,
      PlatformTransactionManager transactions) {
    this.operations = operations;
    this.recipients = recipients;
    this.recorder = recorder;
    this.delivery = delivery;
    this.transaction = new TransactionTemplate(transactions);
  }

  @EventListener
  public void digest(CustodyDigestDue event) {
    List<Long> ids = transaction.execute(status -> {
      Operation operation = operations.get(event.reference());
      Map<String, Object> always = Map.of("day", event.day().toString(), "keyId", event.keyId(), "heads", event.heads().stream()
          .map(h -> Map.of("item", h.item(), "length", h.length(), "head", h.head(), "at", h.at().toString(), "signature", h.signature(),
              "keyId", h.keyId()))
          .toList());
      return recipients.coordinators().stream().map(address -> recorder.record(event.processInstanceId(), operation,
          NoticeKind.CUSTODY_DIGEST, address, operation.getTlp(), Map.of(), null, always).getId()).toList();
    });
    for (Long id : ids) {
      try {
        delivery.deliver(id);
      } catch (RuntimeException e) {
        log.error("{}: the custody digest of {} could not be sent (notice {}); it stays pending", event.reference(), event.day(), id, e);
      }
    }
  }
}
