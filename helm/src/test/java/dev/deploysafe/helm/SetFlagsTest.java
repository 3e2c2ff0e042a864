package dev.deploysafe.helm;

import static dev.deploysafe.helm.DiffCase.file;
import static dev.deploysafe.helm.DiffCase.json;
import static dev.deploysafe.helm.DiffCase.literal;
import static dev.deploysafe.helm.DiffCase.set;
import static dev.deploysafe.helm.DiffCase.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deploysafe.core.GoJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests of the flag grammar; expectations were taken from Helm v4.1.4 runs. */
class SetFlagsTest {

  private static final String FILE_VALUES =
      "{\"l\":[\"a\",\"b\",\"c\"],\"k\":5,\"m\":{\"x\":1},\"n\":null}";

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(
            "{}",
            List.of(set("a=1,b=0777,c=TRUE,d=NuLL,e=+5,f=-0,g=,h={}")),
            "{\"a\":1,\"b\":\"0777\",\"c\":true,\"d\":null,\"e\":5,\"f\":0,\"g\":\"\",\"h\":[\"\"]}"),
        Arguments.of(
            "{}",
            List.of(set("a=1e5,b=1.5,c=0x1F,d=yes,e=1_000,f=9223372036854775808")),
            "{\"a\":\"1e5\",\"b\":\"1.5\",\"c\":\"0x1F\",\"d\":\"yes\",\"e\":\"1_000\","
                + "\"f\":\"9223372036854775808\"}"),
        Arguments.of("{}", List.of(set("i[0]")), "{\"i\":[]}"),
        Arguments.of("{}", List.of(set("a\\.b=1,c=x\\,y")), "{\"a.b\":1,\"c\":\"x,y\"}"),
        Arguments.of("{}", List.of(set("a={x}y=1")), "{\"a\":[\"x\"],\"y\":1}"),
        Arguments.of("{}", List.of(set("a=b=c,")), "{\"a\":\"b=c\"}"),
        Arguments.of("{}", List.of(set("a[2]=x")), "{\"a\":[null,null,\"x\"]}"),
        Arguments.of("{}", List.of(set(".a=1,=2,b=3")), "{\"b\":3}"),
        Arguments.of("{}", List.of(set("a[0")), "{}"),
        Arguments.of(
            FILE_VALUES,
            List.of(set("l[1]=x")),
            "{\"k\":5,\"l\":[\"a\",\"x\",\"c\"],\"m\":{\"x\":1},\"n\":null}"),
        Arguments.of(
            FILE_VALUES,
            List.of(set("l[4]=z")),
            "{\"k\":5,\"l\":[\"a\",\"b\",\"c\",null,\"z\"],\"m\":{\"x\":1},\"n\":null}"),
        Arguments.of(
            FILE_VALUES,
            List.of(set("l[0].q=1")),
            "{\"k\":5,\"l\":[{\"q\":1},\"b\",\"c\"],\"m\":{\"x\":1},\"n\":null}"),
        Arguments.of(
            "{}", List.of(string("a={1,true},b=null")), "{\"a\":[\"1\",\"true\"],\"b\":\"null\"}"),
        Arguments.of(
            "{}",
            List.of(json("a=1x=2,b=,c=1e21, d=[1]")),
            "{\" d\":[1],\"a\":1,\"b\":null,\"c\":1e+21,\"x\":2}"),
        Arguments.of(
            FILE_VALUES,
            List.of(json("{\"m\":{\"y\":2},\"l\":null}")),
            "{\"k\":5,\"l\":null,\"m\":{\"x\":1,\"y\":2},\"n\":null}"),
        Arguments.of("{}", List.of(literal("a.b=x,y=\\z")), "{\"a\":{\"b\":\"x,y=\\\\z\"}}"),
        Arguments.of("{}", List.of(literal("a[0]")), "{\"a\":[]}"),
        Arguments.of("{}", List.of(literal("a=3"), set("a=2"), json("a=1")), "{\"a\":\"3\"}"));
  }

  @ParameterizedTest(name = "[{index}] {1} over {0}")
  @MethodSource("accepted")
  void appliesFlagsLikeHelm(String base, List<SetFlag> flags, String expected) {
    assertThat(GoJson.write(SetFlags.apply(parse(base), flags, SetFileReader.none())))
        .isEqualTo(expected);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(
            FILE_VALUES,
            set("k.a=1"),
            "failed parsing --set data: unable to parse key: interface conversion: "
                + "interface {} is float64, not map[string]interface {}"),
        Arguments.of(
            FILE_VALUES,
            set("n[0]=1"),
            "failed parsing --set data: unable to parse key: interface conversion: "
                + "interface {} is nil, not []interface {}"),
        Arguments.of(
            FILE_VALUES,
            string("m[0]=1"),
            "failed parsing --set-string data: unable to parse key: interface conversion: "
                + "interface {} is map[string]interface {}, not []interface {}"),
        Arguments.of(
            "{}",
            set("a[65537]=1"),
            "failed parsing --set data: index of 65537 is greater than maximum supported index"
                + " of 65536"),
        Arguments.of(
            "{}", set("a[-1]=1"), "failed parsing --set data: negative -1 index not allowed"),
        Arguments.of(
            "{}",
            set("a[x]=1"),
            "failed parsing --set data: error parsing index: strconv.Atoi: parsing \"x\": invalid"
                + " syntax"),
        Arguments.of(
            "{}",
            set("a[0]xy"),
            "failed parsing --set data: unexpected data at end of array index: ['x' 'y']"),
        Arguments.of(
            "{}",
            set("a" + ".a".repeat(31) + "=1"),
            "failed parsing --set data: value name nested level is greater than maximum supported"
                + " nested level of 30"),
        Arguments.of("{}", set("a"), "failed parsing --set data: key \"a\" has no value"),
        Arguments.of(
            "{}",
            set("a,b=1"),
            "failed parsing --set data: key \"a\" has no value (cannot end with ,)"),
        Arguments.of("{}", set("a.=1"), "failed parsing --set data: key map \"a\" has no value"),
        Arguments.of("{}", set("a={x"), "failed parsing --set data: list must terminate with '}'"),
        Arguments.of("{}", json("a=01"), "failed parsing --set-json data a=01"),
        Arguments.of("{}", json("{\"a\":1} x"), "failed parsing --set-json data JSON: {\"a\":1} x"),
        Arguments.of(
            "{}", literal("a.b"), "failed parsing --set-literal data: key \"b\" has no value"),
        Arguments.of(
            "{}",
            file("a=missing.txt"),
            "failed parsing --set-file data: open missing.txt: --set-file is not available here"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("rejected")
  void rejectsFlagsWithHelmsMessage(String base, SetFlag flag, String message) {
    assertThatThrownBy(() -> SetFlags.apply(parse(base), List.of(flag), SetFileReader.none()))
        .isInstanceOf(SetFlagException.class)
        .hasMessage(message);
  }

  @Test
  void exceptionNamesFamilyAndIndex() {
    SetFlag bad = new SetFlag(SetFamily.STRING, "a", 2);
    assertThatThrownBy(() -> SetFlags.apply(Map.of(), List.of(bad), SetFileReader.none()))
        .isInstanceOfSatisfying(
            SetFlagException.class,
            e -> {
              assertThat(e.family()).contains(SetFamily.STRING);
              assertThat(e.flag()).isEqualTo("--set-string");
              assertThat(e.index()).isEqualTo(2);
            });
  }

  @Test
  void ofEachIndexesFlagsInOrder() {
    assertThat(SetFlag.ofEach(SetFamily.SET, List.of("a=1", "b=2")))
        .containsExactly(
            new SetFlag(SetFamily.SET, "a=1", 0), new SetFlag(SetFamily.SET, "b=2", 1));
  }

  @Test
  void applyLeavesTheBaseMapUntouched() {
    Map<String, Object> base = parse(FILE_VALUES);
    String before = GoJson.write(base);
    SetFlags.apply(base, List.of(set("l[0]=z,m.y=2")), SetFileReader.none());
    assertThat(GoJson.write(base)).isEqualTo(before);
  }

  @Test
  void immutableInputCollectionsAreAccepted() {
    Map<String, Object> base = Map.of("l", List.of("a"), "m", Map.of("x", 1));
    assertThat(
            GoJson.write(SetFlags.apply(base, List.of(set("l[0]=b,m.y=2")), SetFileReader.none())))
        .isEqualTo("{\"l\":[\"b\"],\"m\":{\"x\":1,\"y\":2}}");
  }

  @Test
  void setFileReadsFilesRelativeToTheWorkingDirectory(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.txt"), "hello\n");
    SetFileReader files =
        SetFileReader.filesystem(dir, () -> new ByteArrayInputStream(new byte[0]));
    assertThat(SetFlags.apply(Map.of(), List.of(file("k=a.txt")), files))
        .containsEntry("k", "hello\n");
  }

  @Test
  void setFileReadsStandardInputOnlyOnce(@TempDir Path dir) {
    ByteArrayInputStream stdin = new ByteArrayInputStream("in".getBytes(StandardCharsets.UTF_8));
    SetFileReader files = SetFileReader.filesystem(dir, () -> stdin);
    assertThat(SetFlags.apply(Map.of(), List.of(file("a=-,b= - ")), files))
        .containsEntry("a", "in")
        .containsEntry("b", "");
  }

  @Test
  void setFileNamesAMissingFileLikeGo(@TempDir Path dir) {
    SetFileReader files =
        SetFileReader.filesystem(dir, () -> new ByteArrayInputStream(new byte[0]));
    assertThatThrownBy(() -> SetFlags.apply(Map.of(), List.of(file("a=nope.txt")), files))
        .hasMessage("failed parsing --set-file data: open nope.txt: no such file or directory");
  }

  /** Regression: found by the differential test ({@code --set-file a={f.txt,}}). */
  @Test
  void emptySetFilePathIsAMissingFileNotTheWorkingDirectory(@TempDir Path dir) {
    SetFileReader files =
        SetFileReader.filesystem(dir, () -> new ByteArrayInputStream(new byte[0]));
    assertThatThrownBy(() -> SetFlags.apply(Map.of(), List.of(file("a={}")), files))
        .hasMessage("failed parsing --set-file data: open : no such file or directory");
  }

  @Test
  void setFileRefusesUrls(@TempDir Path dir) {
    SetFileReader files =
        SetFileReader.filesystem(dir, () -> new ByteArrayInputStream(new byte[0]));
    assertThatThrownBy(() -> SetFlags.apply(Map.of(), List.of(file("a=https://x/y")), files))
        .hasMessageContaining("not supported");
  }

  static Stream<Arguments> valuesFlags() {
    return Stream.of(
        Arguments.of("a.yaml,b.yaml", List.of("a.yaml", "b.yaml")),
        Arguments.of("\"a,1.yaml\",b.yaml", List.of("a,1.yaml", "b.yaml")),
        Arguments.of("\"say \"\"hi\"\".yaml\"", List.of("say \"hi\".yaml")),
        Arguments.of(" b.yaml", List.of(" b.yaml")),
        Arguments.of("b.yaml\na,1.yaml", List.of("b.yaml")),
        Arguments.of("\n\nx.yaml", List.of("x.yaml")),
        Arguments.of("a,,b", List.of("a", "", "b")),
        Arguments.of("\"multi\nline\",x", List.of("multi\nline", "x")),
        Arguments.of("", List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valuesFlags")
  void splitsValuesFlagLikeCobra(String argument, List<String> expected) {
    assertThat(SetFlags.splitValuesFlag(argument)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badValuesFlags")
  void rejectsMalformedValuesFlagWithCobrasMessage(String argument, String message) {
    assertThatThrownBy(() -> SetFlags.splitValuesFlag(argument))
        .isInstanceOf(SetFlagException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> badValuesFlags() {
    return Stream.of(
        Arguments.of(
            "b.yaml,q\"c.yaml",
            "invalid argument \"b.yaml,q\\\"c.yaml\" for \"-f, --values\" flag: parse error on line"
                + " 1, column 9: bare \" in non-quoted-field"),
        Arguments.of(
            "\"b.yaml\"x",
            "invalid argument \"\\\"b.yaml\\\"x\" for \"-f, --values\" flag: parse error on line 1,"
                + " column 8: extraneous or missing \" in quoted-field"),
        Arguments.of(
            "\"b.yaml",
            "invalid argument \"\\\"b.yaml\" for \"-f, --values\" flag: parse error on line 1,"
                + " column 8: extraneous or missing \" in quoted-field"));
  }

  static Map<String, Object> parse(String json) {
    try {
      return SetFlagParser.asMap(GoJsonReader.readDocument(json));
    } catch (GoJsonReader.JsonError e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
