package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code filepath.Match} test vectors (pattern, name, outcome) run against {@link GoGlob}. */
class GoGlobTest {

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "abc | abc | true",
        "* | abc | true",
        "*c | abc | true",
        "a* | a | true",
        "a* | abc | true",
        "a* | ab/c | false",
        "a*/b | abc/b | true",
        "a*/b | a/c/b | false",
        "a*b*c*d*e*/f | axbxcxdxe/f | true",
        "a*b*c*d*e*/f | axbxcxdxexxx/f | true",
        "a*b*c*d*e*/f | axbxcxdxe/xxx/f | false",
        "a*b*c*d*e*/f | axbxcxdxexxx/fff | false",
        "a*b?c*x | abxbbxdbxebxczzx | true",
        "a*b?c*x | abxbbxdbxebxczzy | false",
        "ab[c] | abc | true",
        "ab[b-d] | abc | true",
        "ab[e-g] | abc | false",
        "ab[^c] | abc | false",
        "ab[^b-d] | abc | false",
        "ab[^e-g] | abc | true",
        "a\\*b | a*b | true",
        "a\\*b | ab | false",
        "a?b | a☺b | true",
        "a[^a]b | a☺b | true",
        "a???b | a☺b | false",
        "[a-ζ]* | α | true",
        "*[a-ζ] | A | false",
        "a?b | a/b | false",
        "a*b | a/b | false",
        "[\\]a] | ] | true",
        "[\\-] | - | true",
        "[x\\-] | x | true",
        "[x\\-] | - | true",
        "[x\\-] | z | false",
        "[\\-x] | - | true",
        "[\\-x] | a | false",
        "*x | xxx | true",
        "templates/.?* | templates/.h.yaml | true",
        "templates/.?* | templates/. | false",
      })
  void matchesAsGoDoes(String pattern, String name, boolean expected) throws Exception {
    assertThat(GoGlob.match(pattern.trim(), name.trim())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ~ {1} is a bad pattern")
  @CsvSource(
      delimiter = '|',
      value = {
        "[]a] | ]",
        "[-] | -",
        "[x-] | x",
        "[x-] | z",
        "[-x] | x",
        "\\ | a",
        "[a-b-c] | a",
        "[ | a",
        "[^ | a",
        "[^bc | a",
        "a[ | a",
        "a[ | ab",
        "a[ | x",
        "a/b[ | x",
      })
  void malformedPatternsAreErrorsEvenWithoutAMatch(String pattern, String name) {
    assertThatThrownBy(() -> GoGlob.match(pattern.trim(), name.trim()))
        .isInstanceOf(GoGlob.BadPattern.class);
  }
}
