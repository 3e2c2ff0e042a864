package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Objects;

/** Taint parsing and toleration matching as in k8s.io/api/core/v1 toleration.go. */
final class SimTaints {
  private SimTaints() {}

  /** Parses {@code key[=value]:Effect}. */
  static Taint parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "taint must look like key[=value]:Effect, got '" + text + "'");
    }
    String effect = text.substring(colon + 1);
    if (!List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
      throw new IllegalArgumentException(
          "taint effect must be NoSchedule, PreferNoSchedule or NoExecute, got '" + text + "'");
    }
    String kv = text.substring(0, colon);
    int eq = kv.indexOf('=');
    String key = eq < 0 ? kv : kv.substring(0, eq);
    String value = eq < 0 ? null : kv.substring(eq + 1);
    Taint t = new Taint();
    t.setKey(key);
    t.setValue(value);
    t.setEffect(effect);
    return t;
  }

  static boolean tolerates(Toleration tol, Taint taint) {
    if (tol.getEffect() != null
        && !tol.getEffect().isEmpty()
        && !tol.getEffect().equals(taint.getEffect())) {
      return false;
    }
    String op = tol.getOperator() == null ? "Equal" : tol.getOperator();
    if (tol.getKey() == null || tol.getKey().isEmpty()) {
      return op.equals("Exists");
    }
    if (!tol.getKey().equals(taint.getKey())) {
      return false;
    }
    if (op.equals("Exists")) {
      return true;
    }
    return Objects.equals(blank(tol.getValue()), blank(taint.getValue()));
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }

  static boolean tolerated(List<Toleration> tolerations, Taint taint) {
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        return true;
      }
    }
    return false;
  }

  /** Renders a taint the way the scheduler message does: {@code {key: value}}. */
  static String describe(Taint t) {
    return "{" + t.getKey() + ": " + blank(t.getValue()) + "}";
  }
}
