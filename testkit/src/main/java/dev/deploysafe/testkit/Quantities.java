package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Converts Kubernetes quantities to millicores and bytes. */
final class Quantities {
  private Quantities() {}

  static long millicores(String q) {
    return millicores(new Quantity(q));
  }

  static long millicores(Quantity q) {
    BigDecimal cores = q.getNumericalAmount();
    return cores.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValue();
  }

  static long bytes(String q) {
    return bytes(new Quantity(q));
  }

  static long bytes(Quantity q) {
    return q.getNumericalAmount().setScale(0, RoundingMode.CEILING).longValue();
  }

  static String cpu(long millicores) {
    return millicores % 1000 == 0 ? Long.toString(millicores / 1000) : millicores + "m";
  }

  static String memory(long bytes) {
    long mi = 1024L * 1024;
    if (bytes % (mi * 1024) == 0 && bytes > 0) {
      return bytes / (mi * 1024) + "Gi";
    }
    if (bytes % mi == 0) {
      return bytes / mi + "Mi";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + "Ki";
    }
    return Long.toString(bytes);
  }
}
