package org.takedown.tip;

import java.util.Locale;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.OneLine;

/**
 * A coordinator sets or corrects the provider of a domain or URL: POST /api/operations/{reference}/indicators/provider
 * with {@code type}, {@code value} and {@code provider} (blank or null: not known). Recorded in the audit trail like
 * every change through the API.
 */
@RestController
class IndicatorProviderController {

  private final OperationAccess access;
  private final IndicatorProviders providers;

  IndicatorProviderController(OperationAccess access, IndicatorProviders providers) {
    this.access = access;
    this.providers = providers;
  }

  /** Unknown fields are refused (system.StrictJson). */
  record Body(@OneLine String type, @OneLine String value, String provider) {}

  @PostMapping("/api/operations/{reference}/indicators/provider")
  IndicatorProviders.Set set(@PathVariable String reference, @jakarta.validation.Valid @RequestBody Body body) {
    Caller caller = Caller.current();
    access.centreRecords(caller, reference.toUpperCase(Locale.ROOT), "Indicators' providers");
    if (!caller.isCoordinator()) {
      throw new ForbiddenException("Only coordinators set the provider of an indicator.");
    }
    if (body == null) {
      throw new InvalidInputException("provider", "is required: send {\"type\": …, \"value\": …, \"provider\": …}");
    }
    return providers.set(reference, body.type(), body.value(), body.provider(), caller.user());
  }
}
