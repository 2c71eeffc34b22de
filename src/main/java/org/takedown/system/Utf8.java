package org.takedown.system;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8, byte by byte: a malformed, overlong (C0 AF for "/"), surrogate-encoding (ED A0 80) or
 * truncated sequence is refused, never replaced or decoded leniently. Used by {@link Text#utf8} for
 * bytes read whole, and fed a stream at a time by the body limit of /api and /taxii2
 * ({@link RequestSizeLimit}), so that every JSON body is checked before any parser sees it.
 */
public final class Utf8 {

  private int pending;
  private int low = 0x80;
  private int high = 0xBF;
  private long position;
  private long sequenceStart;

  /** The byte at which the text stopped being UTF-8, counted from 0. */
  public static final class Malformed extends java.io.IOException {
    private final long at;

    Malformed(long at) {
      super("not valid UTF-8 at byte " + at);
      this.at = at;
    }

    public long at() {
      return at;
    }

    /** What is wrong, in plain words, to follow the field's name. */
    public String problem() {
      return Text.NOT_UTF8 + " (byte " + at + ")";
    }
  }

  /** Checks the next byte. */
  public void next(int unsigned) throws Malformed {
    int b = unsigned & 0xFF;
    if (pending > 0) {
      if (b < low || b > high) {
        throw new Malformed(sequenceStart);
      }
      low = 0x80;
      high = 0xBF;
      pending--;
    } else if (b >= 0x80) {
      sequenceStart = position;
      if (b >= 0xC2 && b <= 0xDF) {
        pending = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        pending = 2;
        low = b == 0xE0 ? 0xA0 : 0x80;
        high = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        pending = 3;
        low = b == 0xF0 ? 0x90 : 0x80;
        high = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        // 80..C1 (a stray continuation, or the lead byte of an overlong form) and F5..FF.
        throw new Malformed(position);
      }
    }
    position++;
  }

  public void next(byte[] bytes, int offset, int length) throws Malformed {
    for (int i = offset; i < offset + length; i++) {
      next(bytes[i]);
    }
  }

  /** The input has ended: a sequence cut off there is refused. */
  public void end() throws Malformed {
    if (pending > 0) {
      throw new Malformed(sequenceStart);
    }
  }

  /** The bytes as text, when they are strict UTF-8. */
  public static String decode(byte[] bytes) throws Malformed {
    Utf8 check = new Utf8();
    check.next(bytes, 0, bytes.length);
    check.end();
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
