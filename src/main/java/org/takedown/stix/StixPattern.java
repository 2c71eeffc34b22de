package org.takedown.stix;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The syntax tree of a STIX 2.1 pattern (spec section 9). {@link PatternParser#parse} builds it;
 * {@link #toString()} renders it back in a canonical spacing that parses to the same tree.
 */
public final class StixPattern {

  private final String text;
  private final Expression root;

  StixPattern(String text, Expression root) {
    this.text = text;
    this.root = root;
  }

  /** The pattern as given. */
  public String text() {
    return text;
  }

  public Expression root() {
    return root;
  }

  /** Every comparison of the pattern, left to right. */
  public List<Comparison> comparisons() {
    List<Comparison> all = new ArrayList<>();
    root.visit(all::add);
    return all;
  }

  /** The observables the pattern names, split out of AND, OR, FOLLOWEDBY and qualifiers. */
  public List<Observable> observables() {
    return ObservableExtractor.fromPattern(this).observables();
  }

  @Override
  public String toString() {
    return root.toString();
  }

  /** An observation expression: one [...], or several combined, possibly qualified. */
  public sealed interface Expression permits Observation, Combined, Qualified {
    void visit(Consumer<Comparison> visitor);
  }

  /** {@code [ comparisons ]}. */
  public record Observation(Criteria criteria) implements Expression {
    @Override
    public void visit(Consumer<Comparison> visitor) {
      criteria.visit(visitor);
    }

    @Override
    public String toString() {
      return "[" + criteria + "]";
    }
  }

  public enum ObservationOperator { AND, OR, FOLLOWEDBY }

  public record Combined(ObservationOperator operator, Expression left, Expression right) implements Expression {
    @Override
    public void visit(Consumer<Comparison> visitor) {
      left.visit(visitor);
      right.visit(visitor);
    }

    @Override
    public String toString() {
      return "(" + left + " " + operator + " " + right + ")";
    }
  }

  public record Qualified(Expression expression, Qualifier qualifier) implements Expression {
    @Override
    public void visit(Consumer<Comparison> visitor) {
      expression.visit(visitor);
    }

    @Override
    public String toString() {
      return expression + " " + qualifier;
    }
  }

  public sealed interface Qualifier permits Within, Repeats, StartStop {}

  public record Within(BigDecimal seconds) implements Qualifier {
    @Override
    public String toString() {
      return "WITHIN " + seconds.toPlainString() + " SECONDS";
    }
  }

  public record Repeats(BigInteger times) implements Qualifier {
    @Override
    public String toString() {
      return "REPEATS " + times + " TIMES";
    }
  }

  public record StartStop(Instant start, Instant stop) implements Qualifier {
    @Override
    public String toString() {
      return "START t'" + start + "' STOP t'" + stop + "'";
    }
  }

  /** The comparison expression inside one observation. */
  public sealed interface Criteria permits Both, Either, Comparison {
    void visit(Consumer<Comparison> visitor);
  }

  public record Both(Criteria left, Criteria right) implements Criteria {
    @Override
    public void visit(Consumer<Comparison> visitor) {
      left.visit(visitor);
      right.visit(visitor);
    }

    @Override
    public String toString() {
      return "(" + left + " AND " + right + ")";
    }
  }

  public record Either(Criteria left, Criteria right) implements Criteria {
    @Override
    public void visit(Consumer<Comparison> visitor) {
      left.visit(visitor);
      right.visit(visitor);
    }

    @Override
    public String toString() {
      return "(" + left + " OR " + right + ")";
    }
  }

  public enum Operator {
    EQ("="), NEQ("!="), GT(">"), LT("<"), GE(">="), LE("<="), IN("IN"), LIKE("LIKE"), MATCHES("MATCHES"),
    ISSUBSET("ISSUBSET"), ISSUPERSET("ISSUPERSET"), EXISTS("EXISTS");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * One property test. {@code value} is null for EXISTS, a {@link ValueList} for IN, else a constant.
   * {@code negated} is the NOT in front of the operator.
   */
  public record Comparison(ObjectPath path, boolean negated, Operator operator, Value value) implements Criteria {
    @Override
    public void visit(Consumer<Comparison> visitor) {
      visitor.accept(this);
    }

    /** True when the comparison states what the property is (=, IN, ISSUBSET), not what it is not or resembles. */
    public boolean asserts() {
      return !negated && (operator == Operator.EQ || operator == Operator.IN || operator == Operator.ISSUBSET);
    }

    @Override
    public String toString() {
      if (operator == Operator.EXISTS) {
        return "EXISTS " + path;
      }
      return path + (negated ? " NOT " : " ") + operator.symbol() + " " + value;
    }
  }

  /** {@code type:step.step[0]...}; a step is a property name or a list index (null index = [*]). */
  public record ObjectPath(String objectType, List<Step> steps) {
    /** The property names only, e.g. "hashes.SHA-256" or "body_multipart.body_raw_ref.name". */
    public String properties() {
      StringBuilder out = new StringBuilder();
      for (Step step : steps) {
        if (step instanceof Property p) {
          out.append(out.isEmpty() ? "" : ".").append(p.name());
        }
      }
      return out.toString();
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(objectType).append(':');
      boolean first = true;
      for (Step step : steps) {
        if (step instanceof Property p) {
          out.append(first ? "" : ".").append(p.quoted() ? "'" + StringValue.escape(p.name()) + "'" : p.name());
        } else {
          out.append(step);
        }
        first = false;
      }
      return out.toString();
    }
  }

  public sealed interface Step permits Property, Index {}

  public record Property(String name, boolean quoted) implements Step {}

  /** A list index; {@code null} stands for [*] (any element). */
  public record Index(Integer index) implements Step {
    @Override
    public String toString() {
      return "[" + (index == null ? "*" : index.toString()) + "]";
    }
  }

  public sealed interface Value permits StringValue, IntValue, FloatValue, BoolValue, TimestampValue, HexValue, BinaryValue, ValueList {}

  public record StringValue(String value) implements Value {
    static String escape(String s) {
      return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    @Override
    public String toString() {
      return "'" + escape(value) + "'";
    }
  }

  public record IntValue(BigInteger value) implements Value {
    @Override
    public String toString() {
      return value.toString();
    }
  }

  public record FloatValue(BigDecimal value) implements Value {
    @Override
    public String toString() {
      return value.toPlainString();
    }
  }

  public record BoolValue(boolean value) implements Value {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** {@code t'2016-01-01T00:00:00Z'}; {@code text} keeps the literal's own precision. */
  public record TimestampValue(Instant value, String text) implements Value {
    @Override
    public String toString() {
      return "t'" + text + "'";
    }
  }

  /** {@code h'...'}, kept as lower-case hex. */
  public record HexValue(String hex) implements Value {
    @Override
    public String toString() {
      return "h'" + hex.toLowerCase(Locale.ROOT) + "'";
    }
  }

  /** {@code b'...'}, kept as the base64 text. */
  public record BinaryValue(String base64) implements Value {
    @Override
    public String toString() {
      return "b'" + base64 + "'";
    }
  }

  /** The set of an IN comparison. */
  public record ValueList(List<Value> values) implements Value {
    @Override
    public String toString() {
      return "(" + String.join(", ", values.stream().map(Value::toString).toList()) + ")";
    }
  }
}
