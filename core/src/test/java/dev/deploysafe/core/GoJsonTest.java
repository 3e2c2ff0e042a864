package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoJsonTest {

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    "1.0, 1",
    "-0.0, -0",
    "0.0, 0",
    "1.5, 1.5",
    "0.1, 0.1",
    "100, 100",
    "1e20, 100000000000000000000",
    "1e21, 1e+21",
    "1.5e300, 1.5e+300",
    "0.000001, 0.000001",
    "1e-7, 1e-7",
    "1.2345e-10, 1.2345e-10",
    "5e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "123456789012345678, 123456789012345680",
    "123456789012345678901234567890, 1.2345678901234568e+29",
    "123456789.125, 123456789.125",
    "9.999999999999999e20, 999999999999999900000",
  })
  void floatsPrintLikeGo(double value, String expected) {
    assertThat(GoJson.write(value)).isEqualTo(expected);
  }

  @Test
  void integersPrintWithoutFraction() {
    assertThat(GoJson.write(Arrays.asList(7L, -9223372036854775808L, 3)))
        .isEqualTo("[7,-9223372036854775808,3]");
  }

  @Test
  void mapKeysAreSortedByCodePoint() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1L);
    m.put("\uD83D\uDE00", 2L); // U+1F600 sorts after U+FFFD in UTF-8 but before it in UTF-16
    m.put("\uFFFD", 3L);
    m.put("A", 4L);
    m.put("", 5L);
    assertThat(GoJson.write(m))
        .isEqualTo("{\"\":5,\"A\":4,\"b\":1,\"\uFFFD\":3,\"\uD83D\uDE00\":2}");
  }

  @Test
  void htmlCharactersAndLineSeparatorsAreEscaped() {
    assertThat(GoJson.write("<a href=\"x\">&\u2028\u2029</a>"))
        .isEqualTo("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u2028\\u2029\\u003c/a\\u003e\"");
  }

  @Test
  void controlCharactersUseShortEscapesWhereGoDoes() {
    assertThat(GoJson.write("\n\r\t\b\f\u0001\u007f\\"))
        .isEqualTo("\"\\n\\r\\t\\b\\f\\u0001\u007f\\\\\"");
  }

  @Test
  void nullsListsAndBooleansPrint() {
    List<Object> l = new ArrayList<>();
    l.add(null);
    l.add(true);
    l.add(List.of());
    l.add(Map.of());
    assertThat(GoJson.write(l)).isEqualTo("[null,true,[],{}]");
  }

  @Test
  void infinityIsRejectedWithGosMessage() {
    assertThatThrownBy(() -> GoJson.write(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("json: unsupported value: +Inf");
  }
}
