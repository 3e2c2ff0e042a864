package dev.deploysafe.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the regular files of a gzip-compressed tar archive into memory, refusing what a chart
 * archive never needs: absolute paths, {@code ..} segments, links, and more bytes or entries than
 * the limits allow. Supports ustar prefixes, GNU long names and PAX {@code path} records.
 */
final class TarReader {
  private TarReader() {}

  /** Thrown for a malformed or hostile archive; the message says why. */
  static final class TarException extends Exception {
    private static final long serialVersionUID = 1L;

    TarException(String message) {
      super(message);
    }
  }

  /** Reads every regular file: name (as stored, slashes normalised) to bytes, in archive order. */
  static Map<String, byte[]> read(byte[] archive, long maxTotalBytes, int maxEntries)
      throws TarException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in =
        new GZIPInputStream(new java.io.ByteArrayInputStream(archive), 64 * 1024)) {
      byte[] header = new byte[512];
      long total = 0;
      int entries = 0;
      String longName = null;
      while (true) {
        if (!readFully(in, header)) {
          break;
        }
        if (isZero(header)) {
          break;
        }
        if (++entries > maxEntries) {
          throw new TarException("archive has more than " + maxEntries + " entries");
        }
        String name = cstring(header, 0, 100);
        String prefix = cstring(header, 345, 155);
        if (!prefix.isEmpty() && "ustar".equals(cstring(header, 257, 5))) {
          name = prefix + "/" + name;
        }
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        if (size < 0 || size > maxTotalBytes - total) {
          throw new TarException(
              "archive is larger than the limit of " + maxTotalBytes + " bytes uncompressed");
        }
        total += size;
        byte[] data = new byte[(int) size];
        if (!readFully(in, data)) {
          throw new TarException("archive ends inside the entry " + name);
        }
        skipPadding(in, size);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (type == 'x') {
          String p = paxPath(data);
          if (p != null) {
            longName = p;
          }
          continue;
        }
        if (type == 'g') {
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        if (type != '0' && type != '\0' && type != '7') {
          continue; // directories, links and devices carry no chart content
        }
        name = name.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
          throw new TarException("archive entry has an absolute path: " + name);
        }
        for (String seg : name.split("/")) {
          if (seg.equals("..")) {
            throw new TarException("archive entry leaves the chart directory: " + name);
          }
        }
        out.put(name, data);
      }
    } catch (IOException e) {
      throw new TarException("not a gzip-compressed tar archive: " + e.getMessage());
    }
    return out;
  }

  private static String paxPath(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    int i = 0;
    while (i < s.length()) {
      int sp = s.indexOf(' ', i);
      if (sp < 0) {
        return null;
      }
      int len;
      try {
        len = Integer.parseInt(s.substring(i, sp));
      } catch (NumberFormatException e) {
        return null;
      }
      if (len <= 0 || i + len > s.length()) {
        return null;
      }
      String rec = s.substring(sp + 1, i + len - 1);
      if (rec.startsWith("path=")) {
        return rec.substring(5);
      }
      i += len;
    }
    return null;
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int off = 0;
    while (off < buf.length) {
      int n = in.read(buf, off, buf.length - off);
      if (n < 0) {
        return off == 0 && buf.length > 0 ? false : off == buf.length;
      }
      off += n;
    }
    return true;
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    long pad = (512 - (size % 512)) % 512;
    byte[] b = new byte[(int) pad];
    readFully(in, b);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cstring(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) throws TarException {
    if ((b[off] & 0x80) != 0) {
      long v = b[off] & 0x7f;
      for (int i = off + 1; i < off + len; i++) {
        v = (v << 8) | (b[i] & 0xff);
        if (v > Integer.MAX_VALUE) {
          throw new TarException("archive entry too large");
        }
      }
      return v;
    }
    String s = cstring(b, off, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(s, 8);
      if (v > Integer.MAX_VALUE - 16) {
        throw new TarException("archive entry too large");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new TarException("archive header has a bad size field: " + s);
    }
  }
}
