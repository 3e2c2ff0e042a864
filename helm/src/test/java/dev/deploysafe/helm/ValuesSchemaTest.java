package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.Severity;
import dev.deploysafe.core.testing.DeepStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Map<String, Object> yaml(String text) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = YAML.readValue(text, Map.class);
      return m == null ? Map.of() : m;
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Report check(String schema, String values) {
    return ValuesSchema.parse(schema, "values.schema.json").validate(yaml(values));
  }

  private static List<String> codes(Report r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @Test
  void integerTypeAcceptsOnePointZero() {
    String schema = "{\"properties\":{\"n\":{\"type\":\"integer\"}}}";
    assertThat(check(schema, "n: 1.0").findings()).isEmpty();
    assertThat(codes(check(schema, "n: 1.5"))).containsExactly("values.schema.type");
  }

  @Test
  void typeMismatchNamesKeyPathAndBothTypes() {
    Report r =
        check(
            "{\"properties\":{\"a\":{\"properties\":{\"b\":{\"type\":\"string\"}}}}}", "a: {b: 3}");
    Finding f = r.findings().get(0);
    assertThat(f.code()).isEqualTo("values.schema.type");
    assertThat(f.location().keyPath()).isEqualTo("a.b");
    assertThat(f.location().pointer()).isEqualTo("/a/b");
    assertThat(f.message()).contains("an integer").contains("a string");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
  }

  @Test
  void additionalPropertyPointsAtTheUnknownKey() {
    Report r =
        check(
            "{\"additionalProperties\":false,\"properties\":{\"jupyterhub\":{}}}",
            "imagePullSecret: {create: true}\njupyterhub: {}");
    assertThat(r.findings()).hasSize(1);
    Finding f = r.findings().get(0);
    assertThat(f.code()).isEqualTo("values.schema.additional-property");
    assertThat(f.location().pointer()).isEqualTo("/imagePullSecret");
    assertThat(f.evidence()).containsEntry("helmPointer", "");
  }

  @Test
  void requiredNamesTheMissingKeyAndItsParent() {
    Report r =
        check(
            "{\"properties\":{\"hub\":{\"type\":\"object\",\"required\":[\"image\"]}}}",
            "hub: {x: 1}");
    Finding f = r.findings().get(0);
    assertThat(f.code()).isEqualTo("values.schema.required");
    assertThat(f.location().keyPath()).isEqualTo("hub");
    assertThat(f.message()).isEqualTo("`hub` is missing the required key `image`");
  }

  @Test
  void anyOfBecomesOneFindingListingEachAlternative() {
    Report r =
        check(
            "{\"properties\":{\"pv\":{\"anyOf\":[{\"type\":\"string\"},"
                + "{\"type\":\"object\",\"required\":[\"serverIP\"]}]}}}",
            "pv: {path: /x}");
    assertThat(r.findings()).hasSize(1);
    Finding f = r.findings().get(0);
    assertThat(f.code()).isEqualTo("values.schema.any-of");
    assertThat(f.location().keyPath()).isEqualTo("pv");
    assertThat(f.message())
        .contains("alternative 1 wants a string")
        .contains("alternative 2 wants the key `serverIP`");
  }

  @Test
  void oneOfWithNoMatchListsAlternatives() {
    Report r =
        check(
            "{\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}",
            "a: true");
    assertThat(codes(r)).containsExactly("values.schema.one-of");
    assertThat(r.findings().get(0).message())
        .contains("alternative 1 wants a string")
        .contains("alternative 2 wants an integer");
  }

  @Test
  void oneOfMatchingTwiceSaysSo() {
    Report r =
        check(
            "{\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"number\"}]}}}",
            "a: 3");
    assertThat(codes(r)).containsExactly("values.schema.one-of");
    assertThat(r.findings().get(0).message()).contains("must match exactly one");
  }

  @ParameterizedTest(name = "{0} asserts format: {1}")
  @CsvSource({
    "http://json-schema.org/draft-04/schema#, true",
    "http://json-schema.org/draft-06/schema#, true",
    "http://json-schema.org/draft-07/schema#, true",
    "https://json-schema.org/draft-07/schema, true",
    "https://json-schema.org/draft/2019-09/schema, false",
    "https://json-schema.org/draft/2020-12/schema, false",
    "'', false"
  })
  void formatIsAssertedOnlyUpToDraft7(String draft, boolean asserted) {
    String head = draft.isEmpty() ? "" : "\"$schema\":\"" + draft + "\",";
    Report r = check("{" + head + "\"properties\":{\"m\":{\"format\":\"email\"}}}", "m: nope");
    assertThat(codes(r)).isEqualTo(asserted ? List.of("values.schema.format") : List.of());
  }

  @Test
  void schemaWithoutDollarSchemaIsDraft202012AndEnforcesPrefixItems() {
    ValuesSchema s =
        ValuesSchema.parse(
            "{\"properties\":{\"a\":{\"prefixItems\":[{\"type\":\"string\"}]}}}", "s.json");
    assertThat(s.draft()).isEqualTo(SchemaDraft.DRAFT_2020_12);
    assertThat(codes(s.validate(yaml("a: [1]")))).containsExactly("values.schema.type");
  }

  @Test
  void draft7IgnoresPrefixItems() {
    Report r =
        check(
            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
                + "\"properties\":{\"a\":{\"prefixItems\":[{\"type\":\"string\"}]}}}",
            "a: [1]");
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void invalidJsonIsAnErrorWithLineAndColumn() {
    ValuesSchema s =
        ValuesSchema.parse("{\n  \"type\": \"object\",\n  oops\n}", "values.schema.json");
    assertThat(s.isUsable()).isFalse();
    Report r = s.validate(Map.of("a", 1));
    assertThat(codes(r)).containsExactly("values.schema.invalid-json");
    assertThat(r.findings().get(0).location().line()).isEqualTo(3);
    assertThat(r.findings().get(0).location().column()).isPositive();
  }

  @Test
  void topLevelArrayIsNotASchema() {
    assertThat(codes(ValuesSchema.parse("[1,2]", "v.json").validate(Map.of())))
        .containsExactly("values.schema.not-a-schema");
  }

  @Test
  void unknownDraftIsAnError() {
    ValuesSchema s = ValuesSchema.parse("{\"$schema\":\"https://example.com/mine\"}", "v.json");
    assertThat(codes(s.problems())).containsExactly("values.schema.unsupported-draft");
    assertThat(s.isUsable()).isFalse();
  }

  @Test
  void schemaThatBreaksItsMetaSchemaIsAnError() {
    ValuesSchema s =
        ValuesSchema.parse("{\"properties\":{\"a\":{\"type\":\"strin\"}}}", "values.schema.json");
    assertThat(s.isUsable()).isFalse();
    assertThat(codes(s.problems())).contains("values.schema.invalid");
  }

  @Test
  void remoteRefIsNotFetchedAndIsNamed() {
    ValuesSchema s =
        ValuesSchema.parse(
            "{\"properties\":{\"a\":{\"$ref\":\"https://example.invalid/s.json#/x\"},"
                + "\"b\":{\"type\":\"string\"}}}",
            "values.schema.json");
    Report r = s.validate(yaml("a: 1\nb: 2"));
    assertThat(codes(r)).containsExactly("values.schema.remote-ref", "values.schema.type");
    assertThat(r.findings().get(0).evidence())
        .containsEntry("reference", "https://example.invalid/s.json");
  }

  @Test
  void allowListedRemoteRefIsFetchedAndAFailedFetchIsAFinding() {
    SchemaOptions o = SchemaOptions.defaults().withAllowedRemoteRef("http://127.0.0.1:9/");
    ValuesSchema s =
        ValuesSchema.parse(
            "{\"properties\":{\"a\":{\"$ref\":\"http://127.0.0.1:9/s.json\"}}}", "v.json", o);
    Report r = s.validate(yaml("a: 1"));
    assertThat(codes(r)).doesNotContain("values.schema.remote-ref");
    assertThat(r.passed()).isFalse();
  }

  @Test
  void relativeRefResolvesInsideTheChart(@TempDir Path chart) throws IOException {
    Files.createDirectories(chart.resolve("schemas"));
    Files.writeString(
        chart.resolve("schemas/port.json"), "{\"type\":\"integer\",\"maximum\":65535}");
    Files.writeString(
        chart.resolve("values.schema.json"),
        "{\"properties\":{\"port\":{\"$ref\":\"schemas/port.json\"}}}");
    ValuesSchema s = ValuesSchema.load(chart.resolve("values.schema.json"));
    assertThat(s.problems().findings()).isEmpty();
    assertThat(codes(s.validate(yaml("port: 70000")))).containsExactly("values.schema.maximum");
    assertThat(s.validate(yaml("port: 80")).findings()).isEmpty();
  }

  @Test
  void refThatClimbsOutOfTheChartIsRejected(@TempDir Path dir) throws IOException {
    Path chart = Files.createDirectories(dir.resolve("chart"));
    Files.writeString(dir.resolve("secret.json"), "{\"type\":\"string\"}");
    Files.writeString(
        chart.resolve("values.schema.json"),
        "{\"properties\":{\"a\":{\"$ref\":\"../secret.json\"}}}");
    ValuesSchema s = ValuesSchema.load(chart.resolve("values.schema.json"));
    assertThat(codes(s.problems())).containsExactly("values.schema.ref-escape");
    assertThat(s.validate(yaml("a: 1")).findings())
        .extracting(Finding::code)
        .containsExactly("values.schema.ref-escape");
  }

  @Test
  void urnRefAcceptsAnythingWithAWarning() {
    Report r = check("{\"properties\":{\"a\":{\"$ref\":\"urn:example:thing\"}}}", "a: 1");
    assertThat(r.findings()).extracting(Finding::severity).containsExactly(Severity.WARNING);
    assertThat(r.passed()).isTrue();
  }

  @Test
  void originsPlaceTheFindingAtTheUsersLine() {
    ValuesSchema s =
        ValuesSchema.parse("{\"properties\":{\"a\":{\"type\":\"string\"}}}", "values.schema.json");
    ValueOrigins origins =
        path ->
            path.equals(List.of("a"))
                ? Optional.of(ValueOrigin.user("prod.values.yaml", 7, 4))
                : Optional.empty();
    Finding f = s.validate(yaml("a: 1"), origins).findings().get(0);
    assertThat(f.location().file()).isEqualTo("prod.values.yaml");
    assertThat(f.location().line()).isEqualTo(7);
    assertThat(f.message()).doesNotContain("chart defaults");
  }

  @Test
  void valueFromChartDefaultsIsSaidSo() {
    ValuesSchema s =
        ValuesSchema.parse("{\"properties\":{\"a\":{\"type\":\"string\"}}}", "values.schema.json");
    ValueOrigins origins = path -> Optional.of(ValueOrigin.chartDefault("values.yaml", 3, 1));
    Finding f = s.validate(yaml("a: 1"), origins).findings().get(0);
    assertThat(f.message()).contains("chart defaults at values.yaml:3:1");
  }

  @Test
  void missingKeyIsPlacedAtTheNearestAncestorWithAnOrigin() {
    ValuesSchema s =
        ValuesSchema.parse(
            "{\"properties\":{\"hub\":{\"required\":[\"image\"]}}}", "values.schema.json");
    ValueOrigins origins =
        path ->
            path.equals(List.of("hub"))
                ? Optional.of(ValueOrigin.user("u.yaml", 2, 1))
                : Optional.empty();
    Finding f = s.validate(yaml("hub: {x: 1}"), origins).findings().get(0);
    assertThat(f.location().line()).isEqualTo(2);
  }

  @Test
  void originsUnderAPrefixLookUpTheFullPath() {
    ValueOrigins top =
        path ->
            path.equals(List.of("jupyterhub", "a"))
                ? Optional.of(ValueOrigin.user("u.yaml", 9, 3))
                : Optional.empty();
    assertThat(top.under(List.of("jupyterhub")).originOf(List.of("a")))
        .contains(ValueOrigin.user("u.yaml", 9, 3));
  }

  @ParameterizedTest(name = "message never quotes the value: {0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{\"properties\":{\"password\":{\"type\":\"integer\"}}}",
        "{\"properties\":{\"password\":{\"pattern\":\"^x$\"}}}",
        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"properties\":{\"password\":{\"format\":\"email\"}}}",
        "{\"properties\":{\"password\":{\"enum\":[\"a\"]}}}",
        "{\"properties\":{\"password\":{\"const\":\"a\"}}}",
        "{\"properties\":{\"password\":{\"maxLength\":2}}}",
        "{\"properties\":{\"password\":{\"anyOf\":[{\"type\":\"integer\"},{\"pattern\":\"^x$\"}]}}}",
        "{\"properties\":{\"password\":{\"not\":{\"type\":\"string\"}}}}",
      })
  void messagesNeverQuoteTheOffendingValue(String schema) {
    Report r = check(schema, "password: S3CRET-hunter2");
    assertThat(r.findings()).isNotEmpty();
    for (Finding f : r.findings()) {
      assertThat(f.toString()).doesNotContain("S3CRET-hunter2");
      assertThat(f.evidence().values()).noneMatch(v -> v.contains("S3CRET-hunter2"));
    }
  }

  @Test
  void missingKeysOfOneObjectAreOneFinding() {
    Report r =
        check(
            "{\"properties\":{\"ips\":{\"required\":[\"registry\",\"username\",\"password\"]}}}",
            "ips: {create: true}");
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).message())
        .isEqualTo("`ips` is missing the required keys `registry`, `username`, `password`");
  }

  /** A schema whose references chain {@code n} deep at one value, with no cycle. */
  private static String refChain(int n) {
    StringBuilder b = new StringBuilder("{\"$ref\":\"#/$defs/d0\",\"$defs\":{");
    for (int i = 0; i < n; i++) {
      b.append("\"d").append(i).append("\":{\"$ref\":\"#/$defs/d").append(i + 1).append("\"},");
    }
    return b.append("\"d").append(n).append("\":{\"type\":\"object\"}}}").toString();
  }

  @Test
  void referenceChainsLongerThanTheBoundFailClosed() throws Exception {
    String chain = refChain(CycleCheckedRef.MAX_FRAMES + 5);
    Report deep =
        DeepStack.call(
            DeepStack.CLI_STACK,
            () -> ValuesSchema.parse(chain, "s.json").validate(Map.of("a", 1)));
    assertThat(deep.errors()).extracting(Finding::code).containsExactly("values.schema.ref-depth");
    // Under the bound the same shape validates.
    ValuesSchema shorter = ValuesSchema.parse(refChain(50), "s.json");
    assertThat(shorter.validate(Map.of("a", 1)).passed()).isTrue();
  }

  @Test
  void recursionDeeperThanTheThreadStackIsAFindingAndLeavesNoState() throws Exception {
    String chain = refChain(CycleCheckedRef.MAX_FRAMES - 1);
    ValuesSchema plain = ValuesSchema.parse("{\"properties\":{\"a\":{\"$ref\":\"#\"}}}", "p.json");
    // Compiled on a deep stack, then applied on a small one: validation overflows.
    ValuesSchema schema =
        DeepStack.call(DeepStack.CLI_STACK, () -> ValuesSchema.parse(chain, "s.json"));
    List<Report> reports =
        DeepStack.call(
            256 << 10,
            () ->
                List.of(
                    schema.validate(Map.of("a", 1)),
                    plain.validate(Map.of("a", Map.of())),
                    ValuesSchema.parse(chain, "s.json").validate(Map.of())));
    assertThat(reports.get(0).errors())
        .extracting(Finding::code)
        .containsExactly("values.schema.too-deep");
    // The reference stack unwound: the next validation on that thread sees no phantom cycle.
    assertThat(reports.get(1).passed()).as(reports.get(1).toText()).isTrue();
    // Compiling on the small stack overflows too, and says so.
    assertThat(reports.get(2).errors())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("values.schema.too-deep");
              assertThat(f.message()).contains("cannot be compiled");
            });
  }
}
