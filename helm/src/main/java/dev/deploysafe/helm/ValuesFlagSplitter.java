package dev.deploysafe.helm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one {@code -f/--values} argument the way cobra/pflag's {@code StringSlice} flag does: the
 * text is read as a single CSV record with Go's {@code encoding/csv} (quotes group commas, {@code
 * ""} is a quote, only the first record counts, empty lines before it are skipped). See spf13/pflag
 * {@code string_slice.go} ({@code readAsCSV}) and
 * https://github.com/golang/go/blob/go1.25.0/src/encoding/csv/reader.go (readRecord).
 *
 * <p>Stateless and thread-safe.
 */
final class ValuesFlagSplitter {

  private static final String BARE_QUOTE = "bare \" in non-quoted-field";
  private static final String QUOTE = "extraneous or missing \" in quoted-field";

  /** A CSV parse error, worded like Go's {@code csv.ParseError}. */
  static final class CsvError extends Exception {
    private static final long serialVersionUID = 1L;

    CsvError(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] in;
  private int pos;
  private int numLine;

  private ValuesFlagSplitter(String text) {
    this.in = text.getBytes(StandardCharsets.UTF_8);
  }

  /** Splits {@code text}; an empty text gives no files. */
  static List<String> split(String text) throws CsvError {
    if (text.isEmpty()) {
      return List.of();
    }
    return new ValuesFlagSplitter(text).readRecord();
  }

  /** Go's {@code readLine}: up to and including '\n', CRLF normalised; null at end of input. */
  private byte[] readLine() {
    if (pos >= in.length) {
      return null;
    }
    int start = pos;
    while (pos < in.length && in[pos] != '\n') {
      pos++;
    }
    boolean newline = pos < in.length;
    if (newline) {
      pos++;
    }
    int end = pos;
    numLine++;
    if (!newline && end > start && in[end - 1] == '\r') {
      end--;
    }
    byte[] line = java.util.Arrays.copyOfRange(in, start, end);
    int n = line.length;
    if (n >= 2 && line[n - 2] == '\r' && line[n - 1] == '\n') {
      byte[] shorter = java.util.Arrays.copyOf(line, n - 1);
      shorter[n - 2] = '\n';
      line = shorter;
    }
    return line;
  }

  private static int lengthNl(byte[] b, int from) {
    return b.length > from && b[b.length - 1] == '\n' ? 1 : 0;
  }

  private List<String> readRecord() throws CsvError {
    byte[] line;
    while (true) {
      line = readLine();
      if (line == null) {
        throw new CsvError("EOF");
      }
      if (line.length == lengthNl(line, 0)) {
        continue; // empty line
      }
      break;
    }
    int recLine = numLine;
    int lineNo = numLine;
    int col = 1;
    int at = 0; // offset into line
    List<String> fields = new ArrayList<>();
    while (true) {
      if (at >= line.length || line[at] != '"') {
        int comma = indexOf(line, at, (byte) ',');
        int fieldEnd = comma >= 0 ? comma : line.length - lengthNl(line, at);
        int quote = indexOf(line, at, (byte) '"');
        if (quote >= 0 && quote < fieldEnd) {
          throw error(recLine, lineNo, col + (quote - at), BARE_QUOTE);
        }
        fields.add(new String(line, at, fieldEnd - at, StandardCharsets.UTF_8));
        if (comma >= 0) {
          col += comma - at + 1;
          at = comma + 1;
          continue;
        }
        return fields;
      }
      // Quoted field.
      ByteArrayOutputStream field = new ByteArrayOutputStream();
      at++;
      col++;
      while (true) {
        int quote = indexOf(line, at, (byte) '"');
        if (quote >= 0) {
          field.write(line, at, quote - at);
          col += quote - at + 1;
          at = quote + 1;
          if (at < line.length && line[at] == '"') {
            field.write('"');
            at++;
            col++;
          } else if (at < line.length && line[at] == ',') {
            at++;
            col++;
            fields.add(field.toString(StandardCharsets.UTF_8));
            break;
          } else if (line.length - at == lengthNl(line, at)) {
            fields.add(field.toString(StandardCharsets.UTF_8));
            return fields;
          } else {
            throw error(recLine, lineNo, col - 1, QUOTE);
          }
        } else if (at < line.length) {
          field.write(line, at, line.length - at);
          col += line.length - at;
          byte[] next = readLine();
          line = next == null ? new byte[0] : next;
          at = 0;
          if (line.length > 0) {
            lineNo++;
            col = 1;
          }
        } else {
          throw error(recLine, lineNo, col, QUOTE);
        }
      }
    }
  }

  private static int indexOf(byte[] b, int from, byte c) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static CsvError error(int startLine, int line, int col, String what) {
    if (startLine != line) {
      return new CsvError(
          "record on line "
              + startLine
              + "; parse error on line "
              + line
              + ", column "
              + col
              + ": "
              + what);
    }
    return new CsvError("parse error on line " + line + ", column " + col + ": " + what);
  }
}
