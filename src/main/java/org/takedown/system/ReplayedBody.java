package org.takedown.system;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/** A request whose body a filter has read (to check it), handed on so that whoever comes next reads it again. */
public class ReplayedBody extends HttpServletRequestWrapper {

  private final byte[] body;
  private final Charset readerCharset;

  /** @param readerCharset what {@link #getReader()} decodes with when the request declares no charset */
  public ReplayedBody(HttpServletRequest request, byte[] body, Charset readerCharset) {
    super(request);
    this.body = body;
    this.readerCharset = readerCharset;
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        return in.read(buffer, offset, length);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("the body was read already: blocking reads only");
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), declaredCharset(readerCharset)));
  }

  /** The charset the request declares, or the given one when it declares none or one not known. */
  protected Charset declaredCharset(Charset otherwise) {
    try {
      return getCharacterEncoding() == null ? otherwise : Charset.forName(getCharacterEncoding());
    } catch (IllegalArgumentException unknown) {
      return otherwise;
    }
  }

  protected byte[] body() {
    return body;
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }
}
