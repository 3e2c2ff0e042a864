package dev.deploysafe.helm.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes minimal ustar + gzip archives for chart archive tests. */
public final class TarGz {
  private TarGz() {}

  /** Packs name→bytes entries (names as stored) into a .tgz. */
  public static byte[] pack(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] h = new byte[512];
        byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
        if (name.length > 100) {
          throw new IllegalArgumentException("name too long for this test writer: " + e.getKey());
        }
        System.arraycopy(name, 0, h, 0, name.length);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", e.getValue().length));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        h[262] = '0';
        h[263] = '0';
        for (int i = 148; i < 156; i++) {
          h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
          sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        gz.write(h);
        gz.write(e.getValue());
        int pad = (512 - e.getValue().length % 512) % 512;
        gz.write(new byte[pad]);
      }
      gz.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
