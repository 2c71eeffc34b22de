package org.takedown.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.system.InvalidInputException;

/** The audit trail for administrators: newest first, by operation, actor and time. */
@RestController
@RequestMapping("/api/admin/audit")
class AuditController {

  private final AuditEventRepository events;

  AuditController(AuditEventRepository events) {
    this.events = events;
  }

  @GetMapping
  List<AuditEvent> search(@RequestParam(required = false) String operation, @RequestParam(required = false) String actor,
      @RequestParam(required = false) Instant since, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be between 1 and 1000");
    }
    // no "since" is the beginning of time, not a null parameter: PostgreSQL cannot type a null timestamp
    return events.search(operation == null ? null : operation.toUpperCase(Locale.ROOT), actor, since == null ? Instant.EPOCH : since,
        PageRequest.of(0, limit));
  }
}
