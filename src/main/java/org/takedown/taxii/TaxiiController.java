package org.takedown.taxii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.takedown.operation.Operation;
import org.takedown.stix.StixProblem;
import org.takedown.stix.StixRejectedException;
import org.takedown.system.Caller;
import org.takedown.system.NotFoundException;
import org.takedown.taxii.OperationCollections.Entry;

/**
 * TAXII 2.1 (OASIS, section 4 onwards): discovery at /taxii2/, one API root at /taxii2/api/, the
 * inbound tips collection and one read-only collection per readable operation, objects, manifest,
 * versions and the status of adds. Every answer is application/taxii+json;version=2.1; every error a
 * TAXII error message (here, or rewritten by {@link TaxiiErrors}).
 */
@RestController
@RequestMapping(Taxii.ROOT)
class TaxiiController {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ANY_VERSION = Set.of("all", "first", "last");

  private final InboundCollection inbound;
  private final OperationCollections operations;
  private final long maxContentLength;

  TaxiiController(InboundCollection inbound, OperationCollections operations,
      @Value("${takedown.api.max-body-size:64MB}") DataSize maxContentLength) {
    this.inbound = inbound;
    this.operations = operations;
    this.maxContentLength = maxContentLength.toBytes();
  }

  @GetMapping({"", "/"})
  ResponseEntity<byte[]> discovery(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    Taxii.checkAccept(accept);
    String root = ServletUriComponentsBuilder.fromCurrentContextPath().path(Taxii.API_ROOT).toUriString();
    ObjectNode discovery = JSON.createObjectNode().put("title", "Takedown TAXII 2.1 server")
        .put("description", "Vendors add tips to the collection 'tips'; each operation you may read is a collection of its STIX 2.1 export.")
        .put("default", root);
    discovery.putArray("api_roots").add(root);
    return answer(HttpStatus.OK, discovery, null);
  }

  @GetMapping({"/api", "/api/"})
  ResponseEntity<byte[]> apiRoot(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    Taxii.checkAccept(accept);
    ObjectNode root = JSON.createObjectNode().put("title", "Takedown")
        .put("description", "Tips in, operations out, in STIX 2.1.");
    root.putArray("versions").add(Taxii.MEDIA_TYPE);
    root.put("max_content_length", maxContentLength);
    return answer(HttpStatus.OK, root, null);
  }

  @GetMapping({"/api/collections", "/api/collections/"})
  ResponseEntity<byte[]> collections(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    Taxii.checkAccept(accept);
    Caller caller = Caller.current();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("collections");
    if (InboundCollection.mayWrite(caller)) {
      list.add(inbound.collection(caller));
    }
    operations.readable(caller).forEach(o -> list.add(operations.collection(o)));
    return answer(HttpStatus.OK, body, null);
  }

  @GetMapping({"/api/collections/{id}", "/api/collections/{id}/"})
  ResponseEntity<byte[]> collection(@PathVariable String id, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    Taxii.checkAccept(accept);
    Caller caller = Caller.current();
    return answer(HttpStatus.OK, isInbound(caller, id) ? inbound.collection(caller) : operations.collection(operations.find(caller, id)), null);
  }

  @PostMapping({"/api/collections/{id}/objects", "/api/collections/{id}/objects/"})
  ResponseEntity<byte[]> add(@PathVariable String id, @RequestBody byte[] body,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    Caller caller = Caller.current();
    if (!isInbound(caller, id)) {
      operations.find(caller, id);
      throw new Taxii.Refusal(HttpStatus.FORBIDDEN, "Read-only collection",
          "An operation's collection is read-only; add tips to the collection 'tips' (" + InboundCollection.ID + ").");
    }
    Taxii.checkAccept(accept);
    Taxii.checkContentType(contentType);
    return answer(HttpStatus.ACCEPTED, inbound.add(caller, body), null);
  }

  @GetMapping({"/api/collections/{id}/objects", "/api/collections/{id}/objects/"})
  ResponseEntity<byte[]> objects(@PathVariable String id, Filters filters) {
    Page page = page(id, filters, null);
    ObjectNode envelope = envelope(page);
    if (!page.entries().isEmpty()) {
      page.entries().forEach(envelope.putArray("objects")::add);
    }
    return answer(HttpStatus.OK, envelope, page);
  }

  @GetMapping({"/api/collections/{id}/objects/{objectId}", "/api/collections/{id}/objects/{objectId}/"})
  ResponseEntity<byte[]> object(@PathVariable String id, @PathVariable String objectId, Filters filters) {
    Page page = page(id, filters, objectId);
    ObjectNode envelope = envelope(page);
    page.entries().forEach(envelope.putArray("objects")::add);
    return answer(HttpStatus.OK, envelope, page);
  }

  @GetMapping({"/api/collections/{id}/objects/{objectId}/versions", "/api/collections/{id}/objects/{objectId}/versions/"})
  ResponseEntity<byte[]> versions(@PathVariable String id, @PathVariable String objectId, Filters filters) {
    Page page = page(id, new Filters(filters.accept, filters.limit, filters.next, filters.added_after, null, null, "all", null), objectId);
    ObjectNode body = envelope(page);
    page.slice().forEach(e -> body.withArray("versions").add(e.version()));
    return answer(HttpStatus.OK, body, page);
  }

  @GetMapping({"/api/collections/{id}/manifest", "/api/collections/{id}/manifest/"})
  ResponseEntity<byte[]> manifest(@PathVariable String id, Filters filters) {
    Page page = page(id, filters, null);
    ObjectNode body = envelope(page);
    page.slice().forEach(e -> body.withArray("objects").addObject().put("id", e.id()).put("date_added", Taxii.time(e.dateAdded()))
        .put("version", e.version()).put("media_type", Taxii.STIX_MEDIA_TYPE));
    return answer(HttpStatus.OK, body, page);
  }

  @GetMapping({"/api/status/{statusId}", "/api/status/{statusId}/"})
  ResponseEntity<byte[]> status(@PathVariable String statusId, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    Taxii.checkAccept(accept);
    return answer(HttpStatus.OK, inbound.status(Caller.current(), statusId), null);
  }

  /**
   * The query parameters of objects, manifest and versions (bound by name; match[id] and friends are
   * read from the request by {@link #page}).
   */
  record Filters(String accept, String limit, String next, String added_after, String matchId, String matchType, String matchVersion,
      String matchSpecVersion) {}

  @org.springframework.web.bind.annotation.ModelAttribute
  Filters filters(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
      @RequestParam(required = false) String limit, @RequestParam(required = false) String next,
      @RequestParam(name = "added_after", required = false) String addedAfter,
      @RequestParam(name = "match[id]", required = false) String matchId,
      @RequestParam(name = "match[type]", required = false) String matchType,
      @RequestParam(name = "match[version]", required = false) String matchVersion,
      @RequestParam(name = "match[spec_version]", required = false) String matchSpecVersion) {
    return new Filters(accept, limit, next, addedAfter, matchId, matchType, matchVersion, matchSpecVersion);
  }

  /** One page of a collection's entries after the filters, and the whole count for more/next. */
  record Page(List<Entry> slice, int offset, int limit, int total) {
    List<JsonNode> entries() {
      return slice.stream().map(Entry::object).toList();
    }

    boolean more() {
      return offset + slice.size() < total;
    }
  }

  private Page page(String id, Filters f, String objectId) {
    Taxii.checkAccept(f.accept());
    Caller caller = Caller.current();
    if (isInbound(caller, id)) {
      throw new Taxii.Refusal(HttpStatus.FORBIDDEN, "Write-only collection",
          "The collection 'tips' takes adds only; read each operation's own collection instead.");
    }
    OperationCollections.Listed operation = operations.find(caller, id);
    int limit = f.limit() == null ? DEFAULT_LIMIT : Math.min(number("limit", f.limit(), 1), MAX_LIMIT);
    int offset = f.next() == null ? 0 : number("next", f.next(), 0);
    Predicate<Entry> keep = e -> true;
    if (objectId != null) {
      keep = keep.and(e -> e.id().equals(objectId));
    }
    if (f.added_after() != null) {
      Instant after = Taxii.parseTime("added_after", f.added_after());
      keep = keep.and(e -> e.dateAdded().isAfter(after));
    }
    if (f.matchId() != null) {
      Set<String> ids = values(f.matchId());
      keep = keep.and(e -> ids.contains(e.id()));
    }
    if (f.matchType() != null) {
      Set<String> types = values(f.matchType());
      keep = keep.and(e -> types.contains(e.type()));
    }
    if (f.matchVersion() != null) {
      Set<String> versions = values(f.matchVersion());
      // Each object has one version here, so first, last and all are all of them.
      if (versions.stream().noneMatch(ANY_VERSION::contains)) {
        Set<Instant> times = versions.stream().map(v -> Taxii.parseTime("match[version]", v)).collect(Collectors.toSet());
        keep = keep.and(e -> times.contains(Taxii.parseTime("version", e.version())));
      }
    }
    if (f.matchSpecVersion() != null && !values(f.matchSpecVersion()).contains("2.1")) {
      keep = e -> false;
    }
    List<Entry> all = operations.objects(caller, operation).stream().filter(keep).toList();
    if (objectId != null && all.isEmpty()) {
      throw new NotFoundException("No object " + Taxii.clip(objectId) + " in this collection (with these filters).");
    }
    int from = Math.min(offset, all.size());
    return new Page(all.subList(from, Math.min(from + limit, all.size())), from, limit, all.size());
  }

  private static ObjectNode envelope(Page page) {
    ObjectNode envelope = JSON.createObjectNode().put("more", page.more());
    if (page.more()) {
      envelope.put("next", String.valueOf(page.offset() + page.slice().size()));
    }
    return envelope;
  }

  private boolean isInbound(Caller caller, String id) {
    return InboundCollection.ID.equals(id) && InboundCollection.mayWrite(caller);
  }

  private static int number(String parameter, String text, int least) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= least) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new Taxii.Refusal(HttpStatus.BAD_REQUEST, "Invalid parameter", parameter + " must be a whole number of at least " + least
        + (parameter.equals("next") ? ", as the previous page's next gave it" : "") + ", not '" + Taxii.clip(text) + "'.");
  }

  private static Set<String> values(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(v -> !v.isEmpty()).collect(Collectors.toSet());
  }

  private static ResponseEntity<byte[]> answer(HttpStatus status, JsonNode body, Page page) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, Taxii.MEDIA_TYPE);
    if (page != null && !page.slice().isEmpty()) {
      headers.set("X-TAXII-Date-Added-First", Taxii.time(page.slice().get(0).dateAdded()));
      headers.set("X-TAXII-Date-Added-Last", Taxii.time(page.slice().get(page.slice().size() - 1).dateAdded()));
    }
    try {
      return ResponseEntity.status(status).headers(headers).body(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }

  @ExceptionHandler(Taxii.Refusal.class)
  ResponseEntity<byte[]> refused(Taxii.Refusal e) {
    return error(e.status.value(), e.title, e.getMessage(), null);
  }

  /** A refused bundle: as on /api/tips, its status by kind, and every problem with object id, JSON pointer and property. */
  @ExceptionHandler(StixRejectedException.class)
  ResponseEntity<byte[]> rejected(StixRejectedException e) {
    List<StixProblem> problems = e.stixProblems();
    String title = switch (e.kind()) {
      case MALFORMED -> "Not readable STIX";
      case UNSUPPORTED_VERSION -> "Unsupported STIX version";
      case TOO_LARGE -> "Too large";
      case INVALID -> "Invalid STIX";
      case NOTHING_TO_ACT_ON -> "Nothing to act on";
    };
    String description = "The objects were refused and nothing was stored: "
        + (problems.isEmpty() ? "they could not be read" : problems.get(0).describe())
        + (problems.size() > 1 ? "; and " + (problems.size() - 1) + " more problem(s), listed in details" : "")
        + ". Fix them and add them again.";
    ObjectNode details = JSON.createObjectNode();
    ArrayNode errors = details.putArray("errors");
    problems.forEach(p -> errors.addObject().put("object_id", p.objectId()).put("pointer", p.pointer()).put("property", p.property())
        .put("message", p.message()));
    return error(e.kind().suggestedStatus(), title, description, details);
  }

  private static ResponseEntity<byte[]> error(int status, String title, String description, JsonNode details) {
    return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, Taxii.MEDIA_TYPE)
        .body(TaxiiErrors.message(status, title, description, details));
  }
}
