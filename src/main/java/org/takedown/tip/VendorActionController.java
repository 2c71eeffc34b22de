package org.takedown.tip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.PlainText;

/** What a vendor does to its own operation: answer a legal officer's question, or withdraw the tip. */
@RestController
@RequestMapping("/api/operations/{reference}")
class VendorActionController {

  private final OperationAccess access;
  private final TipService tips;

  VendorActionController(OperationAccess access, TipService tips) {
    this.access = access;
    this.tips = tips;
  }

  @PostMapping("/information")
  ResponseEntity<Void> answer(@PathVariable String reference, @Valid @RequestBody Information body) {
    Operation operation = access.ownedBy(Caller.current(), reference.toUpperCase(Locale.ROOT), "answer its information requests");
    tips.answerInformationRequest(operation.getReference(), body.information().trim());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/withdrawal")
  ResponseEntity<Void> withdraw(@PathVariable String reference, @Valid @RequestBody Withdrawal body) {
    Operation operation = access.ownedBy(Caller.current(), reference.toUpperCase(Locale.ROOT), "withdraw it");
    tips.withdraw(operation.getReference(), body.reason().trim());
    return ResponseEntity.noContent().build();
  }

  record Information(@NotBlank(message = "is required: the answer to the legal officer's question")
      @Size(max = 10000, message = "must be at most 10000 characters") @PlainText String information) {}

  record Withdrawal(@NotBlank(message = "is required: why the tip is withdrawn")
      @Size(max = 4000, message = "must be at most 4000 characters") @PlainText String reason) {}
}
