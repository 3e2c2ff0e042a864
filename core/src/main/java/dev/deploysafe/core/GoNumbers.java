package dev.deploysafe.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats float64 numbers exactly as Go prints them, because Helm and Kubernetes tools are written
 * in Go: every number Helm reads from a YAML file is a float64, so what users see in rendered
 * templates ({@code %v}) and in {@code toJson} output follows these rules, not Java's.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoNumbers {

  private GoNumbers() {}

  /**
   * Formats like Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, which is what {@code {{
   * .Values.x }}} prints: shortest round-trip digits, exponent form when the decimal exponent is
   * below -4 or at least 6 ({@code 1000000} prints as {@code 1e+06}).
   */
  public static String formatG(double v) {
    return formatG(v, false);
  }

  /**
   * Formats like Go's {@code strconv.FormatFloat(v, 'g', -1, 32)}: the float32 variant that YAML
   * map keys use when sigs.k8s.io/yaml turns a float key into a string.
   */
  public static String formatG32(float v) {
    return formatG(v, true);
  }

  /**
   * Formats like Go's {@code encoding/json} for a float64 (what Helm's {@code toJson} prints):
   * shortest round-trip digits, plain decimal unless the magnitude is below 1e-6 or at least 1e21,
   * where the exponent is written with at least two digits ({@code 1e+21}, {@code 1e-07}).
   *
   * @throws IllegalArgumentException for NaN and infinities, which Go's JSON encoder rejects
   */
  public static String formatJson(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          "json: unsupported value: " + (Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf"));
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    double abs = Math.abs(v);
    Digits d = shortest(v, false);
    if (abs < 1e-6 || abs >= 1e21) {
      // encoding/json writes 'e' format and then shortens a negative two-digit exponent "e-07" to
      // "e-7"; positive exponents keep Go's two digits ("e+21").
      String s = eForm(d);
      int n = s.length();
      if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
        s = s.substring(0, n - 2) + s.charAt(n - 1);
      }
      return s;
    }
    return fForm(d);
  }

  private static String formatG(double v, boolean float32) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    Digits d = shortest(v, float32);
    int exp = d.pointPos - 1;
    // strconv 'g' with the shortest precision decides with precision 6 (ftoa.go).
    if (exp < -4 || exp >= 6) {
      return eForm(d);
    }
    return fForm(d);
  }

  /** Digits without leading/trailing zeros; value = 0.digits * 10^pointPos. */
  private record Digits(boolean negative, String digits, int pointPos) {}

  private static Digits shortest(double v, boolean float32) {
    BigDecimal exact = new BigDecimal(v).abs();
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      boolean same =
          float32
              ? Float.parseFloat(r.toString()) == Math.abs((float) v)
              : Double.parseDouble(r.toString()) == Math.abs(v);
      if (same) {
        return digitsOf(v < 0, r);
      }
    }
    return digitsOf(v < 0, exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static Digits digitsOf(boolean negative, BigDecimal r) {
    BigDecimal stripped = r.stripTrailingZeros();
    String unscaled = stripped.unscaledValue().toString();
    int pointPos = unscaled.length() - stripped.scale();
    return new Digits(negative, unscaled, pointPos);
  }

  private static String eForm(Digits d) {
    StringBuilder b = new StringBuilder();
    if (d.negative) {
      b.append('-');
    }
    b.append(d.digits.charAt(0));
    if (d.digits.length() > 1) {
      b.append('.').append(d.digits, 1, d.digits.length());
    }
    int exp = d.pointPos - 1;
    b.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      b.append('0');
    }
    b.append(a);
    return b.toString();
  }

  private static String fForm(Digits d) {
    StringBuilder b = new StringBuilder();
    if (d.negative) {
      b.append('-');
    }
    String digits = d.digits;
    int point = d.pointPos;
    if (point <= 0) {
      b.append("0.");
      b.append("0".repeat(-point));
      b.append(digits);
    } else if (point >= digits.length()) {
      b.append(digits);
      b.append("0".repeat(point - digits.length()));
    } else {
      b.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return b.toString();
  }
}
