package org.takedown.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small MaxMind DB file (format 2.0, IPv6 tree with the IPv4 space at ::/96 as MaxMind's own
 * country databases have it, 24-bit records), for tests: MaxMind publishes no writer for Java on
 * Maven Central. Networks must not overlap. Data values may be strings, maps and lists.
 * The format: https://maxmind.github.io/MaxMind-DB/
 */
final class TinyMmdb {

  private final Map<IpBlock, Object> networks = new LinkedHashMap<>();
  private final String databaseType;
  private final long buildEpoch;

  TinyMmdb(String databaseType, long buildEpoch) {
    this.databaseType = databaseType;
    this.buildEpoch = buildEpoch;
  }

  TinyMmdb add(String cidr, Object data) {
    networks.put(IpBlock.parse(cidr), data);
    return this;
  }

  /** GeoLite2's shape: {"country": {"iso_code": "DE", "names": {"en": ...}}, "continent": {...}}. */
  static Map<String, Object> geoLite2(String country) {
    return Map.of("continent", Map.of("code", "EU", "names", Map.of("en", "Europe")),
        "country", Map.of("iso_code", country, "names", Map.of("en", "Somewhere " + country)),
        "registered_country", Map.of("iso_code", country));
  }

  private static final class Node {
    Object left;
    Object right;
  }

  byte[] write() {
    // the tree
    Node root = new Node();
    Map<Object, Integer> dataIndex = new LinkedHashMap<>();
    for (Map.Entry<IpBlock, Object> network : networks.entrySet()) {
      IpBlock block = network.getKey();
      long high = block.firstHigh;
      long low = block.firstLow;
      int depth = block.prefixLength();
      if (block.version() == 4) {
        depth += 96; // ::a.b.c.d/(96 + prefix)
      }
      dataIndex.putIfAbsent(network.getValue(), dataIndex.size());
      Node node = root;
      for (int bit = 0; bit < depth; bit++) {
        boolean one = bit < 64 ? ((high >>> (63 - bit)) & 1) == 1 : ((low >>> (127 - bit)) & 1) == 1;
        boolean last = bit == depth - 1;
        Object child = one ? node.right : node.left;
        if (last) {
          Object leaf = new int[] {dataIndex.get(network.getValue())};
          if (one) {
            node.right = leaf;
          } else {
            node.left = leaf;
          }
        } else {
          if (child == null) {
            child = new Node();
            if (one) {
              node.right = child;
            } else {
              node.left = child;
            }
          }
          node = (Node) child;
        }
      }
    }
    List<Node> nodes = new ArrayList<>();
    Map<Node, Integer> ids = new IdentityHashMap<>();
    ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      ids.put(node, nodes.size());
      nodes.add(node);
      for (Object child : new Object[] {node.left, node.right}) {
        if (child instanceof Node inner) {
          queue.add(inner);
        }
      }
    }
    // the data section
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    for (Object value : dataIndex.keySet()) {
      offsets.add(data.size());
      encode(data, value);
    }
    int nodeCount = nodes.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Node node : nodes) {
      for (Object child : new Object[] {node.left, node.right}) {
        int record;
        if (child == null) {
          record = nodeCount;
        } else if (child instanceof Node inner) {
          record = ids.get(inner);
        } else {
          record = nodeCount + 16 + offsets.get(((int[]) child)[0]);
        }
        out.write(record >>> 16);
        out.write(record >>> 8);
        out.write(record);
      }
    }
    out.writeBytes(new byte[16]);
    out.writeBytes(data.toByteArray());
    out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
    out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("node_count", new Unsigned(6, nodeCount));
    metadata.put("record_size", new Unsigned(5, 24));
    metadata.put("ip_version", new Unsigned(5, 6));
    metadata.put("database_type", databaseType);
    metadata.put("languages", List.of("en"));
    metadata.put("binary_format_major_version", new Unsigned(5, 2));
    metadata.put("binary_format_minor_version", new Unsigned(5, 0));
    metadata.put("build_epoch", new Unsigned(9, buildEpoch));
    metadata.put("description", Map.of("en", "a test table"));
    encode(out, metadata);
    return out.toByteArray();
  }

  /** An unsigned integer of a given MMDB type: 5 uint16, 6 uint32, 9 uint64. */
  record Unsigned(int type, long value) {}

  private static void encode(ByteArrayOutputStream out, Object value) {
    if (value instanceof String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      control(out, 2, bytes.length);
      out.writeBytes(bytes);
    } else if (value instanceof Map<?, ?> map) {
      control(out, 7, map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        encode(out, entry.getKey());
        encode(out, entry.getValue());
      }
    } else if (value instanceof List<?> list) {
      control(out, 11, list.size());
      for (Object item : list) {
        encode(out, item);
      }
    } else if (value instanceof Unsigned number) {
      int length = 0;
      for (long rest = number.value(); rest != 0; rest >>>= 8) {
        length++;
      }
      control(out, number.type(), length);
      for (int i = length - 1; i >= 0; i--) {
        out.write((int) (number.value() >>> (8 * i)));
      }
    } else {
      throw new IllegalArgumentException("cannot encode " + value);
    }
  }

  private static void control(ByteArrayOutputStream out, int type, int size) {
    if (size >= 29) {
      throw new IllegalArgumentException("sizes of 29 and more are not written here");
    }
    if (type <= 7) {
      out.write((type << 5) | size);
    } else {
      out.write(size);
      out.write(type - 7);
    }
  }
}
