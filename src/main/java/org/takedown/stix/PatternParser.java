package org.takedown.stix;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.takedown.stix.StixPattern.BinaryValue;
import org.takedown.stix.StixPattern.BoolValue;
import org.takedown.stix.StixPattern.Both;
import org.takedown.stix.StixPattern.Combined;
import org.takedown.stix.StixPattern.Comparison;
import org.takedown.stix.StixPattern.Criteria;
import org.takedown.stix.StixPattern.Either;
import org.takedown.stix.StixPattern.Expression;
import org.takedown.stix.StixPattern.FloatValue;
import org.takedown.stix.StixPattern.HexValue;
import org.takedown.stix.StixPattern.Index;
import org.takedown.stix.StixPattern.IntValue;
import org.takedown.stix.StixPattern.ObjectPath;
import org.takedown.stix.StixPattern.Observation;
import org.takedown.stix.StixPattern.ObservationOperator;
import org.takedown.stix.StixPattern.Operator;
import org.takedown.stix.StixPattern.Property;
import org.takedown.stix.StixPattern.Qualified;
import org.takedown.stix.StixPattern.Qualifier;
import org.takedown.stix.StixPattern.Repeats;
import org.takedown.stix.StixPattern.StartStop;
import org.takedown.stix.StixPattern.Step;
import org.takedown.stix.StixPattern.StringValue;
import org.takedown.stix.StixPattern.TimestampValue;
import org.takedown.stix.StixPattern.Value;
import org.takedown.stix.StixPattern.ValueList;
import org.takedown.stix.StixPattern.Within;

/**
 * Recursive-descent parser of the STIX 2.1 patterning language (spec section 9, the grammar of
 * the OASIS STIXPattern.g4). Precedence, lowest first: FOLLOWEDBY, OR, AND between observation
 * expressions, then the qualifiers (WITHIN, REPEATS, START/STOP) binding to the expression just
 * before them; inside brackets OR binds looser than AND. Keywords are upper-case, as in the grammar.
 */
public final class PatternParser {

  /** Longer patterns are refused before lexing, so that a hostile pattern cannot cost much. */
  public static final int MAX_LENGTH = 100_000;
  /** Nesting of parentheses; deeper patterns are refused instead of exhausting the stack. */
  public static final int MAX_NESTING = 100;

  private enum Kind {
    LBRACK, RBRACK, LPAREN, RPAREN, COMMA, COLON, DOT, STAR, EQ, NEQ, LT, LE, GT, GE,
    STRING, INT, FLOAT, BOOL, TIMESTAMP, HEX, BINARY, IDENT, KEYWORD, EOF
  }

  private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET",
      "ISSUBSET", "EXISTS", "IN", "START", "STOP", "SECONDS", "WITHIN", "REPEATS", "TIMES", "LAST");

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
  private static final Pattern HEX_PAIRS = Pattern.compile("([0-9A-Fa-f]{2})*");

  private record Token(Kind kind, String text, Object value, int offset) {
    boolean is(String keyword) {
      return kind == Kind.KEYWORD && text.equals(keyword);
    }

    String describe() {
      return switch (kind) {
        case EOF -> "the end of the pattern";
        case STRING -> "the string " + text;
        case INT, FLOAT -> "the number " + text;
        case IDENT -> "the name '" + text + "'";
        case KEYWORD -> text;
        default -> "'" + text + "'";
      };
    }
  }

  private final String text;
  private final List<Token> tokens;
  private int position;
  private int depth;

  private PatternParser(String text) {
    this.text = text;
    this.tokens = new Lexer(text).tokens();
  }

  /** Parses a whole pattern; throws {@link PatternSyntaxException} naming the offset and what was expected. */
  public static StixPattern parse(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new PatternSyntaxException(0, "the pattern is empty: expected an observation expression such as [ipv4-addr:value = '198.51.100.1']");
    }
    if (pattern.length() > MAX_LENGTH) {
      throw new PatternSyntaxException(MAX_LENGTH, "the pattern is longer than " + MAX_LENGTH + " characters");
    }
    PatternParser parser = new PatternParser(pattern);
    Expression root = parser.observationExpressions();
    Token end = parser.peek();
    if (end.kind != Kind.EOF) {
      throw parser.error(end, end.kind == Kind.RBRACK || end.kind == Kind.RPAREN
          ? "found " + end.describe() + " that closes nothing; remove it or add the opening one"
          : "expected AND, OR, FOLLOWEDBY, a qualifier (WITHIN, REPEATS, START) or the end of the pattern, found " + end.describe());
    }
    return new StixPattern(pattern, root);
  }

  // observationExpressions: observationExpressionOr (FOLLOWEDBY observationExpressionOr)*
  private Expression observationExpressions() {
    Expression left = observationOr();
    while (peek().is("FOLLOWEDBY")) {
      next();
      left = new Combined(ObservationOperator.FOLLOWEDBY, left, observationOr());
    }
    return left;
  }

  private Expression observationOr() {
    Expression left = observationAnd();
    while (peek().is("OR")) {
      next();
      left = new Combined(ObservationOperator.OR, left, observationAnd());
    }
    return left;
  }

  private Expression observationAnd() {
    Expression left = qualifiedObservation();
    while (peek().is("AND")) {
      next();
      left = new Combined(ObservationOperator.AND, left, qualifiedObservation());
    }
    return left;
  }

  private Expression qualifiedObservation() {
    Expression expression = observation();
    while (true) {
      Token t = peek();
      if (t.is("WITHIN")) {
        next();
        Token n = next();
        if (n.kind != Kind.INT && n.kind != Kind.FLOAT || ((Number) n.value).doubleValue() <= 0) {
          throw error(n, "expected a positive number of seconds after WITHIN, found " + n.describe());
        }
        expectKeyword("SECONDS", "after WITHIN " + n.text);
        expression = new Qualified(expression, new Within(new BigDecimal(n.text.replace("+", ""))));
      } else if (t.is("REPEATS")) {
        next();
        Token n = next();
        if (n.kind != Kind.INT || ((BigInteger) n.value).signum() <= 0) {
          throw error(n, "expected a positive whole number after REPEATS, found " + n.describe());
        }
        expectKeyword("TIMES", "after REPEATS " + n.text);
        expression = new Qualified(expression, new Repeats((BigInteger) n.value));
      } else if (t.is("START")) {
        next();
        TimestampValue start = timestamp("after START");
        expectKeyword("STOP", "after the START timestamp");
        TimestampValue stop = timestamp("after STOP");
        if (!stop.value().isAfter(start.value())) {
          throw error(t, "the STOP timestamp must be later than the START timestamp");
        }
        Qualifier q = new StartStop(start.value(), stop.value());
        expression = new Qualified(expression, q);
      } else {
        return expression;
      }
    }
  }

  private Expression observation() {
    Token t = next();
    if (t.kind == Kind.LBRACK) {
      Criteria criteria = comparisonOr();
      Token close = next();
      if (close.kind != Kind.RBRACK) {
        throw error(close, "expected AND, OR or ']' to close the observation expression opened at offset " + t.offset
            + ", found " + close.describe());
      }
      return new Observation(criteria);
    }
    if (t.kind == Kind.LPAREN) {
      enter(t);
      Expression inner = observationExpressions();
      Token close = next();
      if (close.kind != Kind.RPAREN) {
        throw error(close, "expected AND, OR, FOLLOWEDBY, a qualifier or ')' to close the parenthesis opened at offset "
            + t.offset + ", found " + close.describe());
      }
      depth--;
      return inner;
    }
    throw error(t, "expected '[' to start an observation expression (or '(' to group them), found " + t.describe());
  }

  private Criteria comparisonOr() {
    Criteria left = comparisonAnd();
    while (peek().is("OR")) {
      next();
      left = new Either(left, comparisonAnd());
    }
    return left;
  }

  private Criteria comparisonAnd() {
    Criteria left = propertyTest();
    while (peek().is("AND")) {
      next();
      left = new Both(left, propertyTest());
    }
    return left;
  }

  private Criteria propertyTest() {
    Token t = peek();
    if (t.kind == Kind.LPAREN) {
      next();
      enter(t);
      Criteria inner = comparisonOr();
      Token close = next();
      if (close.kind != Kind.RPAREN) {
        throw error(close, "expected AND, OR or ')' to close the parenthesis opened at offset " + t.offset + ", found " + close.describe());
      }
      depth--;
      return inner;
    }
    if (t.is("EXISTS")) {
      next();
      return new Comparison(objectPath(), false, Operator.EXISTS, null);
    }
    ObjectPath path = objectPath();
    boolean negated = false;
    if (peek().is("NOT")) {
      next();
      negated = true;
    }
    Token op = next();
    Operator operator = switch (op.kind) {
      case EQ -> Operator.EQ;
      case NEQ -> Operator.NEQ;
      case LT -> Operator.LT;
      case LE -> Operator.LE;
      case GT -> Operator.GT;
      case GE -> Operator.GE;
      case KEYWORD -> switch (op.text) {
        case "IN" -> Operator.IN;
        case "LIKE" -> Operator.LIKE;
        case "MATCHES" -> Operator.MATCHES;
        case "ISSUBSET" -> Operator.ISSUBSET;
        case "ISSUPERSET" -> Operator.ISSUPERSET;
        default -> null;
      };
      default -> null;
    };
    if (operator == null) {
      throw error(op, "expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after "
          + path + ", found " + op.describe());
    }
    Value value = switch (operator) {
      case EQ, NEQ -> literal(true, operator);
      case LT, LE, GT, GE -> literal(false, operator);
      case IN -> set();
      default -> {
        Token s = next();
        if (s.kind != Kind.STRING) {
          throw error(s, "expected a quoted string after " + operator.symbol() + ", found " + s.describe());
        }
        yield (Value) s.value;
      }
    };
    return new Comparison(path, negated, operator, value);
  }

  private Value literal(boolean boolAllowed, Operator after) {
    Token t = next();
    switch (t.kind) {
      case STRING, INT, FLOAT, TIMESTAMP, HEX, BINARY:
        return t.kind == Kind.INT ? new IntValue((BigInteger) t.value)
            : t.kind == Kind.FLOAT ? new FloatValue((BigDecimal) t.value) : (Value) t.value;
      case BOOL:
        if (boolAllowed) {
          return new BoolValue((Boolean) t.value);
        }
        throw error(t, "a boolean cannot be compared with " + after.symbol() + "; use = or !=");
      default:
        throw error(t, "expected a value (a quoted string, a number, true/false, t'…', h'…' or b'…') after "
            + after.symbol() + ", found " + t.describe());
    }
  }

  private ValueList set() {
    Token open = next();
    if (open.kind != Kind.LPAREN) {
      throw error(open, "expected '(' to start the list of values after IN, found " + open.describe());
    }
    List<Value> values = new ArrayList<>();
    if (peek().kind == Kind.RPAREN) {
      next();
      return new ValueList(values);
    }
    while (true) {
      values.add(literal(true, Operator.IN));
      Token t = next();
      if (t.kind == Kind.RPAREN) {
        return new ValueList(List.copyOf(values));
      }
      if (t.kind != Kind.COMMA) {
        throw error(t, "expected ',' or ')' in the list of values opened at offset " + open.offset + ", found " + t.describe());
      }
    }
  }

  private ObjectPath objectPath() {
    Token type = next();
    if (type.kind != Kind.IDENT) {
      throw error(type, "expected an object path such as ipv4-addr:value, found " + type.describe());
    }
    Token colon = next();
    if (colon.kind != Kind.COLON) {
      throw error(colon, "expected ':' after the object type '" + type.text + "', found " + colon.describe());
    }
    List<Step> steps = new ArrayList<>();
    steps.add(property(next(), "after '" + type.text + ":'"));
    while (true) {
      Token t = peek();
      if (t.kind == Kind.DOT) {
        next();
        steps.add(property(next(), "after '.'"));
      } else if (t.kind == Kind.LBRACK) {
        next();
        Token index = next();
        Integer i;
        if (index.kind == Kind.STAR) {
          i = null;
        } else if (index.kind == Kind.INT && ((BigInteger) index.value).bitLength() < 31) {
          i = ((BigInteger) index.value).intValue();
        } else {
          throw error(index, "expected a list index (a whole number or *) after '[', found " + index.describe());
        }
        Token close = next();
        if (close.kind != Kind.RBRACK) {
          throw error(close, "expected ']' to close the list index opened at offset " + t.offset + ", found " + close.describe());
        }
        steps.add(new Index(i));
      } else {
        return new ObjectPath(type.text, List.copyOf(steps));
      }
    }
  }

  private Property property(Token t, String where) {
    if (t.kind == Kind.STRING) {
      return new Property(((StringValue) t.value).value(), true);
    }
    if (t.kind == Kind.IDENT || t.kind == Kind.KEYWORD) {
      if (t.text.contains("-")) {
        throw error(t, "a property name with '-' must be quoted, e.g. '" + t.text + "'");
      }
      return new Property(t.text, false);
    }
    throw error(t, "expected a property name " + where + ", found " + t.describe());
  }

  private TimestampValue timestamp(String where) {
    Token t = next();
    if (t.kind != Kind.TIMESTAMP) {
      throw error(t, "expected a timestamp such as t'2016-01-01T00:00:00Z' " + where + ", found " + t.describe());
    }
    return (TimestampValue) t.value;
  }

  private void expectKeyword(String keyword, String where) {
    Token t = next();
    if (!t.is(keyword)) {
      throw error(t, "expected " + keyword + " " + where + ", found " + t.describe());
    }
  }

  private void enter(Token t) {
    if (++depth > MAX_NESTING) {
      throw error(t, "parentheses are nested deeper than " + MAX_NESTING + " levels");
    }
  }

  private Token peek() {
    return tokens.get(position);
  }

  private Token next() {
    Token t = tokens.get(position);
    if (t.kind != Kind.EOF) {
      position++;
    }
    return t;
  }

  private PatternSyntaxException error(Token t, String message) {
    return new PatternSyntaxException(t.offset, message);
  }

  /** Splits the text into tokens; literal errors (unterminated string, bad timestamp) are reported here. */
  private static final class Lexer {
    private final String s;
    private int i;
    private final List<Token> out = new ArrayList<>();

    Lexer(String s) {
      this.s = s;
    }

    List<Token> tokens() {
      while (true) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i >= s.length()) {
          out.add(new Token(Kind.EOF, "", null, s.length()));
          return out;
        }
        int start = i;
        char c = s.charAt(i);
        char n = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        switch (c) {
          case '[' -> single(Kind.LBRACK);
          case ']' -> single(Kind.RBRACK);
          case '(' -> single(Kind.LPAREN);
          case ')' -> single(Kind.RPAREN);
          case ',' -> single(Kind.COMMA);
          case ':' -> single(Kind.COLON);
          case '*' -> single(Kind.STAR);
          case '=' -> symbol(n == '=' ? 2 : 1, Kind.EQ);
          case '!' -> {
            if (n != '=') {
              throw new PatternSyntaxException(start, "'!' must be followed by '=' (the operator !=)");
            }
            symbol(2, Kind.NEQ);
          }
          case '<' -> {
            if (n == '=') {
              symbol(2, Kind.LE);
            } else if (n == '>') {
              symbol(2, Kind.NEQ);
            } else {
              symbol(1, Kind.LT);
            }
          }
          case '>' -> symbol(n == '=' ? 2 : 1, n == '=' ? Kind.GE : Kind.GT);
          case '\'' -> string(start, start);
          default -> {
            if ((c == 't' || c == 'h' || c == 'b') && n == '\'') {
              prefixed(c, start);
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(n) || (c == '-' || c == '+') && (Character.isDigit(n) || n == '.')) {
              number(start);
            } else if (c == '.') {
              single(Kind.DOT);
            } else if (Character.isLetter(c) && c < 128 || c == '_') {
              identifier(start);
            } else {
              throw new PatternSyntaxException(start, "unexpected character '" + c + "'");
            }
          }
        }
      }
    }

    private void single(Kind kind) {
      symbol(1, kind);
    }

    private void symbol(int length, Kind kind) {
      out.add(new Token(kind, s.substring(i, i + length), null, i));
      i += length;
    }

    private void identifier(int start) {
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '_' || s.charAt(i) == '-')) {
        i++;
      }
      String word = s.substring(start, i);
      if (word.equals("true") || word.equals("false")) {
        out.add(new Token(Kind.BOOL, word, Boolean.valueOf(word), start));
      } else if (KEYWORDS.contains(word)) {
        out.add(new Token(Kind.KEYWORD, word, null, start));
      } else {
        out.add(new Token(Kind.IDENT, word, null, start));
      }
    }

    private void number(int start) {
      if (s.charAt(i) == '-' || s.charAt(i) == '+') {
        i++;
      }
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      boolean fraction = i < s.length() && s.charAt(i) == '.';
      if (fraction) {
        i++;
        int digits = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        if (i == digits) {
          throw new PatternSyntaxException(start, "a number with a '.' needs digits after it, e.g. 1.5");
        }
      }
      String text = s.substring(start, i);
      String plain = text.startsWith("+") ? text.substring(1) : text;
      if (fraction) {
        out.add(new Token(Kind.FLOAT, text, new BigDecimal(plain), start));
      } else {
        out.add(new Token(Kind.INT, text, new BigInteger(plain), start));
      }
    }

    /** A quoted string from i (at the quote); only \' and \\ are escapes (spec 9.3). */
    private String quoted(int literalStart) {
      int open = i;
      i++;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw new PatternSyntaxException(literalStart, "the string starting at offset " + open + " is not closed: add a ' at its end"
              + " (a ' inside a string is written \\')");
        }
        char c = s.charAt(i);
        if (c == '\'') {
          i++;
          return value.toString();
        }
        if (c == '\\') {
          char e = i + 1 < s.length() ? s.charAt(i + 1) : 0;
          if (e != '\'' && e != '\\') {
            throw new PatternSyntaxException(i, "only \\' and \\\\ may follow a backslash in a string; write \\\\ for a backslash");
          }
          value.append(e);
          i += 2;
        } else {
          value.append(c);
          i++;
        }
      }
    }

    private void string(int start, int literalStart) {
      String value = quoted(literalStart);
      out.add(new Token(Kind.STRING, s.substring(start, i), new StringValue(value), start));
    }

    private void prefixed(char prefix, int start) {
      i++;
      String body = quoted(start);
      String text = s.substring(start, i);
      switch (prefix) {
        case 't' -> {
          if (!TIMESTAMP.matcher(body).matches()) {
            throw new PatternSyntaxException(start, "a timestamp must look like t'2016-01-01T00:00:00Z' (RFC 3339, UTC with Z), found " + text);
          }
          try {
            out.add(new Token(Kind.TIMESTAMP, text, new TimestampValue(Instant.parse(body), body), start));
          } catch (DateTimeParseException e) {
            throw new PatternSyntaxException(start, "the timestamp " + text + " is not a real date and time");
          }
        }
        case 'h' -> {
          if (!HEX_PAIRS.matcher(body).matches()) {
            throw new PatternSyntaxException(start, "a hex value must hold pairs of hexadecimal digits, e.g. h'ee6d', found " + text);
          }
          out.add(new Token(Kind.HEX, text, new HexValue(body), start));
        }
        default -> {
          try {
            if (body.length() % 4 != 0) {
              throw new IllegalArgumentException();
            }
            Base64.getDecoder().decode(body);
          } catch (IllegalArgumentException e) {
            throw new PatternSyntaxException(start, "a binary value must be base64, e.g. b'dGhpcyBpcyBhIHRlc3Q=', found " + text);
          }
          out.add(new Token(Kind.BINARY, text, new BinaryValue(body), start));
        }
      }
    }
  }
}
