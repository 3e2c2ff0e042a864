package dev.deploysafe.helm;

import static dev.deploysafe.helm.DiffCase.file;
import static dev.deploysafe.helm.DiffCase.json;
import static dev.deploysafe.helm.DiffCase.literal;
import static dev.deploysafe.helm.DiffCase.set;
import static dev.deploysafe.helm.DiffCase.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.GoJson;
import dev.deploysafe.core.testing.DeepStack;
import dev.deploysafe.core.testing.Peers;
import dev.deploysafe.helm.HelmTemplateRunner.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares {@link SetFlags} with the real Helm v4 binary: for each case, {@code helm template} on a
 * chart without defaults that prints {@code .Values} as JSON, against our result printed by {@link
 * GoJson}; for failing cases, Helm's error text against ours.
 *
 * <p>Generated cases: seed from {@code DEPLOYSAFE_DIFF_SEED} (else random, printed), count from the
 * system property {@code deploysafe.diff.cases} (default 300).
 */
class SetFlagsDifferentialTest {

  private static final int DEFAULT_CASES = 300;

  @TempDir static Path work;
  private static HelmTemplateRunner runner;

  @BeforeAll
  static void chart() throws IOException {
    runner = new HelmTemplateRunner(Peers.helm(), work);
  }

  static Stream<DiffCase> handPicked() {
    String fileList = "{\"l\":[\"a\",\"b\",\"c\"],\"k\":5,\"m\":{\"x\":1},\"n\":null,\"s\":\"t\"}";
    return Stream.of(
        DiffCase.of(
            "typing of --set scalars",
            null,
            set("a=1,b=0777,c=TRUE,d=NuLL,e=+5,f=-0,g=,h={},i=1e5,j=1.5,k=0x1F,l=yes,n=1_000")),
        DiffCase.of(
            "int64 bounds",
            null,
            set("a=9223372036854775807,b=9223372036854775808,c=-9223372036854775808")),
        DiffCase.of("index without value gives an empty list", null, set("i[0]")),
        DiffCase.of("escapes in keys and values", null, set("a\\.b=1,c=x\\,y,d\\=e=f\\\\g")),
        DiffCase.of("list syntax and trailing comma", null, set("a={x,y},b={1,true,null},")),
        DiffCase.of("list followed by a key without comma", null, set("a={x}y=1")),
        DiffCase.of("value containing =", null, set("a=b=c")),
        DiffCase.of("gaps are filled with null", null, set("a[3]=x,b[1].c=2")),
        DiffCase.of("nested lists", null, set("a[0][1]=2,a[0][0]=1")),
        DiffCase.of("empty keys are dropped", null, set(".a=1,=2,b=3")),
        DiffCase.of("later --set wins", null, set("a=1"), set("a=2")),
        DiffCase.of(
            "family order ignores command-line order",
            null,
            literal("a=lit"),
            set("a=set"),
            json("a=\"json\""),
            string("a=str")),
        DiffCase.of("set edits a list from -f element by element", fileList, set("l[1]=x")),
        DiffCase.of("set grows a list from -f with nulls", fileList, set("l[5]=z")),
        DiffCase.of("set replaces a scalar element by a map", fileList, set("l[0].q=1")),
        DiffCase.of("type clash float64 vs map", fileList, set("k.a=1")),
        DiffCase.of("type clash string vs list", fileList, set("s[0]=1")),
        DiffCase.of("type clash nil vs map", fileList, set("n.a=1")),
        DiffCase.of("type clash map vs list", fileList, set("m[0]=1")),
        DiffCase.of("type clash int64 vs map", null, set("a=1"), set("a.b=1")),
        DiffCase.of("type clash list in nested list", fileList, set("l[0][0]=1")),
        DiffCase.of("index above maximum", null, set("a[65537]=1")),
        DiffCase.of("index at maximum", null, set("a[65536]=1")),
        DiffCase.of("negative index", null, set("a[-1]=1")),
        DiffCase.of("non-numeric index", null, set("a[x]=1")),
        DiffCase.of("escaped bracket index", null, set("a[\\]]=1")),
        DiffCase.of("data after index", null, set("a[0]x")),
        DiffCase.of("unterminated index is silently ignored", null, set("a[0")),
        DiffCase.of("nested level 30 is allowed", null, set("a" + ".a".repeat(30) + "=1")),
        DiffCase.of("nested level 31 fails", null, set("a" + ".a".repeat(31) + "=1")),
        DiffCase.of("key without value", null, set("a")),
        DiffCase.of("key ending in comma", null, set("a,b=1")),
        DiffCase.of("double comma", null, set("a=1,,b=2")),
        DiffCase.of("empty map key", null, set("a.=1")),
        DiffCase.of("unterminated list", null, set("a={x,y")),
        DiffCase.of("trailing backslash in key", null, set("a\\")),
        DiffCase.of("html characters and unicode", null, set("a=<>&,b=é,c=\u2028")),
        DiffCase.of("set-string keeps lists", null, string("a={1,true},b=1,c=null")),
        DiffCase.of(
            "set-json values",
            null,
            json("a=-0,b=1e-400,c=1e-7,d=0.000001,e=1e21,f=123456789.125,h=1e20,i=5e-324")),
        DiffCase.of("set-json glued values", null, json("a=1x=2,b=\"s\"c=3,d=nulle=true")),
        DiffCase.of("set-json leading zero", null, json("a=01")),
        DiffCase.of("set-json spaces become key", null, json("a=1, b=2")),
        DiffCase.of("set-json empty value is null", null, json("a=,b=  ,c=[1, {\"b\":2}] ")),
        DiffCase.of("set-json out of range", null, json("a=1e400")),
        DiffCase.of(
            "set-json whole object merges",
            fileList,
            json("{\"m\":{\"y\":2},\"l\":null}"),
            json(" {\"b\":{\"c\":[1]}}")),
        DiffCase.of("set-json whole object with trailing data", null, json("{\"a\":1}{\"b\":1}")),
        DiffCase.of("set-json bare null", null, json("null")),
        DiffCase.of("set-json list element", fileList, json("l[1]={\"z\":true}")),
        DiffCase.of("set-json big integer", null, json("a=123456789012345678901234567890")),
        DiffCase.of("literal keeps commas and backslashes", null, literal("a.b=x,y=\\z")),
        DiffCase.of("literal list index", null, literal("a[0]=x,y")),
        DiffCase.of("literal without value", null, literal("a.b")),
        DiffCase.of("literal index only", null, literal("a[0]")),
        DiffCase.of("literal empty key", null, literal("=x")),
        DiffCase.of("set-file reads files", null, file("a=f1.txt,b={f1.txt,f2.txt}"))
            .withFiles(Map.of("f1.txt", "one\n<&>", "f2.txt", "")),
        DiffCase.of("set-file missing file", null, file("a=missing.txt")),
        DiffCase.of("set-file bad url escape", null, file("a=%zz")),
        DiffCase.of("set-file directory", null, file("a=.")),
        DiffCase.of("set-file empty path", null, file("a=")),
        DiffCase.of("set-file stdin read once", null, file("a=-,b= - ")).withStdin("piped\n"),
        DiffCase.of("set null keeps key in an empty chart", fileList, set("k=null,m.x=null")),
        DiffCase.of("control character in key is quoted like Go", null, set("a\tb")),
        DiffCase.of(
            "non-BMP and non-printable runes in messages",
            null,
            set("\uD83D\uDE00\u00a0[0]x\u200b")),
        DiffCase.of("unicode space before a JSON value", null, json("a=\u00a0 1,b=\u3000")),
        DiffCase.of("EqualFold long s is false", null, set("a=fal\u017fe,b=\u212aey")),
        DiffCase.of("fullwidth digits are not ints", null, set("a=\uff11,b=\u0661")),
        DiffCase.of("empty key map from -f is edited in place", "{\"\":{\"x\":1}}", set(".a=1")),
        DiffCase.of(
            "empty key list from -f is edited in place",
            "{\"\":[1,2]}",
            set("[0]=5"),
            string("[5]=1")),
        DiffCase.of("nested index in set-file", null, file("a[1][0]=f.txt"))
            .withFiles(Map.of("f.txt", "x")),
        DiffCase.of("set-json type clash in nested list", null, json("a[0]=1,a[0][1]=2")),
        DiffCase.of("set-json index without value", null, json("a[0")),
        DiffCase.of("set-json whole object over a list", fileList, json("{\"l\":{\"a\":1}}")),
        DiffCase.of("literal value with newline", null, literal("a=x\ny")),
        DiffCase.of("literal nested level 31", null, literal("a" + ".a".repeat(31) + "=1")),
        DiffCase.of("index with plus sign and spaces", null, set("a[+1]=1,b[ 1]=2")),
        DiffCase.of("huge index overflows atoi", null, set("a[99999999999999999999x]=1")),
        DiffCase.of(
            "json string escapes and surrogates",
            null,
            json("a=\"\\ud83d\\ude00\\ud800x\\u0041\",b=\"\\/\\b\"")),
        DiffCase.of("list item followed by more keys", null, set("a={1,2},b[0]={x},c=3")),
        DiffCase.of("set-file list of files and empty item", null, file("a={f.txt,}"))
            .withFiles(Map.of("f.txt", "x")),
        DiffCase.of("set-file path with colon in first segment", null, file("a=b:c/d")),
        DiffCase.of("set-file path with scheme-like prefix", null, file("a=c:d")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handPicked")
  void handPickedCaseMatchesHelm(DiffCase c) throws Exception {
    Outcome helm = runner.helm(c);
    assertThat(runner.ours(c)).as(c.toString()).isEqualTo(helm);
  }

  private static String shorten(Outcome o) {
    String s = o.toString();
    return s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " chars)" : s;
  }

  /** Reduces an error message to its kind: quoted parts and numbers removed. */
  private static String errorKind(String message) {
    return message
        .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "Q")
        .replaceAll("\\[.*\\]", "R")
        .replaceAll("-?[0-9]+", "N")
        .replaceAll("--set-json data .*", "--set-json data ...");
  }

  /**
   * Splits a {@code -f} argument with {@link SetFlags#splitValuesFlag}, creates one file per name
   * whose only key is that name, and checks that Helm reads exactly those files (or fails with the
   * same message).
   */
  @ParameterizedTest(name = "-f {0}")
  @ValueSource(
      strings = {
        "a.yaml,b.yaml",
        "\"a,1.yaml\",b.yaml",
        "\"say \"\"hi\"\".yaml\",c d.yaml",
        " b.yaml",
        "b.yaml\na,1.yaml",
        "\n\nx.yaml",
        "\"x.yaml\",\"\"\"q\"\".yaml\"",
        "b.yaml,q\"c.yaml",
        "\"b.yaml\"x",
        "\"b.yaml",
        "a.yaml\r\n",
        "\"a.yaml\"\r\n,b"
      })
  void valuesFlagSplittingMatchesHelm(String argument) throws Exception {
    Path dir = runner.freshDir();
    Outcome ours;
    try {
      Map<String, Object> merged = new LinkedHashMap<>();
      for (String name : SetFlags.splitValuesFlag(argument)) {
        Files.writeString(dir.resolve(name), GoJson.write(Map.of(name, true)));
        merged.put(name, true);
      }
      ours = new Outcome(true, GoJson.write(merged));
    } catch (SetFlagException e) {
      ours = new Outcome(false, e.getMessage());
    }
    assertThat(ours).isEqualTo(runner.helm(dir, List.of("--values=" + argument), ""));
  }

  /**
   * Prints 400 random float64 values (random bit patterns plus the format boundaries) through one
   * {@code --set-json} flag, so Helm's {@code toJson} and {@link GoJson} format the same numbers.
   */
  @Test
  void floatFormattingMatchesHelm() throws Exception {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    List<Double> values =
        new ArrayList<>(
            List.of(
                1e21,
                9.999999999999999e20,
                1e-6,
                9.999999999999999e-7,
                5e-324,
                0.1,
                0.2,
                0.30000000000000004,
                9007199254740993.0,
                1.7976931348623157e308,
                2.2250738585072014e-308));
    while (values.size() < 400) {
      double d =
          random.nextBoolean()
              ? Double.longBitsToDouble(random.nextLong())
              : random.nextDouble() * Math.pow(10, random.nextInt(60) - 30);
      if (Double.isFinite(d)) {
        values.add(d);
      }
    }
    StringBuilder flag = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      flag.append(i == 0 ? "" : ",").append('f').append(i).append('=').append(values.get(i));
    }
    DiffCase c = DiffCase.of("floats", null, json(flag.toString().replace("E", "e")));
    assertThat(runner.ours(c)).as("seed %d", seed).isEqualTo(runner.helm(c));
  }

  /**
   * Nesting up to Go's own limits (10,000 levels of JSON; no limit on {@code [0]} chains; 30 dotted
   * names): computed on the CLI's 1 GiB stack, our values and failures agree with Helm's at and
   * just past each limit.
   */
  @Test
  void deepNestingMatchesHelm() throws Exception {
    String deepObject = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
    List<DiffCase> cases =
        List.of(
            DiffCase.of("json-10000", null, json("a=" + "[".repeat(10_000) + "]".repeat(10_000))),
            DiffCase.of("json-10001", null, json("a=" + "[".repeat(10_001) + "]".repeat(10_001))),
            DiffCase.of("json-document-3000", null, json(deepObject)),
            DiffCase.of("set-index-3000", null, set("a" + "[0]".repeat(3000) + "=1")),
            DiffCase.of("set-names-30", null, set("k" + ".k".repeat(29) + "=1")),
            DiffCase.of("set-names-31", null, set("k" + ".k".repeat(30) + "=1")));
    for (DiffCase c : cases) {
      HelmTemplateRunner.Outcome ours = DeepStack.call(DeepStack.CLI_STACK, () -> runner.ours(c));
      assertThat(ours).as(c.name()).isEqualTo(runner.helm(c));
    }
  }

  /** On a small stack deep values give a clear SetFlagException, never a StackOverflowError. */
  @Test
  void deepValuesOnASmallStackFailWithAClearError() throws Exception {
    DiffCase c =
        DiffCase.of("json-10000", null, json("a=" + "[".repeat(10_000) + "]".repeat(10_000)));
    HelmTemplateRunner.Outcome ours = DeepStack.call(128 << 10, () -> runner.ours(c));
    assertThat(ours.ok()).isFalse();
    assertThat(ours.text()).contains("--set-json value nests too deeply").contains("10,000");
  }

  @Test
  void generatedCasesMatchHelm() throws Exception {
    String env = System.getenv("DEPLOYSAFE_DIFF_SEED");
    long seed = env != null && !env.isBlank() ? Long.parseLong(env.trim()) : System.nanoTime();
    int count = Integer.getInteger("deploysafe.diff.cases", DEFAULT_CASES);
    System.out.println("SetFlagsDifferentialTest seed=" + seed + " cases=" + count);
    SetFlagCaseGenerator generator = new SetFlagCaseGenerator(seed);
    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    boolean verbose = System.getenv("DEPLOYSAFE_DIFF_VERBOSE") != null;
    int failures = 0;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      DiffCase c = generator.next(i);
      Outcome helm = runner.helm(c);
      Outcome ours = runner.ours(c);
      if (!helm.ok()) {
        failures++;
        kinds.merge(errorKind(helm.text()), 1, Integer::sum);
      }
      if (verbose) {
        System.out.println(c + "\n  -> " + shorten(helm));
      }
      if (!helm.equals(ours)) {
        mismatches.add(c + "\n  helm: " + shorten(helm) + "\n  ours: " + shorten(ours));
      }
    }
    System.out.printf(
        "SetFlagsDifferentialTest: %d cases (%d Helm errors) in %.1f s, %d mismatches%n",
        count, failures, (System.nanoTime() - start) / 1e9, mismatches.size());
    System.out.println("Helm error kinds: " + kinds);
    assertThat(mismatches)
        .as("seed %d (replay with DEPLOYSAFE_DIFF_SEED=%d)", seed, seed)
        .isEmpty();
  }
}
