package dev.deploysafe.k8s;

import java.io.Serializable;
import java.util.Objects;

/**
 * Records why one container of one new-revision pod counts as failing: where it ran, what the
 * kubelet said, and how it last ended. Absent text parts are {@code ""}; {@code lastExitCode} is
 * {@code -1} when the container never terminated.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pod pod name
 * @param node node name, or {@code ""} when not scheduled
 * @param nodePool the node's pool label as {@code key=value}, or {@code ""} when unknown
 * @param container container name ({@code init:} prefix for init containers), or {@code ""}
 * @param reason the kubelet or scheduler reason, such as {@code ErrImagePull}
 * @param message the kubelet or scheduler message
 * @param restartCount the container's restart count
 * @param lastExitCode exit code of the last termination, or -1
 * @param lastTerminationReason reason of the last termination, such as {@code OOMKilled}
 * @param lastPullError the last {@code ErrImagePull} message (it survives into ImagePullBackOff)
 * @param previousLogTail the tail of the previous container's log, secrets redacted, or {@code ""}
 */
public record PodEvidence(
    String pod,
    String node,
    String nodePool,
    String container,
    String reason,
    String message,
    int restartCount,
    int lastExitCode,
    String lastTerminationReason,
    String lastPullError,
    String previousLogTail)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks that no part is null. */
  public PodEvidence {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(nodePool, "nodePool");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(lastTerminationReason, "lastTerminationReason");
    Objects.requireNonNull(lastPullError, "lastPullError");
    Objects.requireNonNull(previousLogTail, "previousLogTail");
  }

  /** Returns a copy with the previous container's log tail attached. */
  public PodEvidence withPreviousLogTail(String tail) {
    return new PodEvidence(
        pod,
        node,
        nodePool,
        container,
        reason,
        message,
        restartCount,
        lastExitCode,
        lastTerminationReason,
        lastPullError,
        tail);
  }

  /** Returns a copy with the node pool label. */
  public PodEvidence withNodePool(String pool) {
    return new PodEvidence(
        pod,
        node,
        pool,
        container,
        reason,
        message,
        restartCount,
        lastExitCode,
        lastTerminationReason,
        lastPullError,
        previousLogTail);
  }

  /**
   * Renders one line: {@code pod api-1 on node n1 (pool=new) container app: CrashLoopBackOff ...}.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("pod ").append(pod);
    if (!node.isEmpty()) {
      b.append(" on ").append(node);
    }
    if (!nodePool.isEmpty()) {
      b.append(" (").append(nodePool).append(')');
    }
    if (!container.isEmpty()) {
      b.append(" container ").append(container);
    }
    b.append(": ").append(reason);
    if (!message.isEmpty()) {
      b.append(" \"").append(message).append('"');
    }
    b.append(", restarts ").append(restartCount);
    if (lastExitCode >= 0) {
      b.append(", last exit ").append(lastExitCode);
      if (!lastTerminationReason.isEmpty()) {
        b.append(" (").append(lastTerminationReason).append(')');
      }
    } else if (!lastTerminationReason.isEmpty()) {
      b.append(", last ").append(lastTerminationReason);
    }
    if (!lastPullError.isEmpty() && !lastPullError.equals(message)) {
      b.append(", last pull error \"").append(lastPullError).append('"');
    }
    if (!previousLogTail.isEmpty()) {
      b.append("\n    previous log tail:\n    ")
          .append(previousLogTail.strip().replace("\n", "\n    "));
    }
    return b.toString();
  }
}
