package dev.deploysafe.helm;

import dev.deploysafe.core.GoJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Generates random differential cases from a seed: a random {@code -f} map and one to five flags
 * across all families, drawn from a small key pool so that flags collide with each other and with
 * the file (list edits, type clashes, overwrites), with escapes, indices (including out-of-range
 * and malformed ones), lists, every scalar form {@code --set} types differently, and JSON values.
 */
final class SetFlagCaseGenerator {

  private static final String[] KEYS = {"a", "b", "c", "l", "m", "x", "k1"};
  private static final String[] ODD_KEYS = {
    "",
    " a",
    "a\\.b",
    "a\\,b",
    "a\\=b",
    "é",
    "<k>",
    "a\\[0]",
    "a\\\\",
    "A",
    "a\tb",
    "\u00a0",
    "\uD83D\uDE00",
    "q\"'",
    "\u00ad"
  };
  private static final String[] SCALARS = {
    "0",
    "7",
    "-5",
    "+5",
    "-0",
    "007",
    "0777",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "1e5",
    "1.5",
    "0x1F",
    "1_000",
    "true",
    "TRUE",
    "False",
    "tRuE",
    "null",
    "NULL",
    "Null",
    "",
    "hello",
    "x\\,y",
    "a\\\\b",
    "é",
    "<&>",
    "a b",
    "yes",
    "~",
    "x=y",
    "\\{a}",
    "00",
    "+",
    " 1",
    "１"
  };
  private static final String[] JSON_VALUES = {
    "1",
    "1.5",
    "-0",
    "1e21",
    "1e-7",
    "123456789012345678",
    "0.1",
    "\"s\"",
    "\"<&>\"",
    "[1,\"a\",null]",
    "{\"a\":{\"b\":1}}",
    "{\"l\":[1,2]}",
    "null",
    "",
    "true",
    "false",
    "[]",
    "{}",
    "\"\\u00e9\\n\"",
    " 2 ",
    "[1, [2, {\"c\": null}]]",
    "-",
    "\"a,b\""
  };
  private static final String[] BAD_JSON_VALUES = {"tru", "01", "1x", "-", "1e400", "[1,", "x"};
  private static final String[] WORDS = {"v", "hello world", "a,b", "x=y=z", "{a,b}", "\\n", ""};

  private final Random random;
  private int files;
  private boolean clean;

  SetFlagCaseGenerator(long seed) {
    this.random = new Random(seed);
  }

  DiffCase next(int number) {
    files = 0;
    // Half the cases avoid the deliberately malformed choices, so that enough cases succeed.
    clean = random.nextBoolean();
    Map<String, String> fileContents = new LinkedHashMap<>();
    String base = random.nextInt(3) == 0 ? null : GoJson.write(randomMap(2));
    List<SetFlag> flags = new ArrayList<>();
    int[] perFamily = new int[SetFamily.values().length];
    int count = 1 + random.nextInt(clean ? 3 : 5);
    for (int i = 0; i < count; i++) {
      SetFamily family = pickFamily();
      String text =
          switch (family) {
            case SET, STRING -> assignments(this::setValue);
            case JSON -> random.nextInt(5) == 0 ? wholeJson() : assignments(this::jsonValue);
            case FILE -> assignments(() -> fileValue(fileContents));
            case LITERAL -> path(false) + "=" + literalValue();
          };
      flags.add(new SetFlag(family, text, perFamily[family.ordinal()]++));
    }
    String stdin = random.nextInt(4) == 0 ? "from stdin\n<&>" : null;
    return new DiffCase("generated #" + number, base, flags, fileContents, stdin);
  }

  private SetFamily pickFamily() {
    int r = random.nextInt(10);
    if (r < 4) {
      return SetFamily.SET;
    }
    return switch (r) {
      case 4, 5 -> SetFamily.JSON;
      case 6 -> SetFamily.STRING;
      case 7, 8 -> SetFamily.FILE;
      default -> SetFamily.LITERAL;
    };
  }

  private String assignments(java.util.function.Supplier<String> value) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(random.nextInt(12) == 0 ? ", " : ",");
      }
      int shape = clean ? 2 : random.nextInt(40);
      if (shape == 0) {
        b.append(path(true)); // no '=': "has no value"
      } else if (shape == 1) {
        b.append(path(true)).append(',');
      } else {
        b.append(path(true)).append('=').append(value.get());
      }
    }
    if (random.nextInt(15) == 0) {
      b.append(',');
    }
    return b.toString();
  }

  private String path(boolean escapes) {
    StringBuilder b = new StringBuilder();
    int segments = 1 + random.nextInt(!clean && random.nextInt(20) == 0 ? 33 : 3);
    for (int s = 0; s < segments; s++) {
      if (s > 0) {
        b.append('.');
      }
      b.append(name(escapes));
      while (random.nextInt(4) == 0) {
        b.append('[').append(index()).append(']');
      }
    }
    if (!clean && random.nextInt(50) == 0) {
      b.append("[0"); // unterminated index
    }
    return b.toString();
  }

  private String name(boolean escapes) {
    if (!clean && random.nextInt(12) == 0) {
      String odd = ODD_KEYS[random.nextInt(ODD_KEYS.length)];
      return escapes ? odd : odd.replace("\\", "");
    }
    return KEYS[random.nextInt(KEYS.length)];
  }

  private String index() {
    int r = clean ? 10 + random.nextInt(70) : random.nextInt(80);
    return switch (r) {
      case 0 -> "-1";
      case 1 -> "65537";
      case 2 -> "65536";
      case 3 -> "x";
      case 4 -> "";
      case 5 -> "+1";
      case 6 -> "99999999999999999999";
      default -> Integer.toString(random.nextInt(4));
    };
  }

  private String setValue() {
    int r = random.nextInt(10);
    if (r == 0) {
      StringBuilder b = new StringBuilder("{");
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(SCALARS[random.nextInt(SCALARS.length)]);
      }
      if (random.nextInt(15) != 0) {
        b.append('}');
      }
      return b.toString();
    }
    if (r == 1) {
      return Long.toString(random.nextLong() >> random.nextInt(64));
    }
    return SCALARS[random.nextInt(SCALARS.length)];
  }

  private String jsonValue() {
    if (!clean && random.nextInt(12) == 0) {
      return BAD_JSON_VALUES[random.nextInt(BAD_JSON_VALUES.length)];
    }
    if (random.nextInt(6) == 0) {
      return Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(50) - 25));
    }
    return JSON_VALUES[random.nextInt(JSON_VALUES.length)];
  }

  private String wholeJson() {
    String body = GoJson.write(randomMap(2));
    return !clean && random.nextInt(8) == 0
        ? body + " x"
        : (random.nextBoolean() ? " " + body : body);
  }

  private String fileValue(Map<String, String> contents) {
    int r = random.nextInt(12);
    if (r == 0 && !clean) {
      return "missing.txt";
    }
    if (r == 1) {
      return "-";
    }
    if (r == 2) {
      return "{" + newFile(contents) + "," + newFile(contents) + "}";
    }
    return newFile(contents);
  }

  private String newFile(Map<String, String> contents) {
    String name = "f" + (files++) + ".txt";
    StringBuilder b = new StringBuilder();
    int words = random.nextInt(4);
    for (int i = 0; i < words; i++) {
      b.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextBoolean() ? "\n" : " ");
    }
    contents.put(name, b.toString());
    return name;
  }

  private String literalValue() {
    StringBuilder b = new StringBuilder();
    int parts = random.nextInt(4);
    for (int i = 0; i < parts; i++) {
      b.append(SCALARS[random.nextInt(SCALARS.length)]);
      if (random.nextBoolean()) {
        b.append(random.nextBoolean() ? ',' : '=');
      }
    }
    return b.toString();
  }

  private Map<String, Object> randomMap(int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String key = random.nextInt(15) == 0 ? "" : KEYS[random.nextInt(KEYS.length)];
      m.put(key, randomValue(depth));
    }
    return m;
  }

  private @Nullable Object randomValue(int depth) {
    int r = random.nextInt(depth > 0 ? 8 : 5);
    return switch (r) {
      case 0 -> (double) (random.nextInt(2000) - 1000);
      case 1 -> random.nextInt(4) / 2.0 + 0.25;
      case 2 -> random.nextBoolean() ? "s" : "0777";
      case 3 -> random.nextBoolean();
      case 4 -> null;
      case 5 -> randomMap(depth - 1);
      default -> {
        List<Object> l = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(randomValue(depth - 1));
        }
        yield l;
      }
    };
  }
}
