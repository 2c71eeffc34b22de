package org.takedown.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.stix.StixExporter;
import org.takedown.system.Caller;
import org.takedown.system.NotFoundException;
import org.takedown.tip.StixExport;

/**
 * One read-only collection per operation, for whoever may read the operation (the TLP rules of
 * {@link OperationAccess}; a caller who may not read it does not see the collection at all). Its
 * objects are the operation's STIX 2.1 export ({@link StixExporter}): report, indicators, context,
 * locations, relationships and marking definitions, marked with the operation's TLP, or for a
 * national unit with the release TLP of the legal decision.
 */
@Service
class OperationCollections {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OperationAccess access;
  private final StixExport export;

  OperationCollections(OperationAccess access, StixExport export) {
    this.access = access;
    this.export = export;
  }

  /** An object of a collection, with the time it was added (its version's time). */
  record Entry(String id, String type, String version, Instant dateAdded, JsonNode object) {}

  /**
   * A collection of an operation: its export, or ({@code coReport}) the combined indicators of a co-reported operation,
   * listed only to its contributing vendors and the fusion centre's staff.
   */
  record Listed(Operation operation, boolean coReport) {

    String id() {
      return coReport ? Taxii.coReportCollectionId(operation.getReference()) : Taxii.collectionId(operation.getReference());
    }
  }

  List<Listed> readable(Caller caller) {
    List<Listed> listed = new ArrayList<>();
    for (OperationAccess.Disclosed d : access.list(caller, null)) {
      listed.add(new Listed(d.operation(), false));
      if (d.operation().isCoReported() && (d.disclosure().isStaff() || d.disclosure().readsContributions())) {
        listed.add(new Listed(d.operation(), true));
      }
    }
    return listed;
  }

  /** The collection of an id, if the caller may read it; else the same 404 as for an unknown id. */
  Listed find(Caller caller, String collectionId) {
    return readable(caller).stream().filter(l -> l.id().equals(collectionId)).findFirst()
        .orElseThrow(() -> new NotFoundException("No collection " + Taxii.clip(collectionId) + " that you may read."));
  }

  ObjectNode collection(Listed listed) {
    Operation operation = listed.operation();
    if (listed.coReport()) {
      ObjectNode c = JSON.createObjectNode().put("id", listed.id())
          .put("title", operation.getReference() + " co-reporters: " + operation.getTitle())
          .put("description", "The indicators of operation " + operation.getReference() + " that several vendors reported, for its"
              + " contributing vendors: each reads those its organisation reported and those the other contributors' TLP lets the"
              + " fusion centre share with co-reporters (TLP:CLEAR, GREEN, AMBER). Read-only.")
          .put("alias", operation.getReference() + "-co-reporters").put("can_read", true).put("can_write", false);
      c.putArray("media_types").add(Taxii.STIX_MEDIA_TYPE);
      return c;
    }
    ObjectNode c = JSON.createObjectNode().put("id", Taxii.collectionId(operation.getReference()))
        .put("title", operation.getReference() + ": " + operation.getTitle())
        .put("description", "The STIX 2.1 export of operation " + operation.getReference()
            + ": its report, indicators, context and markings. Read-only.")
        .put("alias", operation.getReference()).put("can_read", true).put("can_write", false);
    c.putArray("media_types").add(Taxii.STIX_MEDIA_TYPE);
    return c;
  }

  /** The export's objects, ordered by date added, then id (the paging order). */
  @Transactional(readOnly = true)
  List<Entry> objects(Caller caller, Listed listed) {
    Operation operation = listed.operation();
    JsonNode bundle = StixExporter.export(export.forReader(caller, operation));
    // At the precision of the STIX timestamps, so that no object seems added before the operation.
    Instant created = operation.getCreatedAt().truncatedTo(ChronoUnit.MILLIS);
    List<Entry> entries = new ArrayList<>();
    for (JsonNode object : bundle.path("objects")) {
      // The co-reporters' collection: the indicators the reader may see, with the markings they carry.
      if (listed.coReport() && !"indicator".equals(object.path("type").asText()) && !"marking-definition".equals(object.path("type").asText())) {
        continue;
      }
      String version = object.path("modified").asText(object.path("created").asText());
      // The TLP definitions were published long before: they were added to this collection when it began.
      Instant added = object.has("modified") ? Taxii.parseTime("modified", version) : created;
      entries.add(new Entry(object.path("id").asText(), object.path("type").asText(), version, added, object));
    }
    entries.sort(Comparator.comparing(Entry::dateAdded).thenComparing(Entry::id));
    return entries;
  }
}
