package dev.deploysafe.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small helpers over fabric8 model objects shared by the simulated components. */
final class Kube {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.INDENT_OUTPUT, false);
  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private Kube() {}

  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Instant parseTime(String s) {
    return Instant.parse(s);
  }

  static <T> T copy(T obj) {
    return SERIALIZATION.clone(obj);
  }

  /** Returns JSON with object keys sorted, so equal objects give equal text. */
  static String canonicalJson(Object obj) {
    try {
      Object tree = CANONICAL.readValue(SERIALIZATION.asJson(obj), Object.class);
      return CANONICAL.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + obj.getClass().getSimpleName(), e);
    }
  }

  /**
   * Returns a short, stable hash in the alphabet Kubernetes uses for {@code pod-template-hash} and
   * {@code controller-revision-hash}. It is FNV-1a over canonical JSON, not the real value (which
   * hashes Go's deep-printed struct); tests must not depend on the exact string.
   */
  static String hash(String canonical, int collisionCount) {
    int h = 0x811c9dc5;
    for (byte b : (canonical + "#" + collisionCount).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    String digits = Long.toString(Integer.toUnsignedLong(h));
    StringBuilder out = new StringBuilder();
    for (char c : digits.toCharArray()) {
      out.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
    }
    return out.toString();
  }

  /** Returns a deterministic 5-character suffix such as the API server's generateName adds. */
  static String suffix(String seed) {
    int h = 0x811c9dc5;
    for (byte b : seed.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    StringBuilder out = new StringBuilder();
    long v = Integer.toUnsignedLong(h);
    for (int i = 0; i < 5; i++) {
      out.append(SAFE_ALPHABET.charAt((int) (v % SAFE_ALPHABET.length())));
      v /= SAFE_ALPHABET.length();
    }
    return out.toString();
  }

  static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /**
   * Scales an int-or-percent against {@code total}, as intstr.GetScaledValueFromIntOrPercent:
   * percentages round up for surge and down for unavailability.
   */
  static int scaled(IntOrString v, int total, boolean roundUp) {
    if (v.getIntVal() != null) {
      return v.getIntVal();
    }
    String s = v.getStrVal();
    if (s == null) {
      return 0;
    }
    if (!s.endsWith("%")) {
      return Integer.parseInt(s);
    }
    double pct = Integer.parseInt(s.substring(0, s.length() - 1));
    double raw = pct * total / 100.0;
    return (int) (roundUp ? Math.ceil(raw) : Math.floor(raw));
  }

  static boolean matches(LabelSelector sel, Map<String, String> labels) {
    if (sel == null) {
      return false;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (sel.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : sel.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(l.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (sel.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : sel.getMatchExpressions()) {
        String v = l.get(r.getKey());
        List<String> vals = r.getValues() == null ? List.of() : r.getValues();
        boolean ok =
            switch (r.getOperator()) {
              case "In" -> v != null && vals.contains(v);
              case "NotIn" -> v == null || !vals.contains(v);
              case "Exists" -> v != null;
              case "DoesNotExist" -> v == null;
              default -> false;
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  static Optional<PodCondition> condition(Pod p, String type) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return p.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static String phase(Pod p) {
    return p.getStatus() == null || p.getStatus().getPhase() == null
        ? "Pending"
        : p.getStatus().getPhase();
  }

  static boolean isTerminal(Pod p) {
    String ph = phase(p);
    return ph.equals("Succeeded") || ph.equals("Failed");
  }

  static boolean isActive(Pod p) {
    return !isTerminal(p) && p.getMetadata().getDeletionTimestamp() == null;
  }

  static boolean isReady(Pod p) {
    return condition(p, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  static boolean isRunningAndReady(Pod p) {
    return phase(p).equals("Running") && isReady(p);
  }

  /** Returns the instant from which the pod counts as available, if it is Ready. */
  static Optional<Instant> availableFrom(Pod p, int minReadySeconds) {
    if (!isReady(p)) {
      return Optional.empty();
    }
    Instant since =
        condition(p, "Ready")
            .map(PodCondition::getLastTransitionTime)
            .map(Kube::parseTime)
            .orElse(SimClock.EPOCH);
    return Optional.of(since.plus(Duration.ofSeconds(minReadySeconds)));
  }

  static boolean isAvailable(Pod p, int minReadySeconds, Instant now) {
    return availableFrom(p, minReadySeconds).map(t -> !t.isAfter(now)).orElse(false);
  }

  static String nodeOf(HasMetadata obj) {
    if (obj instanceof Pod p && p.getSpec() != null && p.getSpec().getNodeName() != null) {
      return p.getSpec().getNodeName();
    }
    if (obj instanceof io.fabric8.kubernetes.api.model.Node) {
      return obj.getMetadata().getName();
    }
    return "";
  }

  static int intOr(Integer v, int dflt) {
    return v == null ? dflt : v;
  }

  static String describe(HasMetadata o) {
    return o.getKind() + " " + World.key(o);
  }
}
