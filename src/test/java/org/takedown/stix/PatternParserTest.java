package org.takedown.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.takedown.stix.StixPattern.BinaryValue;
import org.takedown.stix.StixPattern.BoolValue;
import org.takedown.stix.StixPattern.Both;
import org.takedown.stix.StixPattern.Combined;
import org.takedown.stix.StixPattern.Comparison;
import org.takedown.stix.StixPattern.Either;
import org.takedown.stix.StixPattern.FloatValue;
import org.takedown.stix.StixPattern.HexValue;
import org.takedown.stix.StixPattern.Index;
import org.takedown.stix.StixPattern.IntValue;
import org.takedown.stix.StixPattern.Observation;
import org.takedown.stix.StixPattern.ObservationOperator;
import org.takedown.stix.StixPattern.Operator;
import org.takedown.stix.StixPattern.Property;
import org.takedown.stix.StixPattern.Qualified;
import org.takedown.stix.StixPattern.Repeats;
import org.takedown.stix.StixPattern.StartStop;
import org.takedown.stix.StixPattern.StringValue;
import org.takedown.stix.StixPattern.TimestampValue;
import org.takedown.stix.StixPattern.ValueList;
import org.takedown.stix.StixPattern.Within;

class PatternParserTest {

  static Stream<String> specExamples() throws IOException {
    try (InputStream in = PatternParserTest.class.getResourceAsStream("/stix/patterns/spec-examples.txt")) {
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("specExamples")
  void everySpecExampleParsesAndItsCanonicalFormParsesToTheSameTree(String pattern) {
    StixPattern parsed = PatternParser.parse(pattern);

    assertThat(parsed.text()).isEqualTo(pattern);
    assertThat(PatternParser.parse(parsed.toString()).root()).isEqualTo(parsed.root());
  }

  @Test
  void theSpecExamplesCoverEveryOperatorQualifierAndObservationOperator() throws IOException {
    List<StixPattern> all = specExamples().map(PatternParser::parse).toList();
    String rendered = String.join("\n", all.stream().map(StixPattern::toString).toList());

    assertThat(all.stream().flatMap(p -> p.comparisons().stream()).map(Comparison::operator).distinct())
        .containsExactlyInAnyOrder(Operator.values());
    assertThat(rendered).contains(" AND [", " OR [", " FOLLOWEDBY ", " WITHIN ", " REPEATS ", " START t'", " NOT IN ", " NOT LIKE ");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[file:name = 'foo.dll']         | EQ",
      "[file:name == 'foo.dll']        | EQ",
      "[file:name != 'foo.dll']        | NEQ",
      "[file:name <> 'foo.dll']        | NEQ",
      "[file:size > 256]               | GT",
      "[file:size < 1024]              | LT",
      "[file:size >= 1024]             | GE",
      "[file:size <= 25]               | LE",
      "[file:name IN ('a', 'b')]       | IN",
      "[file:name LIKE 'a%']           | LIKE",
      "[file:name MATCHES '^a']        | MATCHES",
      "[ipv4-addr:value ISSUBSET '198.51.100.0/24']   | ISSUBSET",
      "[ipv4-addr:value ISSUPERSET '198.51.100.0/24'] | ISSUPERSET",
      "[EXISTS file:name]              | EXISTS"})
  void everyComparisonOperator(String pattern, Operator operator) {
    Comparison c = single(pattern);

    assertThat(c.operator()).isEqualTo(operator);
    assertThat(c.negated()).isFalse();
  }

  @Test
  void notPrecedesTheOperator() {
    Comparison c = single("[network-traffic:dst_port NOT IN (80, 443)]");

    assertThat(c.negated()).isTrue();
    assertThat(c.operator()).isEqualTo(Operator.IN);
    assertThat(((ValueList) c.value()).values()).containsExactly(new IntValue(BigInteger.valueOf(80)), new IntValue(BigInteger.valueOf(443)));
    assertThat(c.asserts()).isFalse();
  }

  @Test
  void constantsOfEveryKind() {
    assertThat(single("[file:name = 'it\\'s a \\\\ test']").value()).isEqualTo(new StringValue("it's a \\ test"));
    assertThat(single("[file:size = -42]").value()).isEqualTo(new IntValue(BigInteger.valueOf(-42)));
    assertThat(single("[file:size = +42]").value()).isEqualTo(new IntValue(BigInteger.valueOf(42)));
    assertThat(single("[x:score > 7.25]").value()).isEqualTo(new FloatValue(new BigDecimal("7.25")));
    assertThat(single("[x:score > -.5]").value()).isEqualTo(new FloatValue(new BigDecimal("-.5")));
    assertThat(single("[process:is_hidden = true]").value()).isEqualTo(new BoolValue(true));
    assertThat(single("[file:created = t'2014-01-13T07:03:17.123Z']").value())
        .isEqualTo(new TimestampValue(Instant.parse("2014-01-13T07:03:17.123Z"), "2014-01-13T07:03:17.123Z"));
    assertThat(single("[file:magic_number_hex = h'FFd8']").value()).isEqualTo(new HexValue("FFd8"));
    assertThat(single("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']").value()).isEqualTo(new BinaryValue("dGhpcyBpcyBhIHRlc3Q="));
    assertThat(single("[file:name IN ()]").value()).isEqualTo(new ValueList(List.of()));
  }

  @Test
  void objectPathsWithQuotedNamesListIndexesAndExtensions() {
    Comparison hash = single("[file:hashes.'SHA-256' = 'ab']");
    Comparison any = single("[email-message:body_multipart[*].body_raw_ref.name MATCHES 'x']");
    Comparison first = single("[windows-registry-key:values[0].name = 'Foo']");
    Comparison extension = single("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]");

    assertThat(hash.path().objectType()).isEqualTo("file");
    assertThat(hash.path().steps()).containsExactly(new Property("hashes", false), new Property("SHA-256", true));
    assertThat(any.path().steps()).containsExactly(new Property("body_multipart", false), new Index(null),
        new Property("body_raw_ref", false), new Property("name", false));
    assertThat(first.path().steps()).contains(new Index(0));
    assertThat(extension.path().properties()).isEqualTo("extensions.windows-pebinary-ext.sections.entropy");
    assertThat(extension.path()).hasToString("file:extensions.'windows-pebinary-ext'.sections[*].entropy");
  }

  @Test
  void followedByBindsLoosestThenOrThenAnd() {
    StixPattern p = PatternParser.parse("[a:x = 1] FOLLOWEDBY [b:x = 2] OR [c:x = 3] AND [d:x = 4]");

    assertThat(p).hasToString("([a:x = 1] FOLLOWEDBY ([b:x = 2] OR ([c:x = 3] AND [d:x = 4])))");
    Combined root = (Combined) p.root();
    assertThat(root.operator()).isEqualTo(ObservationOperator.FOLLOWEDBY);
  }

  @Test
  void observationOperatorsAreLeftAssociative() {
    assertThat(PatternParser.parse("[a:x = 1] AND [b:x = 2] AND [c:x = 3]"))
        .hasToString("(([a:x = 1] AND [b:x = 2]) AND [c:x = 3])");
  }

  @Test
  void aQualifierBindsToTheExpressionJustBeforeIt() {
    StixPattern p = PatternParser.parse("[a:x = 1] AND [b:x = 2] WITHIN 5 SECONDS");
    Combined and = (Combined) p.root();

    assertThat(and.left()).isInstanceOf(Observation.class);
    assertThat(and.right()).isEqualTo(new Qualified(new Observation(single("[b:x = 2]")), new Within(new BigDecimal("5"))));
  }

  @Test
  void parenthesesGroupObservationsForAQualifierAndQualifiersChain() {
    StixPattern p = PatternParser.parse("([a:x = 1] AND [b:x = 2]) REPEATS 3 TIMES WITHIN 2.5 SECONDS");

    Qualified within = (Qualified) p.root();
    assertThat(within.qualifier()).isEqualTo(new Within(new BigDecimal("2.5")));
    Qualified repeats = (Qualified) within.expression();
    assertThat(repeats.qualifier()).isEqualTo(new Repeats(BigInteger.valueOf(3)));
    assertThat(((Combined) repeats.expression()).operator()).isEqualTo(ObservationOperator.AND);
  }

  @Test
  void startStopQualifier() {
    Qualified q = (Qualified) PatternParser.parse("[a:x = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'").root();

    assertThat(q.qualifier()).isEqualTo(new StartStop(Instant.parse("2016-06-01T00:00:00Z"), Instant.parse("2016-07-01T00:00:00Z")));
  }

  @Test
  void insideAnObservationAndBindsTighterThanOrAndParenthesesRegroup() {
    Observation o = (Observation) PatternParser.parse("[a:x = 1 OR a:y = 2 AND a:z = 3]").root();
    Observation grouped = (Observation) PatternParser.parse("[(a:x = 1 OR a:y = 2) AND a:z = 3]").root();

    assertThat(o.criteria()).isInstanceOf(Either.class);
    assertThat(((Either) o.criteria()).right()).isInstanceOf(Both.class);
    assertThat(grouped.criteria()).isInstanceOf(Both.class);
    assertThat(((Both) grouped.criteria()).left()).isInstanceOf(Either.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // unbalanced brackets
      "[ipv4-addr:value = '198.51.100.1'                 | 33 | expected AND, OR or ']' to close the observation expression opened at offset 0, found the end of the pattern",
      "ipv4-addr:value = '198.51.100.1']                 | 0  | expected '[' to start an observation expression",
      "[ipv4-addr:value = '198.51.100.1']]               | 34 | found ']' that closes nothing",
      "([a:x = 1] AND [b:x = 2]                          | 24 | ')' to close the parenthesis opened at offset 0",
      "[(a:x = 1 OR a:y = 2 AND a:z = 3]                 | 32 | ')' to close the parenthesis opened at offset 1",
      "[a:list[0 = 'x']                                  | 10 | expected ']' to close the list index opened at offset 7",
      // bad operators
      "[ipv4-addr:value CONTAINS '198.51.100.1']         | 17 | expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after ipv4-addr:value, found the name 'CONTAINS'",
      "[ipv4-addr:value =~ '198.51.100.1']               | 18 | unexpected character '~'",
      "[ipv4-addr:value ! '198.51.100.1']                | 17 | '!' must be followed by '='",
      "[a:x = 1] and [b:x = 2]                           | 10 | expected AND, OR, FOLLOWEDBY, a qualifier (WITHIN, REPEATS, START) or the end of the pattern, found the name 'and'",
      "[a:x = 1] AND                                     | 13 | expected '[' to start an observation expression (or '(' to group them), found the end of the pattern",
      // unterminated string and bad literals
      "[file:name = 'foo.dll]                            | 13 | the string starting at offset 13 is not closed",
      "[file:name = 'foo\\n']                            | 17 | only \\' and \\\\ may follow a backslash",
      "[file:created = t'2016-13-01T00:00:00Z']          | 16 | is not a real date and time",
      "[file:created = t'2016-01-01 00:00:00']           | 16 | a timestamp must look like t'2016-01-01T00:00:00Z'",
      "[file:magic_number_hex = h'abc']                  | 25 | a hex value must hold pairs of hexadecimal digits",
      "[artifact:payload_bin = b'not base64!']           | 24 | a binary value must be base64",
      "[file:size > true]                                | 13 | a boolean cannot be compared with >",
      "[file:name MATCHES 5]                             | 19 | expected a quoted string after MATCHES, found the number 5",
      "[file:name IN 'a']                                | 14 | expected '(' to start the list of values after IN",
      "[file:name IN ('a' 'b')]                          | 19 | expected ',' or ')' in the list of values opened at offset 14",
      "[file:name = ]                                    | 13 | expected a value (a quoted string, a number, true/false, t'…', h'…' or b'…') after =, found ']'",
      // paths
      "[]                                                | 1  | expected an object path such as ipv4-addr:value, found ']'",
      "[file-name = 'x']                                 | 11 | expected ':' after the object type 'file-name'",
      "[file:hashes.SHA-256 = 'x']                       | 13 | a property name with '-' must be quoted, e.g. 'SHA-256'",
      // qualifiers
      "[a:x = 1] WITHIN SECONDS                          | 17 | expected a positive number of seconds after WITHIN, found SECONDS",
      "[a:x = 1] WITHIN 5                                | 18 | expected SECONDS after WITHIN 5",
      "[a:x = 1] REPEATS 0 TIMES                         | 18 | expected a positive whole number after REPEATS",
      "[a:x = 1] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z' | 10 | the STOP timestamp must be later than the START timestamp",
      "[a:x = 1] START t'2016-07-01T00:00:00Z'           | 39 | expected STOP after the START timestamp"})
  void malformedPatternsSayWhereAndWhat(String pattern, int offset, String message) {
    assertThatThrownBy(() -> PatternParser.parse(pattern.strip()))
        .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
          assertThat(e.problem()).contains(message);
          assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
          assertThat(e.getMessage()).startsWith("at offset " + offset + ": ");
        });
  }

  @Test
  void emptyAndHostilePatternsAreRefusedCheaply() {
    assertThatThrownBy(() -> PatternParser.parse("  ")).hasMessageContaining("the pattern is empty");
    String deep = "(".repeat(5000) + "[a:x = 1]" + ")".repeat(5000);
    assertThatThrownBy(() -> PatternParser.parse(deep)).isInstanceOfSatisfying(PatternSyntaxException.class,
        e -> assertThat(e.problem()).contains("nested deeper than 100 levels"));
    String deepCriteria = "[" + "(".repeat(5000) + "a:x = 1" + ")".repeat(5000) + "]";
    assertThatThrownBy(() -> PatternParser.parse(deepCriteria)).hasMessageContaining("nested deeper than 100 levels");
    assertThatThrownBy(() -> PatternParser.parse("[a:x = '" + "y".repeat(PatternParser.MAX_LENGTH) + "']"))
        .hasMessageContaining("longer than");
  }

  @Test
  void theTreeListsItsComparisonsLeftToRight() {
    StixPattern p = PatternParser.parse("[a:x = 1 AND b:y = 2] FOLLOWEDBY [c:z = 3] WITHIN 10 SECONDS");

    assertThat(p.comparisons()).extracting(c -> c.path().objectType(), c -> c.path().properties())
        .containsExactly(tuple("a", "x"), tuple("b", "y"), tuple("c", "z"));
  }

  private static Comparison single(String pattern) {
    return (Comparison) ((Observation) PatternParser.parse(pattern).root()).criteria();
  }
}
