package dev.deploysafe.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers what the verifier saw of one pod over time: when it was first seen, since when it has
 * been continuously Ready (and its restart count then), the last ErrImagePull message and how many
 * pull attempts failed, and since when it has been blocked by a configuration error or the
 * scheduler. {@link #observe} folds one more observation in; it is a pure function.
 *
 * <p>Immutable and thread-safe.
 *
 * @param firstSeen when the verifier first saw the pod (client clock)
 * @param restartsAtFirstSeen total container restarts at first sight (baseline for old pods)
 * @param readySince since when the pod has been Ready without a restart
 * @param restartsAtReady total restarts when {@code readySince} started
 * @param lastRestarts total restarts at the previous observation
 * @param lastPullError the last ErrImagePull message (it survives into ImagePullBackOff)
 * @param pullAttempts failed pull attempts seen (distinct status updates or event counts)
 * @param pullErrorSince since when a pull error has been present
 * @param configErrorSince since when CreateContainerConfigError has been present
 * @param startErrorSightings distinct status updates with a container start error
 * @param unschedulableSince since when PodScheduled=False/Unschedulable has been present
 * @param lastResourceVersion the resourceVersion of the last observation
 */
public record PodHistory(
    Instant firstSeen,
    int restartsAtFirstSeen,
    Optional<Instant> readySince,
    int restartsAtReady,
    int lastRestarts,
    String lastPullError,
    int pullAttempts,
    Optional<Instant> pullErrorSince,
    Optional<Instant> configErrorSince,
    int startErrorSightings,
    Optional<Instant> unschedulableSince,
    String lastResourceVersion) {

  /** Checks the parts. */
  public PodHistory {
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(readySince, "readySince");
    Objects.requireNonNull(lastPullError, "lastPullError");
    Objects.requireNonNull(pullErrorSince, "pullErrorSince");
    Objects.requireNonNull(configErrorSince, "configErrorSince");
    Objects.requireNonNull(unschedulableSince, "unschedulableSince");
    Objects.requireNonNull(lastResourceVersion, "lastResourceVersion");
  }

  /**
   * Folds one observation of {@code pod} at {@code now} into {@code previous}; {@code events} are
   * the Events about this pod (pull failures are counted from them too).
   */
  public static PodHistory observe(
      Optional<PodHistory> previous, Pod pod, List<Event> events, Instant now) {
    int restarts = K8s.totalRestarts(pod);
    String rv = Objects.requireNonNullElse(pod.getMetadata().getResourceVersion(), "");
    PodHistory prev =
        previous.orElse(
            new PodHistory(
                now,
                restarts,
                Optional.empty(),
                restarts,
                restarts,
                "",
                0,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                ""));
    boolean fresh = previous.isEmpty() || !rv.equals(prev.lastResourceVersion) || rv.isEmpty();

    Optional<Instant> readySince = Optional.empty();
    int restartsAtReady = prev.restartsAtReady;
    if (K8s.isPodReady(pod)) {
      if (prev.readySince.isPresent() && restarts == prev.lastRestarts) {
        readySince = prev.readySince;
      } else {
        readySince = Optional.of(now);
        restartsAtReady = restarts;
      }
    }

    String lastPullError = prev.lastPullError;
    int attempts = prev.pullAttempts;
    boolean pullError = false;
    boolean errImagePull = false;
    boolean configError = false;
    boolean startError = false;
    for (ContainerStatus cs : K8s.allContainerStatuses(pod)) {
      String reason = K8s.waitingReason(cs);
      String msg = K8s.waitingMessage(cs);
      switch (reason) {
        case "ErrImagePull" -> {
          pullError = true;
          errImagePull = true;
          if (!msg.isEmpty()) {
            lastPullError = msg;
          }
        }
        case "ImagePullBackOff" -> pullError = true;
        case "CreateContainerConfigError" -> configError = !K8s.isCacheSyncMessage(msg);
        case "CreateContainerError",
            "RunContainerError",
            "PreStartHookError",
            "PostStartHookError" ->
            startError = true;
        default -> {}
      }
    }
    if (errImagePull && fresh) {
      attempts++;
    }
    if (pullError && attempts == 0) {
      attempts = 1; // ImagePullBackOff implies at least one failed attempt
    }
    for (Event e : events) {
      String m = Objects.requireNonNullElse(e.getMessage(), "");
      if ("Failed".equals(e.getReason()) && m.contains("Failed to pull image")) {
        int count = e.getCount() == null ? 1 : e.getCount();
        attempts = Math.max(attempts, count);
        if (!errImagePull || lastPullError.isEmpty()) {
          lastPullError = m;
        }
      }
    }
    return new PodHistory(
        prev.firstSeen,
        prev.restartsAtFirstSeen,
        readySince,
        restartsAtReady,
        restarts,
        lastPullError,
        attempts,
        pullError ? Optional.of(prev.pullErrorSince.orElse(now)) : Optional.empty(),
        configError ? Optional.of(prev.configErrorSince.orElse(now)) : Optional.empty(),
        prev.startErrorSightings + (startError && fresh ? 1 : 0),
        K8s.isUnschedulable(pod)
            ? Optional.of(prev.unschedulableSince.orElse(now))
            : Optional.empty(),
        rv);
  }
}
