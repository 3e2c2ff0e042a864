package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests for the schemas one value passes through on the way to a reference. */
class CycleCheckedRefTest {

  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "f#/properties/a/allOf/0 | - | f#/properties/a/allOf/0 f#/properties/a",
        "f#/not/anyOf/1          | - | f#/not/anyOf/1 f#/not f#",
        "f#                      | - | f#",
        "f#/properties/not       | - | f#/properties/not",
        "f#/properties/if/then   | - | f#/properties/if/then f#/properties/if",
        "f#/$defs/x/then         | f#/$defs/x | f#/$defs/x/then f#/$defs/x",
        "f#/$defs/x/oneOf/2/not  | f#/$defs/x/oneOf/2 | f#/$defs/x/oneOf/2/not f#/$defs/x/oneOf/2",
        "f#/items/0/if           | - | f#/items/0/if f#/items/0",
        "f#/items/else           | - | f#/items/else f#/items",
        "f#/dependentSchemas/k   | - | f#/dependentSchemas/k f#",
        "f#/x-custom/y           | - | f#/x-custom/y",
      })
  void chainsStopWhereTheValueWasEnteredOrAtTheStart(String end, String start, String want) {
    List<String> expected = Arrays.asList(want.trim().split("\\s+"));
    assertThat(CycleCheckedRef.inPlaceChain(end.trim(), start == null ? null : start.trim()))
        .isEqualTo(expected);
  }
}
