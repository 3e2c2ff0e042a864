package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ReportsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "hunter2secret";

  /** Text that tries everything: controls, ESC, bidi override, lone surrogate, markup, mentions. */
  static final String HOSTILE =
      "line1\nline2\r\nline3 \u0000\u0001\u0007\u001b[31mred\u001b[0m \u202Eevil\u202C \uD800"
          + " \uD83D\uDE80 <script>&\"'</script> a|b [x](http://evil.example/p.png) "
          + "![i](http://evil.example/i.png) @org/team ]]> \uFFFE end";

  static Report hostileReport() {
    Finding unused =
        Finding.error(
                "values.key.unused",
                Location.of("charts/hub/values.yaml", 3, 5)
                    .withKey(List.of("hub", "imagePullSecret"))
                    .withChart("basehub"),
                "unused key hub.imagePullSecret: " + HOSTILE)
            .withHint("remove it; password=" + SECRET)
            .withSuggestions(List.of("hub.image", "token=" + SECRET))
            .withEvidence("password", SECRET)
            .withEvidence("repo", "https://bob:" + SECRET + "@charts.example.com")
            .withEvidence("note", HOSTILE);
    Finding second =
        Finding.error(
            "values.key.unused",
            Location.file("values prod.yaml"),
            "second error, Bearer " + SECRET);
    Finding tab =
        Finding.warning(
            "yaml.tab", Location.resource("apps/Deployment prod/api"), "tab in indentation");
    Finding info =
        Finding.info(
            "yaml.note", Location.none(), "Authorization: Bearer " + SECRET + " seen in logs");
    Finding orphan = Finding.error("rollout.progress-deadline", Location.none(), "stuck 3/5");
    List<Finding> findings = List.of(unused, second, tab, info, orphan);
    return new Report(findings, List.of("values.key", "yaml", "values.schema"));
  }

  // ---------------------------------------------------------------- every format

  @ParameterizedTest
  @EnumSource(Format.class)
  void everyFormatRedactsSecrets(Format format) {
    String out = Reports.render(hostileReport(), format);
    assertThat(out).doesNotContain(SECRET).contains("redacted");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void everyFormatRendersAnEmptyReport(Format format) {
    assertThat(Reports.render(Report.empty(), format)).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void everyFormatCopesWithHundredsOfKilobytesOfHostileText(Format format) throws Exception {
    String huge = (HOSTILE + " eyJ- a.b://c ").repeat(600);
    Report r =
        Report.of(Finding.error("x.huge", Location.file(huge), huge).withEvidence("e", huge));
    String out = Reports.render(r, format);
    assertThat(out).isNotEmpty();
    if (format == Format.JSON || format == Format.SARIF) {
      assertThat(JSON.readTree(out).isObject()).isTrue();
    }
    if (format == Format.JUNIT) {
      assertThat(parseXml(out).getDocumentElement().getTagName()).isEqualTo("testsuites");
    }
  }

  @Test
  void reportToTextIsTheTextRendering() {
    Report r = hostileReport();
    assertThat(r.toText()).isEqualTo(Reports.render(r, Format.TEXT));
  }

  @Test
  void formatParseAcceptsNamesAndAliasesIgnoringCase() {
    assertThat(Format.parse("SARIF")).isEqualTo(Format.SARIF);
    assertThat(Format.parse(" md ")).isEqualTo(Format.MARKDOWN);
    assertThat(Format.parse("junit-xml")).isEqualTo(Format.JUNIT);
    assertThat(Format.JUNIT.extension()).isEqualTo("xml");
    assertThatThrownBy(() -> Format.parse("yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'yaml'");
  }

  @Test
  void renderOptionsValidateAndCopy() {
    RenderOptions o = RenderOptions.defaults().withTitle("gates.prod").withColour(true);
    assertThat(o.toolName()).isEqualTo("deploysafe");
    assertThat(o.title()).isEqualTo("gates.prod");
    assertThat(o.colour()).isTrue();
    assertThat(RenderOptions.defaults().colour()).isFalse();
    assertThatThrownBy(() -> o.withTitle(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- text

  @Test
  void textHasOneLinePerFindingAndASummary() {
    String out = Reports.render(hostileReport(), Format.TEXT);
    assertThat(out).startsWith("ERROR values.key.unused charts/hub/values.yaml:3:5");
    assertThat(out).endsWith("FAILED: 3 error(s), 1 warning(s), 1 info(s); 3 checks ran\n");
    assertThat(Reports.render(Report.empty(), Format.TEXT))
        .isEqualTo("PASSED: 0 error(s), 0 warning(s), 0 info(s)\n");
  }

  @Test
  void textHasNoColourUnlessAsked() {
    String plain = Reports.render(hostileReport(), Format.TEXT);
    String coloured =
        Reports.render(hostileReport(), Format.TEXT, RenderOptions.defaults().withColour(true));
    assertThat(plain).doesNotContain("\u001b");
    assertThat(coloured).contains("\u001b[1;31mERROR\u001b[0m").contains("\u001b[1;31mFAILED");
  }

  @Test
  void textEscapesControlAndBidiCharactersAndIndentsContinuationLines() {
    String out = Reports.render(hostileReport(), Format.TEXT);
    assertThat(out).doesNotContain("\u001b", "\u202E", "\u0000", "\r", "\uD800");
    assertThat(out).contains("\\u001b[31mred", "\\u202eevil", "\n    line2\n    line3");
    assertThat(out).contains("\uD83D\uDE80");
  }

  // ---------------------------------------------------------------- JSON

  @Test
  void jsonFollowsSchemaVersion1() throws Exception {
    JsonNode root = JSON.readTree(Reports.render(hostileReport(), Format.JSON));
    assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.get("tool").get("name").asText()).isEqualTo("deploysafe");
    assertThat(root.get("passed").asBoolean()).isFalse();
    assertThat(root.get("counts").get("error").asInt()).isEqualTo(3);
    assertThat(root.get("counts").get("warning").asInt()).isEqualTo(1);
    assertThat(root.get("counts").get("info").asInt()).isEqualTo(1);
    assertThat(root.get("counts").get("total").asInt()).isEqualTo(5);
    assertThat(root.get("checks")).hasSize(3);
    JsonNode f = root.get("findings").get(0);
    assertThat(f.get("code").asText()).isEqualTo("values.key.unused");
    assertThat(f.get("severity").asText()).isEqualTo("ERROR");
    assertThat(f.get("location").get("line").asInt()).isEqualTo(3);
    assertThat(f.get("location").get("column").asInt()).isEqualTo(5);
    assertThat(f.get("location").get("keyPath").asText()).isEqualTo("hub.imagePullSecret");
    assertThat(f.get("location").get("pointer").asText()).isEqualTo("/hub/imagePullSecret");
    assertThat(f.get("location").get("chart").asText()).isEqualTo("basehub");
    assertThat(f.get("suggestions").get(0).asText()).isEqualTo("hub.image");
    assertThat(f.get("evidence").get("password").asText()).isEqualTo(Redaction.MASK);
    JsonNode none = root.get("findings").get(3).get("location");
    assertThat(none.get("file").asText()).isEmpty();
    assertThat(none.get("line").asInt()).isZero();
  }

  @Test
  void jsonKeepsHostileTextExceptUnpairedSurrogates() throws Exception {
    JsonNode root = JSON.readTree(Reports.render(hostileReport(), Format.JSON));
    String expected = HOSTILE.replace('\uD800', '\uFFFD');
    assertThat(root.get("findings").get(0).get("evidence").get("note").asText())
        .isEqualTo(expected);
  }

  // ---------------------------------------------------------------- JUnit XML

  @Test
  void junitHasOneTestcasePerCheckAndOneForOrphanFindings() throws Exception {
    Document doc = parseXml(Reports.render(hostileReport(), Format.JUNIT));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    NodeList cases = suite.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(((Element) cases.item(i)).getAttribute("name"));
    }
    assertThat(names)
        .containsExactly("values.key", "yaml", "values.schema", "rollout.progress-deadline");
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
  }

  @Test
  void junitPutsAllErrorsOfACheckInOneFailureAndOthersInSystemOut() throws Exception {
    Document doc = parseXml(Reports.render(hostileReport(), Format.JUNIT));
    Element values = testcase(doc, "values.key");
    Element failure = (Element) values.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("values.key.unused");
    assertThat(failure.getAttribute("message")).contains("line1\nline2").endsWith("(and 1 more)");
    assertThat(failure.getTextContent()).contains("second error").contains("hint: remove it");
    Element yaml = testcase(doc, "yaml");
    assertThat(yaml.getElementsByTagName("failure").getLength()).isZero();
    assertThat(yaml.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("WARNING yaml.tab")
        .contains("INFO yaml.note");
    assertThat(testcase(doc, "values.schema").getChildNodes().getLength()).isZero();
  }

  @Test
  void junitWritesForbiddenCharactersAsVisibleEscapes() throws Exception {
    String xml = Reports.render(hostileReport(), Format.JUNIT);
    Element failure =
        (Element) testcase(parseXml(xml), "values.key").getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).contains("\\u0000\\u0001\\u0007\\u001b[31mred");
    assertThat(failure.getAttribute("message")).contains("\uFFFD").contains("\\ufffe");
    assertThat(failure.getTextContent()).contains("<script>&\"'</script>");
  }

  @Test
  void junitAlwaysHasATestcaseEvenForAnEmptyReport() throws Exception {
    Document doc =
        parseXml(
            Reports.render(
                Report.empty(), Format.JUNIT, RenderOptions.defaults().withTitle("gates.prod")));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(1);
    assertThat(((Element) cases.item(0)).getAttribute("classname")).isEqualTo("gates.prod");
    assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void junitListsPassingChecksAsPassingTestcases() throws Exception {
    Report r =
        Report.ofCheck("gates.window", List.of()).and(Report.ofCheck("gates.hold", List.of()));
    Document doc = parseXml(Reports.render(r, Format.JUNIT));
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
  }

  // ---------------------------------------------------------------- SARIF

  @Test
  void committedSarifSchemaIsTheOfficialFileUnchanged() throws Exception {
    byte[] bytes = schemaBytes();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(sha).isEqualTo("4ca040808b0e8415ce63c323702ebf2a7d96fe949d4a1f67dec2d34a5e3aecd0");
  }

  @Test
  void sarifValidatesAgainstTheOfficialSchema() throws Exception {
    Schema schema = sarifSchema();
    for (Report r :
        List.of(
            hostileReport(),
            Report.empty(),
            Report.of(Finding.info("a.b", Location.file("C:\\work\\v.yaml"), "windows path")))) {
      String sarif =
          Reports.render(r, Format.SARIF, RenderOptions.defaults().withToolVersion("0.3.0"));
      List<com.networknt.schema.Error> errors = schema.validate(sarif, InputFormat.JSON);
      assertThat(errors).as(sarif).isEmpty();
    }
  }

  @Test
  void sarifSchemaValidationCanFail() throws Exception {
    List<com.networknt.schema.Error> errors =
        sarifSchema()
            .validate(
                "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{}},"
                    + "\"results\":[{\"level\":\"fatal\",\"message\":{}}]}]}",
                InputFormat.JSON);
    assertThat(errors).isNotEmpty();
  }

  @Test
  void sarifHasDriverRulesLevelsAndLocations() throws Exception {
    JsonNode run =
        JSON.readTree(
                Reports.render(
                    hostileReport(),
                    Format.SARIF,
                    RenderOptions.defaults().withToolVersion("0.3.0")))
            .get("runs")
            .get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("deploysafe");
    assertThat(driver.get("version").asText()).isEqualTo("0.3.0");
    List<String> ruleIds = new ArrayList<>();
    driver.get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
    assertThat(ruleIds)
        .containsExactly(
            "values.key",
            "yaml",
            "values.schema",
            "values.key.unused",
            "yaml.tab",
            "yaml.note",
            "rollout.progress-deadline");
    JsonNode results = run.get("results");
    assertThat(results).hasSize(5);
    JsonNode first = results.get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("values.key.unused");
    assertThat(ruleIds.get(first.get("ruleIndex").asInt())).isEqualTo("values.key.unused");
    assertThat(first.get("level").asText()).isEqualTo("error");
    JsonNode physical = first.get("locations").get(0).get("physicalLocation");
    assertThat(physical.get("artifactLocation").get("uri").asText())
        .isEqualTo("charts/hub/values.yaml");
    assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(3);
    assertThat(physical.get("region").get("startColumn").asInt()).isEqualTo(5);
    assertThat(
            results
                .get(1)
                .get("locations")
                .get(0)
                .get("physicalLocation")
                .get("artifactLocation")
                .get("uri")
                .asText())
        .isEqualTo("values%20prod.yaml");
    assertThat(results.get(2).get("level").asText()).isEqualTo("warning");
    assertThat(results.get(3).get("level").asText()).isEqualTo("note");
  }

  @Test
  void sarifResultsWithoutAFileGetALogicalLocation() throws Exception {
    JsonNode results =
        JSON.readTree(Reports.render(hostileReport(), Format.SARIF))
            .get("runs")
            .get(0)
            .get("results");
    JsonNode resource = results.get(2).get("locations").get(0);
    assertThat(resource.has("physicalLocation")).isFalse();
    assertThat(resource.get("logicalLocations").get(0).get("fullyQualifiedName").asText())
        .isEqualTo("apps/Deployment prod/api");
    assertThat(resource.get("logicalLocations").get(0).get("kind").asText()).isEqualTo("resource");
    JsonNode nowhere = results.get(4).get("locations").get(0);
    assertThat(nowhere.get("logicalLocations").get(0).get("fullyQualifiedName").asText())
        .isEqualTo("rollout.progress-deadline");
  }

  @Test
  void sarifFingerprintsIgnoreLinesAndMessagesButNotKeys() {
    Location at = Location.of("values.yaml", 3, 1).withKey(List.of("a", "b"));
    Finding f = Finding.error("values.key.unused", at, "replicas 1/3");
    Finding moved =
        Finding.error("values.key.unused", at.withPosition("values.yaml", 40, 7), "replicas 2/3");
    Finding otherKey =
        Finding.error("values.key.unused", at.withKey(List.of("a", "c")), "replicas 1/3");
    assertThat(SarifRenderer.fingerprint(moved)).isEqualTo(SarifRenderer.fingerprint(f));
    assertThat(SarifRenderer.fingerprint(otherKey)).isNotEqualTo(SarifRenderer.fingerprint(f));
  }

  @Test
  void sarifUrisAreEncodedReferences() {
    assertThat(SarifRenderer.uri("a b/ü.yaml")).isEqualTo("a%20b/%C3%BC.yaml");
    assertThat(SarifRenderer.uri("C:\\w\\v.yaml")).isEqualTo("file:///C:/w/v.yaml");
    assertThat(SarifRenderer.uri("/abs/v.yaml")).isEqualTo("file:///abs/v.yaml");
    assertThat(SarifRenderer.uri("x:y.yaml")).isEqualTo("x%3Ay.yaml");
  }

  // ---------------------------------------------------------------- Markdown

  @Test
  void markdownHasVerdictHeadingCountsAndATableRowPerFinding() {
    String md = Reports.render(hostileReport(), Format.MARKDOWN);
    assertThat(md)
        .startsWith("## \u274C deploysafe failed\n\n3 errors, 1 warning, 1 info from 3 checks.");
    assertThat(md).contains("| Severity | Code | Location | Message |");
    long rows = md.lines().filter(l -> l.startsWith("| ") && l.contains("` |")).count();
    assertThat(rows).isEqualTo(5);
    assertThat(Reports.render(Report.empty(), Format.MARKDOWN))
        .startsWith("## \u2705 deploysafe passed");
  }

  @Test
  void markdownEscapesTextSoItCannotAddCellsLinksHtmlOrMentions() {
    String md = Reports.render(hostileReport(), Format.MARKDOWN);
    String row =
        md.lines().filter(l -> l.contains("`values.key.unused`")).findFirst().orElseThrow();
    // Five unescaped pipes: four cells.
    assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5);
    assertThat(md).doesNotContain("<script>", "](http", "@org", "\u202E", "\u001b");
    assertThat(md).contains("\\<script\\>", "\\[x\\]\\(http", "@\u200Borg", "line1<br>line2");
  }

  @Test
  void markdownStaysUnderTheGitHubCommentLimit() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      many.add(
          Finding.warning("yaml.tab", Location.of("v.yaml", i + 1, 1), "tab " + "x".repeat(200)));
    }
    String md = Reports.render(Report.of(many), Format.MARKDOWN);
    assertThat(md.length()).isLessThan(65_536);
    assertThat(md).contains("more finding(s) not shown");
  }

  // ---------------------------------------------------------------- helpers

  static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(new InputSource(new StringReader(xml)));
  }

  private static Element testcase(Document doc, String name) {
    NodeList cases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no testcase " + name);
  }

  private static byte[] schemaBytes() throws Exception {
    try (InputStream in = ReportsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      assertThat(in).as("sarif schema resource").isNotNull();
      return in.readAllBytes();
    }
  }

  private static Schema sarifSchema() throws Exception {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7,
            b ->
                b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    return registry.getSchema(new String(schemaBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
  }
}
