package org.takedown.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Limits of one bundle: how many objects, and how deep JSON may nest. The body size is the HTTP
 * layer's (it can call {@link #checkDepth} before reading the tree, in one streaming pass).
 */
public record StixLimits(int maxObjects, int maxDepth) {

  /**
   * 250,000 objects leaves room for a bundle of 50,000 indicators (takedown.tips.max-indicators) with an observable, a
   * relationship and a sighting each, and the locations they point at; real STIX nests about 8 deep. The intake reads
   * the object limit from takedown.stix.max-objects.
   */
  public static final StixLimits DEFAULT = new StixLimits(250_000, 64);

  public StixLimits {
    if (maxObjects < 1 || maxDepth < 4) {
      throw new IllegalArgumentException("maxObjects must be at least 1 and maxDepth at least 4");
    }
  }

  /**
   * Throws {@link StixRejectedException} (TOO_LARGE) when the JSON nests deeper than
   * {@code maxDepth}, reading tokens only (no tree), so 10,000 nested arrays cost next to nothing.
   * Malformed JSON is left to the reader, which says what is wrong.
   */
  public static void checkDepth(byte[] json, int maxDepth) {
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      int depth = 0;
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t.isStructStart() && ++depth > maxDepth) {
          throw new StixRejectedException(StixRejectedException.Kind.TOO_LARGE, "", "depth",
              "nests deeper than " + maxDepth + " levels (at byte " + parser.currentTokenLocation().getByteOffset()
                  + "); a STIX bundle needs far fewer");
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
    } catch (IOException e) {
      // not JSON: the reader reports it with its position
    }
  }
}
