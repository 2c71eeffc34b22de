package org.takedown.security;

import org.takedown.system.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.system.OneLine;

/** Administrators create and revoke vendor API keys. Only camunda-admin reaches /api/admin. */
@RestController
@RequestMapping("/api/admin/api-keys")
class ApiKeyController {

  private final ApiKeyService keys;

  ApiKeyController(ApiKeyService keys) {
    this.keys = keys;
  }

  @PostMapping
  ResponseEntity<CreatedKey> create(@Valid @RequestBody NewKey request) {
    ApiKeyService.Created created = keys.create(request.vendor(), request.label(), Caller.current().user());
    return ResponseEntity.created(URI.create("/api/admin/api-keys/" + created.key().getId()))
        .body(new CreatedKey(View.of(created.key()), created.secret(),
            "Store this key now: it is shown only once. Send it as the X-Api-Key header."));
  }

  @GetMapping
  List<View> list() {
    return keys.list().stream().map(View::of).toList();
  }

  @DeleteMapping("/{id}")
  View revoke(@PathVariable long id) {
    return View.of(keys.revoke(id, Caller.current().user()));
  }

  record NewKey(@NotBlank(message = "is required: the vendor user the key acts as") @OneLine String vendor,
      @NotBlank(message = "is required: what the key is for, e.g. 'SOC intake pipeline'")
      @Size(max = 200, message = "must be at most 200 characters") @OneLine String label) {}

  record CreatedKey(View key, String apiKey, String note) {}

  record View(long id, String vendor, String label, String prefix, Instant createdAt, String createdBy,
      Instant revokedAt, String revokedBy, boolean active) {
    static View of(ApiKey key) {
      return new View(key.getId(), key.getVendor(), key.getLabel(), key.getPrefix(), key.getCreatedAt(),
          key.getCreatedBy(), key.getRevokedAt(), key.getRevokedBy(), key.isActive());
    }
  }
}
