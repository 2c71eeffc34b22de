package org.takedown.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.system.Caller;
import org.takedown.system.Groups;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;

@RestController
@RequestMapping("/api/tips")
class TipController {

  private final TipService tips;
  private final ObjectMapper json;
  private final IdentityService identity;

  TipController(TipService tips, ObjectMapper json, IdentityService identity) {
    this.tips = tips;
    this.json = json;
    this.identity = identity;
  }

  /** The body is read as bytes so that the tip is kept, and hashed, exactly as it was sent. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Submitted> submit(@RequestBody byte[] body, HttpServletRequest request) {
    TipRequest tip;
    try {
      tip = json.readValue(body, TipRequest.class);
    } catch (IOException e) {
      throw new HttpMessageNotReadableException(e.getMessage(), e, new ServletServerHttpRequest(request));
    }
    if (tip == null) {
      throw new HttpMessageNotReadableException("The body is empty; send a tip as a JSON object", new ServletServerHttpRequest(request));
    }
    Caller caller = Caller.current();
    Operation operation = tips.submit(body, MediaType.APPLICATION_JSON_VALUE, tip, caller.user(), vendor(caller, tip));
    URI location = URI.create("/api/operations/" + operation.getReference());
    return ResponseEntity.created(location).body(new Submitted(operation.getReference(), operation.getStage(), location.toString()));
  }

  /** A vendor submits as itself; a coordinator may enter a tip on behalf of a vendor user. */
  private String vendor(Caller caller, TipRequest tip) {
    boolean named = tip.vendor() != null && !tip.vendor().isBlank();
    if (caller.isCoordinator()) {
      if (!named) {
        return caller.user();
      }
      String vendor = tip.vendor().trim();
      if (identity.createUserQuery().userId(vendor).memberOfGroup(Groups.VENDORS).count() == 0) {
        throw new InvalidInputException("vendor", "'" + vendor + "' is not a user of the group " + Groups.VENDORS
            + "; name the vendor's account, so that the vendor can follow its operation");
      }
      return vendor;
    }
    if (!caller.isVendor()) {
      throw new ForbiddenException("Only vendors and coordinators submit tips.");
    }
    if (named && !tip.vendor().trim().equals(caller.user())) {
      throw new InvalidInputException("vendor", "you submit as '" + caller.user() + "'; leave vendor out or set it to '" + caller.user() + "'");
    }
    return caller.user();
  }

  record Submitted(String reference, Stage stage, String location) {}
}
