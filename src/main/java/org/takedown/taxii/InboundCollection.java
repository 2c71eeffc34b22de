package org.takedown.taxii;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.stix.StixLimits;
import org.takedown.system.Caller;
import org.takedown.system.Hashes;
import org.takedown.system.NotFoundException;
import org.takedown.tip.IntakeWarning;
import org.takedown.tip.TipSubmissions;

/**
 * The inbound "tips" collection: an add (a TAXII envelope or a STIX bundle) becomes a tip exactly as
 * POST /api/tips makes it ({@link TipSubmissions}: same validation, same idempotency, same refusals),
 * and its status is kept for the client to poll. Intake is synchronous, so a status is complete at once.
 */
@Service
class InboundCollection {

  static final String ID = "8a6c5e0f-2d41-4b7a-9c3e-5f1d7b2a9e64";
  private static final UUID ENVELOPES = UUID.fromString("4e2b9d71-6c3a-4f85-a0d2-8b7e1c5f3a96");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final TipSubmissions submissions;
  private final TaxiiStatusRepository statuses;
  private final Clock clock;

  InboundCollection(TipSubmissions submissions, TaxiiStatusRepository statuses, Clock clock) {
    this.submissions = submissions;
    this.statuses = statuses;
    this.clock = clock;
  }

  /** Vendors and coordinators write tips; nobody reads them back here (their operations have collections of their own). */
  static boolean mayWrite(Caller caller) {
    return caller.isVendor() || caller.isCoordinator();
  }

  ObjectNode collection(Caller caller) {
    ObjectNode c = JSON.createObjectNode().put("id", ID).put("title", "Tips")
        .put("description", "Add STIX 2.1 objects (an envelope) or a STIX 2.1 or 2.0 bundle: each add becomes one tip, as with "
            + "POST /api/tips, and its status names the operation it opened. Write-only.")
        .put("alias", "tips").put("can_read", false).put("can_write", mayWrite(caller));
    c.putArray("media_types").add(Taxii.STIX_MEDIA_TYPE);
    return c;
  }

  /**
   * Stores the tip (or finds the one this add repeats) and its status; a refused add stores nothing. Each object is
   * a success, or a failure when nothing of it was taken (a pattern that does not parse, an unknown type, a
   * relationship to an object not in the bundle…), with why in its message, as POST /api/tips answers in warnings.
   */
  ObjectNode add(Caller caller, byte[] body) {
    if (!mayWrite(caller)) {
      throw new Taxii.Refusal(HttpStatus.FORBIDDEN, "Forbidden", "Only vendors and coordinators add tips; the tips collection is not writable for you.");
    }
    String vendor = submissions.vendor(caller, null);
    Instant received = clock.instant();
    byte[] bundle = TipSubmissions.isBundle(body) ? body : bundleOf(body);
    TipSubmissions.Submission submission = submissions.stix(bundle, Taxii.STIX_MEDIA_TYPE, caller, vendor);
    String reference = submission.operation().getReference();
    String message = submission.created() ? "Received: opened operation " + reference
        : "Received before: operation " + reference + " already holds this bundle; nothing new was stored";
    Map<String, List<IntakeWarning>> warned = new LinkedHashMap<>();
    submission.warnings().stream().filter(w -> w.objectId() != null)
        .forEach(w -> warned.computeIfAbsent(w.objectId(), id -> new ArrayList<>()).add(w));
    ObjectNode details = JSON.createObjectNode();
    ArrayNode successes = details.putArray("successes");
    ArrayNode failures = details.putArray("failures");
    int succeeded = 0;
    int failed = 0;
    JsonNode objects = read(bundle).path("objects");
    for (int i = 0; i < objects.size(); i++) {
      JsonNode object = objects.get(i);
      String id = object.path("id").asText();
      String version = object.path("modified").asText(object.path("created").asText(null));
      boolean taken = !submission.notTaken().contains(id);
      List<IntakeWarning> why = warned.getOrDefault(id, List.of());
      ObjectNode entry = (taken ? successes : failures).addObject().put("id", id);
      if (version != null) {
        entry.put("version", version);
      }
      if (taken) {
        succeeded++;
        entry.put("message", why.isEmpty() ? message : message + "; but " + reasons(why));
      } else {
        failed++;
        entry.put("message", "Not taken: " + reasons(why) + (submission.created() ? " (the rest of the add opened operation " + reference + ")"
            : " (operation " + reference + " holds the rest of this add)"));
      }
    }
    details.putArray("pendings");
    return json(statuses.save(new TaxiiStatus(UUID.randomUUID().toString(), caller.user(), received, reference, succeeded, failed, 0,
        details.toString())));
  }

  /** The warnings of one object in one sentence: "pattern (/objects/3/pattern) cannot be parsed at offset …". */
  private static String reasons(List<IntakeWarning> warnings) {
    if (warnings.isEmpty()) {
      return "nothing of it could be taken";
    }
    List<String> parts = warnings.stream().limit(5).map(w -> w.property() + " (" + w.pointer() + ") " + w.message()).toList();
    return String.join("; ", parts) + (warnings.size() > 5 ? "; and " + (warnings.size() - 5) + " more" : "");
  }

  /** The status of an add, for the caller who made it (and the fusion centre's staff); 404 for anyone else. */
  @Transactional(readOnly = true)
  ObjectNode status(Caller caller, String id) {
    TaxiiStatus status = statuses.findById(id).filter(s -> s.getRequestedBy().equals(caller.user()) || caller.isStaff())
        .orElseThrow(() -> new NotFoundException("No status " + Taxii.clip(id) + " of an add of yours."));
    return json(status);
  }

  private static ObjectNode json(TaxiiStatus s) {
    ObjectNode json = JSON.createObjectNode().put("id", s.getId())
        .put("status", s.getPendingCount() == 0 ? "complete" : "pending")
        .put("request_timestamp", Taxii.time(s.getRequestTimestamp()))
        .put("total_count", s.getTotalCount()).put("success_count", s.getSuccessCount())
        .put("failure_count", s.getFailureCount()).put("pending_count", s.getPendingCount());
    JsonNode details = read(s.getDetails().getBytes(StandardCharsets.UTF_8));
    for (String list : new String[] {"successes", "failures", "pendings"}) {
      if (!details.path(list).isEmpty()) {
        json.set(list, details.get(list));
      }
    }
    return json;
  }

  /**
   * An envelope's objects as a bundle: the objects array byte for byte, under a bundle id derived from
   * the envelope's bytes, so that the same envelope added again is recognised as a re-post. A body
   * that is not a readable JSON object goes to the intake unchanged, which says what is wrong with it.
   */
  static byte[] bundleOf(byte[] envelope) {
    // The envelope nests one level less than a bundle; refused as deep as /api/tips refuses it.
    StixLimits.checkDepth(envelope, StixLimits.DEFAULT.maxDepth());
    int start = -1;
    int end = -1;
    // A key given twice ("objects" twice: which one counts?) makes the envelope unreadable here; the intake then refuses it as malformed.
    try (JsonParser parser = STRICT.createParser(envelope)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return envelope;
      }
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("objects".equals(name) && value == JsonToken.START_ARRAY && start < 0) {
          start = (int) parser.currentTokenLocation().getByteOffset();
          parser.skipChildren();
          end = (int) parser.currentTokenLocation().getByteOffset() + 1;
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        return envelope;
      }
    } catch (IOException e) {
      return envelope;
    }
    if (start < 0) {
      throw new Taxii.Refusal(HttpStatus.UNPROCESSABLE_ENTITY, "No objects",
          "The envelope has no \"objects\" array: send {\"objects\": [ ...STIX 2.1 objects... ]}, or a STIX bundle. Nothing was stored.");
    }
    ByteArrayOutputStream bundle = new ByteArrayOutputStream(envelope.length + 80);
    String id = "bundle--" + Taxii.uuid5(ENVELOPES, Hashes.sha256(envelope));
    bundle.writeBytes(("{\"type\":\"bundle\",\"id\":\"" + id + "\",\"objects\":").getBytes(StandardCharsets.UTF_8));
    bundle.write(envelope, start, end - start);
    bundle.write('}');
    return bundle.toByteArray();
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("the intake accepted it, so it is JSON", e);
    }
  }
}
