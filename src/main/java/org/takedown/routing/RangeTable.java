package org.takedown.routing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An IP-to-country table in memory: for each family, the sorted first addresses of consecutive
 * ranges that cover the whole address space, and for each range the index of its answer. A lookup is
 * a binary search over primitive arrays, and a single address returns a {@link Placement} made when
 * the table was built, so it allocates nothing.
 *
 * <p>Built from rows that may overlap (the open data set nests smaller ranges inside larger ones and
 * lists a few twice): the narrowest row that covers an address decides; rows of the same width that
 * disagree are both named. {@link SpecialPurpose} ranges win over every row. Immutable once built.
 */
final class RangeTable {

  private static final int FLIP = Integer.MIN_VALUE;
  private static final long FLIP_LONG = Long.MIN_VALUE;
  /** Ranges per chunk whose answers are summarised, so that a large block is answered without visiting each range. */
  private static final int CHUNK = 64;
  private static final int COMBINED = 10_000;

  /** First addresses of the IPv4 ranges, xor the sign bit so that signed order is unsigned order. */
  private final int[] v4Starts;
  private final int[] v4Answers;
  /** First addresses of the IPv6 ranges, high and low 64 bits, each xor the sign bit. */
  private final long[] v6High;
  private final long[] v6Low;
  private final int[] v6Answers;
  /** Index 0: not in the table. */
  private final Placement[] answers;
  /** For each chunk of {@link #CHUNK} consecutive ranges, the answers they hold as bits ({@link #words} longs a chunk). */
  private final long[] v4Chunks;
  private final long[] v6Chunks;
  private final int words;
  /** Answers made for blocks over several ranges, by the set of answers they combine; at most {@link #COMBINED}. */
  private final Map<Answers, Placement> combined = new ConcurrentHashMap<>();
  private final String source;
  private final LocalDate date;
  private final int rows;

  private RangeTable(int[] v4Starts, int[] v4Answers, long[] v6High, long[] v6Low, int[] v6Answers, Placement[] answers,
      String source, LocalDate date, int rows) {
    this.v4Starts = v4Starts;
    this.v4Answers = v4Answers;
    this.v6High = v6High;
    this.v6Low = v6Low;
    this.v6Answers = v6Answers;
    this.answers = answers;
    this.source = source;
    this.date = date;
    this.rows = rows;
    this.words = (answers.length + 63) / 64;
    this.v4Chunks = chunks(v4Answers, words);
    this.v6Chunks = chunks(v6Answers, words);
  }

  /** A set of answers as bits, to find the answer made for it before. */
  private static final class Answers {
    private final long[] bits;
    private final int hash;

    Answers(long[] bits) {
      this.bits = bits;
      this.hash = Arrays.hashCode(bits);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Answers that && Arrays.equals(bits, that.bits);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static long[] chunks(int[] index, int words) {
    long[] chunks = new long[(index.length / CHUNK + 1) * words];
    for (int i = 0; i < index.length; i++) {
      chunks[(i / CHUNK) * words + (index[i] >>> 6)] |= 1L << index[i];
    }
    return chunks;
  }

  /** Rows read from the source. */
  int rows() {
    return rows;
  }

  /** Ranges held after flattening, IPv4 and IPv6. */
  int ranges(int version) {
    return version == 4 ? v4Starts.length : v6High.length;
  }

  /** Distinct countries named. */
  int countries() {
    Set<String> all = new TreeSet<>();
    for (Placement answer : answers) {
      all.addAll(answer.countries());
    }
    return all.size();
  }

  LocalDate date() {
    return date;
  }

  String source() {
    return source;
  }

  Placement placement(IpBlock block) {
    if (block.isSingleAddress()) {
      return answers[block.version() == 4 ? v4Answers[floor4(block.firstLow)] : v6Answers[floor6(block.firstHigh, block.firstLow)]];
    }
    int from;
    int to;
    int[] index;
    if (block.version() == 4) {
      from = floor4(block.firstLow);
      to = floor4(block.lastLow);
      index = v4Answers;
    } else {
      from = floor6(block.firstHigh, block.firstLow);
      to = floor6(block.lastHigh, block.lastLow);
      index = v6Answers;
    }
    if (from == to) {
      return answers[index[from]];
    }
    // the distinct answers of the ranges in the block, as bits: whole chunks of ranges from their summary
    long[] chunks = block.version() == 4 ? v4Chunks : v6Chunks;
    long[] union = new long[words];
    for (int i = from; i <= to; ) {
      if ((i & (CHUNK - 1)) == 0 && i + CHUNK - 1 <= to) {
        int chunk = (i / CHUNK) * words;
        for (int w = 0; w < words; w++) {
          union[w] |= chunks[chunk + w];
        }
        i += CHUNK;
      } else {
        union[index[i] >>> 6] |= 1L << index[i];
        i++;
      }
    }
    int count = 0;
    for (long word : union) {
      count += Long.bitCount(word);
    }
    if (count == 1) {
      for (int w = 0; w < words; w++) {
        if (union[w] != 0) {
          return answers[w * 64 + Long.numberOfTrailingZeros(union[w])];
        }
      }
    }
    Answers key = new Answers(union);
    Placement known = combined.get(key);
    if (known != null) {
      return known;
    }
    Placement placement = combine(union, count);
    if (combined.size() >= COMBINED) {
      combined.clear();
    }
    combined.put(key, placement);
    return placement;
  }

  /** One answer for a block over several ranges: every country they name, and the notes of the parts that name none. */
  private Placement combine(long[] union, int count) {
    int[] distinct = new int[count];
    int k = 0;
    for (int w = 0; w < words; w++) {
      for (long bits = union[w]; bits != 0; bits &= bits - 1) {
        distinct[k++] = w * 64 + Long.numberOfTrailingZeros(bits);
      }
    }
    Set<String> countries = new TreeSet<>();
    Set<String> notes = new LinkedHashSet<>();
    boolean fromTable = false;
    for (int answerIndex : distinct) {
      Placement answer = answers[answerIndex];
      countries.addAll(answer.countries());
      fromTable |= !SpecialPurpose.SOURCE.equals(answer.source());
      if (answer.note() != null) {
        notes.add(answer.note());
      }
    }
    String note = notes.isEmpty() ? null : (countries.isEmpty() ? "" : "part of the block: ") + String.join("; ", notes);
    return fromTable ? new Placement(countries, source, date, note) : new Placement(countries, SpecialPurpose.SOURCE, null, note);
  }

  /** The index of the range that holds an IPv4 address (low 32 bits of {@code address}). */
  int floor4(long address) {
    int key = (int) address ^ FLIP;
    int[] starts = v4Starts;
    int low = 0;
    int high = starts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (starts[mid] <= key) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  int floor6(long addressHigh, long addressLow) {
    long keyHigh = addressHigh ^ FLIP_LONG;
    long keyLow = addressLow ^ FLIP_LONG;
    long[] highs = v6High;
    long[] lows = v6Low;
    int low = 0;
    int high = highs.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      long h = highs[mid];
      if (h < keyHigh || (h == keyHigh && lows[mid] <= keyLow)) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** Collects rows and builds the table. Not thread-safe. */
  static final class Builder {

    private final Rows v4 = new Rows();
    private final Rows v6 = new Rows();
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> codeList = new ArrayList<>();
    private int rows;

    Builder() {
      for (int k = 0; k < SpecialPurpose.RANGES.size(); k++) {
        IpBlock block = SpecialPurpose.RANGES.get(k).block();
        (block.version() == 4 ? v4 : v6).add(block.firstHigh, block.firstLow, block.lastHigh, block.lastLow, -(k + 1));
      }
    }

    /** A row: every address from first to last (inclusive, same family) is in the country (two letters, upper case). */
    void add(int version, long firstHigh, long firstLow, long lastHigh, long lastLow, String country) {
      Integer code = codes.get(country);
      if (code == null) {
        code = codeList.size();
        codes.put(country, code);
        codeList.add(country);
      }
      (version == 4 ? v4 : v6).add(firstHigh, firstLow, lastHigh, lastLow, code);
      rows++;
    }

    int rows() {
      return rows;
    }

    int rows(int version) {
      return (version == 4 ? v4 : v6).size - (int) SpecialPurpose.RANGES.stream().filter(r -> r.block().version() == version).count();
    }

    RangeTable build(String source, LocalDate date) {
      List<Placement> answers = new ArrayList<>();
      answers.add(new Placement(Set.of(), source, date, "not in the IP table"));
      for (SpecialPurpose.Range range : SpecialPurpose.RANGES) {
        answers.add(new Placement(Set.of(), SpecialPurpose.SOURCE, null, range.name()));
      }
      Map<String, Integer> sets = new HashMap<>();
      int[] single = new int[codeList.size()];
      Arrays.fill(single, -1);
      Interner interner = labels -> {
        if (labels[0] < 0) {
          return -labels[0];
        }
        if (labels.length == 1 && single[labels[0]] >= 0) {
          return single[labels[0]];
        }
        TreeSet<String> countries = new TreeSet<>();
        for (int label : labels) {
          countries.add(codeList.get(label));
        }
        String key = String.join(",", countries);
        Integer found = sets.get(key);
        if (found == null) {
          found = answers.size();
          answers.add(new Placement(countries, source, date, null));
          sets.put(key, found);
        }
        if (labels.length == 1) {
          single[labels[0]] = found;
        }
        return found;
      };
      Flat flat4 = v4.flatten(0xFFFF_FFFFL, interner);
      Flat flat6 = v6.flatten(-1L, interner);
      int[] v4Starts = new int[flat4.size];
      for (int i = 0; i < flat4.size; i++) {
        v4Starts[i] = (int) flat4.low[i] ^ FLIP;
      }
      long[] v6High = new long[flat6.size];
      long[] v6Low = new long[flat6.size];
      for (int i = 0; i < flat6.size; i++) {
        v6High[i] = flat6.high[i] ^ FLIP_LONG;
        v6Low[i] = flat6.low[i] ^ FLIP_LONG;
      }
      return new RangeTable(v4Starts, Arrays.copyOf(flat4.answer, flat4.size), v6High, v6Low, Arrays.copyOf(flat6.answer, flat6.size),
          answers.toArray(Placement[]::new), source, date, rows);
    }
  }

  /** Labels of the rows that decide one range → the answer's index. */
  private interface Interner {
    int answer(int[] labels);
  }

  private record Flat(long[] high, long[] low, int[] answer, int size) {}

  /** Rows of one family; a label is a country's index, or -(k+1) for the k-th special-purpose range. */
  private static final class Rows {

    long[] firstHigh = new long[1024];
    long[] firstLow = new long[1024];
    long[] lastHigh = new long[1024];
    long[] lastLow = new long[1024];
    int[] label = new int[1024];
    int size;

    void add(long fh, long fl, long lh, long ll, int code) {
      if (size == label.length) {
        int grown = size * 2;
        firstHigh = Arrays.copyOf(firstHigh, grown);
        firstLow = Arrays.copyOf(firstLow, grown);
        lastHigh = Arrays.copyOf(lastHigh, grown);
        lastLow = Arrays.copyOf(lastLow, grown);
        label = Arrays.copyOf(label, grown);
      }
      firstHigh[size] = fh;
      firstLow[size] = fl;
      lastHigh[size] = lh;
      lastLow[size] = ll;
      label[size] = code;
      size++;
    }

    private static int compare(long h1, long l1, long h2, long l2) {
      int c = Long.compareUnsigned(h1, h2);
      return c != 0 ? c : Long.compareUnsigned(l1, l2);
    }

    /**
     * Sweeps the points where a row starts or ends: at each, the narrowest covering row decides (special-purpose
     * rows first); rows of equal width are all named. {@code maxLow} is the family's last address (low bits).
     */
    Flat flatten(long maxLow, Interner interner) {
      int n = size;
      long maxHigh = maxLow == -1L ? -1L : 0L;
      // the points: address 0, each row's first address, and the address after each row's last
      long[] pointHigh = new long[2 * n + 1];
      long[] pointLow = new long[2 * n + 1];
      int points = 1;
      for (int i = 0; i < n; i++) {
        pointHigh[points] = firstHigh[i];
        pointLow[points++] = firstLow[i];
      }
      for (int i = 0; i < n; i++) {
        if (lastHigh[i] != maxHigh || lastLow[i] != maxLow) {
          long low = lastLow[i] + 1;
          pointHigh[points] = low == 0 ? lastHigh[i] + 1 : lastHigh[i];
          pointLow[points++] = low;
        }
      }
      Integer[] pointOrder = new Integer[points];
      for (int i = 0; i < points; i++) {
        pointOrder[i] = i;
      }
      // the rows come sorted from the files, so the points are two sorted runs: TimSort merges them
      Arrays.sort(pointOrder, (a, b) -> compare(pointHigh[a], pointLow[a], pointHigh[b], pointLow[b]));
      Integer[] rowOrder = new Integer[n];
      for (int i = 0; i < n; i++) {
        rowOrder[i] = i;
      }
      Arrays.sort(rowOrder, (a, b) -> compare(firstHigh[a], firstLow[a], firstHigh[b], firstLow[b]));
      long[] widthHigh = new long[n];
      long[] widthLow = new long[n];
      for (int i = 0; i < n; i++) {
        widthLow[i] = lastLow[i] - firstLow[i];
        widthHigh[i] = lastHigh[i] - firstHigh[i] - (Long.compareUnsigned(lastLow[i], firstLow[i]) < 0 ? 1 : 0);
      }
      Comparator<Integer> decides = (a, b) -> {
        boolean specialA = label[a] < 0;
        boolean specialB = label[b] < 0;
        if (specialA != specialB) {
          return specialA ? -1 : 1;
        }
        return compare(widthHigh[a], widthLow[a], widthHigh[b], widthLow[b]);
      };
      PriorityQueue<Integer> covering = new PriorityQueue<>(decides);
      long[] outHigh = new long[points];
      long[] outLow = new long[points];
      int[] outAnswer = new int[points];
      int out = 0;
      int next = 0;
      List<Integer> tied = new ArrayList<>();
      for (int p = 0; p < points; p++) {
        int point = pointOrder[p];
        long ph = pointHigh[point];
        long pl = pointLow[point];
        if (p > 0 && ph == pointHigh[pointOrder[p - 1]] && pl == pointLow[pointOrder[p - 1]]) {
          continue;
        }
        while (next < n && compare(firstHigh[rowOrder[next]], firstLow[rowOrder[next]], ph, pl) <= 0) {
          covering.add(rowOrder[next++]);
        }
        int answer = 0;
        tied.clear();
        while (!covering.isEmpty()) {
          int row = covering.peek();
          if (compare(lastHigh[row], lastLow[row], ph, pl) < 0) {
            covering.poll(); // ended before this point
            continue;
          }
          if (!tied.isEmpty() && decides.compare(tied.get(0), row) != 0) {
            break;
          }
          tied.add(covering.poll());
        }
        if (!tied.isEmpty()) {
          int[] labels = new int[tied.size()];
          for (int t = 0; t < labels.length; t++) {
            labels[t] = label[tied.get(t)];
          }
          answer = interner.answer(labels);
          covering.addAll(tied);
        }
        if (out == 0 || outAnswer[out - 1] != answer) {
          outHigh[out] = ph;
          outLow[out] = pl;
          outAnswer[out++] = answer;
        }
      }
      return new Flat(outHigh, outLow, outAnswer, out);
    }
  }
}
