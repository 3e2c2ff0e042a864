package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compares {@link ValuesSchema} with the real Helm v4 binary: for each schema/values pair, {@code
 * helm template} on a throw-away chart must pass or fail as we do, and the JSON pointers of its
 * top-level errors ({@code - at '<pointer>'}) must equal our findings' {@code helmPointer}s. Values
 * avoid YAML 1.1 quirks (keys y/n/on/off), which the values engine handles, not this class.
 */
class ValuesSchemaDifferentialTest {

  private static final Pattern TOP_LEVEL_ERROR = Pattern.compile("(?m)^- at '([^']*)'");
  private static final String D7 = "\"$schema\":\"http://json-schema.org/draft-07/schema#\",";
  private static final String D4 = "\"$schema\":\"http://json-schema.org/draft-04/schema#\",";
  private static final String D2019 =
      "\"$schema\":\"https://json-schema.org/draft/2019-09/schema\",";
  private static final String D2020 =
      "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",";

  @TempDir Path dir;

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "type => {\"properties\":{\"a\":{\"type\":\"string\"}}} => {\"a\": 1}",
        "type ok => {\"properties\":{\"a\":{\"type\":\"string\"}}} => {\"a\": \"x\"}",
        "integer 1.0 => {\"properties\":{\"a\":{\"type\":\"integer\"}}} => {\"a\": 1.0}",
        "integer 1.5 => {\"properties\":{\"a\":{\"type\":\"integer\"}}} => {\"a\": 1.5}",
        "required => {\"required\":[\"a\"]} => {\"b\": 1}",
        "additional root => {\"additionalProperties\":false,\"properties\":{\"a\":{}}} => {\"a\": 1, \"bb\": 2}",
        "additional nested => {\"properties\":{\"hub\":{\"additionalProperties\":false,\"properties\":{\"a\":{}}}}} => {\"hub\": {\"zz\": 1}}",
        "enum => {\"properties\":{\"a\":{\"enum\":[\"x\",\"w\"]}}} => {\"a\": \"z\"}",
        "pattern => {\"properties\":{\"a\":{\"pattern\":\"^v[0-9]+$\"}}} => {\"a\": \"1.2\"}",
        "format draft-07 => {"
            + D7
            + "\"properties\":{\"a\":{\"format\":\"email\"}}} => {\"a\": \"nope\"}",
        "format draft-04 ipv4 => {"
            + D4
            + "\"properties\":{\"a\":{\"format\":\"ipv4\"}}} => {\"a\": \"999.1.1.1\"}",
        "format 2019-09 => {"
            + D2019
            + "\"properties\":{\"a\":{\"format\":\"email\"}}} => {\"a\": \"nope\"}",
        "format 2020-12 => {"
            + D2020
            + "\"properties\":{\"a\":{\"format\":\"email\"}}} => {\"a\": \"nope\"}",
        "format no $schema => {\"properties\":{\"a\":{\"format\":\"email\"}}} => {\"a\": \"nope\"}",
        "prefixItems 2020-12 => {"
            + D2020
            + "\"properties\":{\"a\":{\"prefixItems\":[{\"type\":\"string\"}]}}} => {\"a\": [1]}",
        "prefixItems no $schema => {\"properties\":{\"a\":{\"prefixItems\":[{\"type\":\"string\"}]}}} => {\"a\": [1]}",
        "prefixItems draft-07 => {"
            + D7
            + "\"properties\":{\"a\":{\"prefixItems\":[{\"type\":\"string\"}]}}} => {\"a\": [1]}",
        "anyOf => {\"properties\":{\"pv\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"required\":[\"serverIP\"]}]}}} => {\"pv\": {\"path\": \"/x\"}}",
        "oneOf none => {\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}} => {\"a\": true}",
        "oneOf two => {\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"number\"}]}}} => {\"a\": 3}",
        "minimum => {\"properties\":{\"a\":{\"minimum\":2}}} => {\"a\": 1}",
        "maxLength => {\"properties\":{\"a\":{\"maxLength\":2}}} => {\"a\": \"abc\"}",
        "const => {\"properties\":{\"a\":{\"const\":\"k\"}}} => {\"a\": \"j\"}",
        "if-then => {\"properties\":{\"ips\":{\"if\":{\"properties\":{\"create\":{\"const\":true}}},\"then\":{\"required\":[\"registry\"]}}}} => {\"ips\": {\"create\": true}}",
        "local ref => {\"$defs\":{\"p\":{\"type\":\"integer\"}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/p\"}}} => {\"a\": \"x\"}",
        "unevaluated 2020-12 => {"
            + D2020
            + "\"properties\":{\"a\":{}},\"unevaluatedProperties\":false} => {\"a\": 1, \"bb\": 2}",
        "dependentRequired 2019-09 => {"
            + D2019
            + "\"dependentRequired\":{\"a\":[\"bb\"]}} => {\"a\": 1}",
        "items draft-07 => {"
            + D7
            + "\"properties\":{\"a\":{\"items\":{\"type\":\"string\"}}}} => {\"a\": [\"x\", 2]}",
        "multiple errors => {\"properties\":{\"a\":{\"type\":\"string\"},\"bb\":{\"type\":\"integer\"}}} => {\"a\": 1, \"bb\": \"x\"}",
        "ref cycle root => {\"$ref\":\"#\"} => {\"a\": {}}",
        "ref cycle in anyOf, other branch passes => {\"anyOf\":[{\"$ref\":\"#\"},{\"type\":\"object\"}]} => {\"a\": {}}",
        "ref cycle in oneOf => {\"oneOf\":[{\"$ref\":\"#\"},{\"type\":\"object\"}]} => {\"a\": {}}",
        "ref cycle at a value => {\"properties\":{\"a\":{\"$ref\":\"#/properties/a\"}}} => {\"a\": {}}",
        "ref cycle at an absent value => {\"properties\":{\"a\":{\"$ref\":\"#/properties/a\"}}} => {\"b\": {}}",
        "unused ref cycle in defs => {\"$defs\":{\"x\":{\"$ref\":\"#/$defs/y\"},\"y\":{\"$ref\":\"#/$defs/x\"}}} => {\"a\": {}}",
        "used ref cycle in defs => {\"$defs\":{\"x\":{\"$ref\":\"#/$defs/x\"}},\"properties\":{\"zz\":{\"$ref\":\"#/$defs/x\"}}} => {\"zz\": 1}",
        "ref recursion into a child => {\"properties\":{\"a\":{\"$ref\":\"#\"}}} => {\"a\": {\"a\": {\"a\": {}}}}",
        "ref recursion through items => {\"items\":{\"$ref\":\"#\"},\"properties\":{\"l\":{\"$ref\":\"#\"}}} => {\"l\": [[1]]}",
        "ref cycle across allOf => {\"properties\":{\"b\":{\"$ref\":\"#/properties/a\"}, \"a\":{\"allOf\":[{\"$ref\":\"#/properties/b\"}]}}} => {\"a\": {}}",
        "ref cycle under if => {\"if\":{\"$ref\":\"#\"}} => {\"a\": {}}",
        "ref cycle under not => {\"not\":{\"$ref\":\"#\"}} => {\"a\": {}}",
        "ref cycle under not not => {\"not\":{\"not\":{\"$ref\":\"#\"}}} => {\"a\": {}}",
        "ref cycle through an anchor => {\"$defs\":{\"x\":{\"$anchor\":\"r\",\"$ref\":\"#r\"}},\"properties\":{\"a\":{\"$ref\":\"#r\"}}} => {\"a\": {}}",
        "dynamicRef cycle => {\"$dynamicAnchor\":\"m\",\"anyOf\":[{\"$dynamicRef\":\"#m\"}]} => {\"a\": {}}",
        "recursiveRef cycle 2019-09 => {\"$schema\":\"https://json-schema.org/draft/2019-09/schema\",\"$recursiveAnchor\":true,\"anyOf\":[{\"$recursiveRef\":\"#\"}]} => {\"a\": {}}",
        "recursiveRef into a child 2019-09 => {\"$schema\":\"https://json-schema.org/draft/2019-09/schema\",\"$recursiveAnchor\":true,\"properties\":{\"a\":{\"$recursiveRef\":\"#\"}}} => {\"a\": {\"a\": {}}}",
        "dynamicRef ignored by draft-07 => {\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"$dynamicAnchor\":\"m\",\"anyOf\":[{\"$dynamicRef\":\"#m\"}]} => {\"a\": {}}",
        "ref to the document by its own $id => {\"$id\":\"http://x.test/s\",\"properties\":{\"a\":{\"$ref\":\"http://x.test/s#/$defs/n\"}},\"$defs\":{\"n\":{\"type\":\"integer\"}}} => {\"a\": \"x\"}",
        "ref cycle by the document $id => {\"$id\":\"http://x.test/s\",\"properties\":{\"a\":{\"$ref\":\"http://x.test/s#/properties/a\"}}} => {\"a\": {}}",
        "ref to an embedded resource $id => {\"$defs\":{\"n\":{\"$id\":\"http://x.test/n\",\"type\":\"integer\"}},\"properties\":{\"a\":{\"$ref\":\"http://x.test/n\"}}} => {\"a\": \"x\"}",
        "ref cycle draft-07 => {\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"definitions\":{\"x\":{\"$ref\":\"#/definitions/x\"}},\"properties\":{\"q\":{\"$ref\":\"#/definitions/x\"}}} => {\"q\": 1}",
      })
  void agreesWithHelmOnPassFailAndPointers(String name, String schema, String values)
      throws IOException, InterruptedException {
    Path helm = Peers.helm();
    Path chart = Files.createDirectories(dir.resolve("c"));
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.schema.json"), schema);
    Path user = Files.writeString(dir.resolve("user.yaml"), values);

    Process p =
        new ProcessBuilder(
                helm.toString(), "template", "c", chart.toString(), "-f", user.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    Set<String> helmPointers = new TreeSet<>();
    Matcher m = TOP_LEVEL_ERROR.matcher(out);
    while (m.find()) {
      helmPointers.add(m.group(1));
    }

    Report ours =
        ValuesSchema.load(chart.resolve("values.schema.json"))
            .validate(ValuesSchemaTest.yaml(values));
    Set<String> ourPointers = new TreeSet<>();
    for (Finding f : ours.findings()) {
      ourPointers.add(f.evidence().getOrDefault("helmPointer", "?"));
    }
    assertThat(ours.passed())
        .as("pass/fail for %s; helm said:%n%s", name, out)
        .isEqualTo(exit == 0);
    assertThat(ourPointers)
        .as("pointers for %s; helm said:%n%s%nours:%n%s", name, out, ours)
        .isEqualTo(helmPointers);
  }

  @ParameterizedTest(name = "[{index}] broken schema fails in both: {0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "breaks its meta-schema => {\"properties\":{\"a\":{\"type\":\"strin\"}}}",
        "truncated JSON => {\"type\": \"object\",",
        "empty file => ''",
        "top-level array => [1]",
        "missing relative ref => {\"properties\":{\"a\":{\"$ref\":\"other.json\"}}}",
      })
  void brokenSchemaFailsInHelmAndIsAnErrorFindingHere(String name, String schema)
      throws IOException, InterruptedException {
    Path helm = Peers.helm();
    Path chart = Files.createDirectories(dir.resolve("c"));
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.schema.json"), schema);
    Process p =
        new ProcessBuilder(helm.toString(), "template", "c", chart.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    Report ours =
        ValuesSchema.load(chart.resolve("values.schema.json")).validate(java.util.Map.of());
    assertThat(exit).as("helm exit for %s: %s", name, out).isNotZero();
    assertThat(ours.passed()).as("ours for %s: %s", name, ours).isFalse();
  }
}
