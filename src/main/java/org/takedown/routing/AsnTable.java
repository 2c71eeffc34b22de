package org.takedown.routing;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An IP-to-ASN table in memory, kept small: for each family the sorted ranges as primitive arrays (IPv4 first and
 * last as ints, IPv6 as two longs each) and, per range, an int index into one deduplicated list of
 * {@link Asn} (number and organisation, each organisation name held once). Half a million ranges take about
 * 20 MB of heap (docs/providers.md). A lookup is a binary search and allocates nothing. Immutable once built.
 */
final class AsnTable {

  private static final int FLIP = Integer.MIN_VALUE;
  private static final long FLIP_LONG = Long.MIN_VALUE;

  private final int[] v4First;
  private final int[] v4Last;
  private final int[] v4Asn;
  private final long[] v6FirstHigh;
  private final long[] v6FirstLow;
  private final long[] v6LastHigh;
  private final long[] v6LastLow;
  private final int[] v6Asn;
  private final Asn[] asns;
  private final LocalDate date;
  private final int rows;

  private AsnTable(Builder b, LocalDate date) {
    this.v4First = Arrays.copyOf(b.v4First, b.v4Size);
    this.v4Last = Arrays.copyOf(b.v4Last, b.v4Size);
    this.v4Asn = Arrays.copyOf(b.v4Asn, b.v4Size);
    this.v6FirstHigh = Arrays.copyOf(b.v6FirstHigh, b.v6Size);
    this.v6FirstLow = Arrays.copyOf(b.v6FirstLow, b.v6Size);
    this.v6LastHigh = Arrays.copyOf(b.v6LastHigh, b.v6Size);
    this.v6LastLow = Arrays.copyOf(b.v6LastLow, b.v6Size);
    this.v6Asn = Arrays.copyOf(b.v6Asn, b.v6Size);
    this.asns = b.asns.values().toArray(Asn[]::new);
    this.date = date;
    this.rows = b.rows;
  }

  int rows() {
    return rows;
  }

  int ranges(int version) {
    return version == 4 ? v4First.length : v6FirstHigh.length;
  }

  /** Distinct (number, organisation) pairs. */
  int systems() {
    return asns.length;
  }

  LocalDate date() {
    return date;
  }

  /** Bytes of heap the arrays and the organisation list take (object headers and strings estimated as the JVM lays them out). */
  long heapBytes() {
    long arrays = 16L * 8 + 4L * 3 * v4First.length + (8L * 4 + 4) * v6FirstHigh.length;
    long entries = 16 + 4L * asns.length;
    java.util.Set<String> names = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Asn asn : asns) {
      entries += 24; // the record: header, long, reference
      if (names.add(asn.organisation())) {
        entries += 24 + 16 + ((asn.organisation().length() + 7) / 8) * 8L; // String, its byte[] (Latin-1 mostly)
      }
    }
    return arrays + entries;
  }

  /** The organisation of an AS number as the table names it (the first of its ranges), or null: a scan, for the few ASN indicators. */
  Asn system(long number) {
    for (Asn asn : asns) {
      if (asn.number() == number) {
        return asn;
      }
    }
    return null;
  }

  /** The system of one address, or null where no range holds it. */
  Asn lookup(IpBlock block) {
    if (block.version() == 4) {
      int first = find4(block.firstLow);
      if (first < 0) {
        return null;
      }
      return contains4(first, block.lastLow) ? asns[v4Asn[first]] : sameAcross4(first, block);
    }
    int first = find6(block.firstHigh, block.firstLow);
    if (first < 0) {
      return null;
    }
    return contains6(first, block.lastHigh, block.lastLow) ? asns[v6Asn[first]] : sameAcross6(first, block);
  }

  /** A block over several ranges has one system only if consecutive ranges of that system cover it all. */
  private Asn sameAcross4(int first, IpBlock block) {
    int asn = v4Asn[first];
    for (int i = first; i < v4First.length && v4Asn[i] == asn; i++) {
      if (i > first && (v4First[i] ^ FLIP) != (v4Last[i - 1] ^ FLIP) + 1) {
        return null; // a gap
      }
      if (contains4(i, block.lastLow)) {
        return asns[asn];
      }
    }
    return null;
  }

  private Asn sameAcross6(int first, IpBlock block) {
    int asn = v6Asn[first];
    for (int i = first; i < v6FirstHigh.length && v6Asn[i] == asn; i++) {
      if (i > first) {
        long nextLow = v6LastLow[i - 1] + 1;
        long nextHigh = nextLow == FLIP_LONG ? v6LastHigh[i - 1] + 1 : v6LastHigh[i - 1];
        if (v6FirstHigh[i] != nextHigh || v6FirstLow[i] != nextLow) {
          return null; // a gap
        }
      }
      if (contains6(i, block.lastHigh, block.lastLow)) {
        return asns[asn];
      }
    }
    return null;
  }

  private boolean contains4(int index, long address) {
    return v4Last[index] >= ((int) address ^ FLIP);
  }

  private boolean contains6(int index, long high, long low) {
    long h = high ^ FLIP_LONG;
    long l = low ^ FLIP_LONG;
    return v6LastHigh[index] > h || (v6LastHigh[index] == h && v6LastLow[index] >= l);
  }

  private int find4(long address) {
    int key = (int) address ^ FLIP;
    int low = 0;
    int high = v4First.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (v4First[mid] <= key) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found >= 0 && v4Last[found] >= key ? found : -1;
  }

  private int find6(long addressHigh, long addressLow) {
    long h = addressHigh ^ FLIP_LONG;
    long l = addressLow ^ FLIP_LONG;
    int low = 0;
    int high = v6FirstHigh.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (v6FirstHigh[mid] < h || (v6FirstHigh[mid] == h && v6FirstLow[mid] <= l)) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found >= 0 && contains6(found, addressHigh, addressLow) ? found : -1;
  }

  /**
   * Collects rows, which must come in order of their first address per family (as the data set's files do). A row
   * that starts inside the one before is clipped to what that one leaves, or dropped: the earlier row decides
   * (one IPv4 row of the 2026-06-17 data). Not thread-safe.
   */
  static final class Builder {

    private int[] v4First = new int[1024];
    private int[] v4Last = new int[1024];
    private int[] v4Asn = new int[1024];
    private int v4Size;
    private long[] v6FirstHigh = new long[1024];
    private long[] v6FirstLow = new long[1024];
    private long[] v6LastHigh = new long[1024];
    private long[] v6LastLow = new long[1024];
    private int[] v6Asn = new int[1024];
    private int v6Size;
    private final Map<String, Asn> asns = new java.util.LinkedHashMap<>();
    private final Map<String, Integer> indexes = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private int rows;

    /** Whether the row was kept; false: out of order. */
    boolean add(int version, long firstHigh, long firstLow, long lastHigh, long lastLow, long number, String organisation) {
      int index = index(number, organisation);
      rows++;
      if (version == 4) {
        int first = (int) firstLow ^ FLIP;
        int last = (int) lastLow ^ FLIP;
        if (v4Size > 0) {
          int previousFirst = v4First[v4Size - 1];
          int previousLast = v4Last[v4Size - 1];
          if (first < previousFirst) {
            return false;
          }
          if (first <= previousLast) {
            if (last <= previousLast) {
              return true;
            }
            first = previousLast + 1;
          }
        }
        if (v4Size == v4First.length) {
          v4First = Arrays.copyOf(v4First, v4Size * 2);
          v4Last = Arrays.copyOf(v4Last, v4Size * 2);
          v4Asn = Arrays.copyOf(v4Asn, v4Size * 2);
        }
        v4First[v4Size] = first;
        v4Last[v4Size] = last;
        v4Asn[v4Size++] = index;
        return true;
      }
      long fh = firstHigh ^ FLIP_LONG;
      long fl = firstLow ^ FLIP_LONG;
      long lh = lastHigh ^ FLIP_LONG;
      long ll = lastLow ^ FLIP_LONG;
      if (v6Size > 0) {
        long ph = v6FirstHigh[v6Size - 1];
        long pl = v6FirstLow[v6Size - 1];
        long qh = v6LastHigh[v6Size - 1];
        long ql = v6LastLow[v6Size - 1];
        if (fh < ph || (fh == ph && fl < pl)) {
          return false;
        }
        if (fh < qh || (fh == qh && fl <= ql)) {
          if (lh < qh || (lh == qh && ll <= ql)) {
            return true;
          }
          fl = ql + 1;
          fh = fl == FLIP_LONG ? qh + 1 : qh; // carried over the low half (signed view: MIN follows MAX)
        }
      }
      if (v6Size == v6FirstHigh.length) {
        int grown = v6Size * 2;
        v6FirstHigh = Arrays.copyOf(v6FirstHigh, grown);
        v6FirstLow = Arrays.copyOf(v6FirstLow, grown);
        v6LastHigh = Arrays.copyOf(v6LastHigh, grown);
        v6LastLow = Arrays.copyOf(v6LastLow, grown);
        v6Asn = Arrays.copyOf(v6Asn, grown);
      }
      v6FirstHigh[v6Size] = fh;
      v6FirstLow[v6Size] = fl;
      v6LastHigh[v6Size] = lh;
      v6LastLow[v6Size] = ll;
      v6Asn[v6Size++] = index;
      return true;
    }

    private int index(long number, String organisation) {
      String key = number + "\u0000" + organisation;
      Integer index = indexes.get(key);
      if (index == null) {
        index = asns.size();
        indexes.put(key, index);
        asns.put(key, new Asn(number, names.computeIfAbsent(organisation, o -> o)));
      }
      return index;
    }

    int rows() {
      return rows;
    }

    AsnTable build(LocalDate date) {
      return new AsnTable(this, date);
    }
  }
}
