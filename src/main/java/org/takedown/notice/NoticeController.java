package org.takedown.notice;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.ForbiddenException;

/** The notices of an operation, for fusion-centre staff: who was told what, and whether it went out. */
@RestController
class NoticeController {

  private final OperationAccess access;
  private final NoticeRepository notices;

  NoticeController(OperationAccess access, NoticeRepository notices) {
    this.access = access;
    this.notices = notices;
  }

  @GetMapping("/api/operations/{reference}/notices")
  List<View> list(@PathVariable String reference) {
    Operation operation = access.centreRecords(Caller.current(), reference.toUpperCase(Locale.ROOT), "The notices");
    return notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(operation.getReference()).stream()
        .map(n -> new View(n.getId(), n.getKind().name(), n.getRecipient(), n.getSubject(), n.getTlp().label(),
            n.getStatus().name(), n.getAttempts(), n.getMessageId(), n.getCreatedAt(), n.getSentAt(), n.getLastError()))
        .toList();
  }

  record View(long id, String kind, String recipient, String subject, String tlp, String status, int attempts,
      String messageId, Instant createdAt, Instant sentAt, String lastError) {}
}
