package org.takedown.evidence;

/** The client's file name, kept as data for display only: no path, no control, format or line-separating characters, at most 255. */
final class FileNames {

  static final int MAX = 255;

  private FileNames() {}

  static String sanitise(String name) {
    if (name == null) {
      return null;
    }
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder clean = new StringBuilder();
    base.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
            && Character.getType(c) != Character.LINE_SEPARATOR && Character.getType(c) != Character.PARAGRAPH_SEPARATOR)
        .forEach(clean::appendCodePoint);
    String text = clean.toString().strip();
    if (text.isEmpty() || text.equals(".") || text.equals("..")) {
      return null;
    }
    return text.codePointCount(0, text.length()) <= MAX ? text : text.substring(0, text.offsetByCodePoints(0, MAX));
  }
}
