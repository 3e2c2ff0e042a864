package dev.deploysafe.k8s.testing;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds fabric8 objects for rollout tests, shaped the way the real controllers write them. */
public final class Objs {

  /** The start of every test timeline (the apply). */
  public static final Instant T0 = Instant.parse("2026-03-20T16:46:00Z");

  /** Long before the apply: objects that existed already. */
  public static final String BEFORE = "2026-01-01T00:00:00Z";

  /** After the apply: objects created by this rollout. */
  public static final String AFTER = "2026-03-20T16:46:01Z";

  public static final String NS = "prod";

  private Objs() {}

  public static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", app)
        .endMetadata()
        .withNewSpec()
        .withContainers(new ContainerBuilder().withName("app").withImage(image).build())
        .endSpec()
        .build();
  }

  public static OwnerReference owner(HasMetadata o) {
    return new OwnerReferenceBuilder()
        .withApiVersion(o.getApiVersion())
        .withKind(o.getKind())
        .withName(o.getMetadata().getName())
        .withUid(o.getMetadata().getUid())
        .withController(true)
        .build();
  }

  // ---- Deployment

  /** A Deployment at generation 2, observed, revision 2, with the given status counters. */
  public static Deployment deployment(
      String name, int replicas, int updated, int total, int available) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withUid(name + "-uid")
        .withGeneration(2L)
        .withCreationTimestamp(BEFORE)
        .addToAnnotations("deployment.kubernetes.io/revision", "2")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name, "app:v2"))
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withReplicas(total)
        .withUpdatedReplicas(updated)
        .withAvailableReplicas(available)
        .withReadyReplicas(available)
        .endStatus()
        .build();
  }

  public static Deployment withCondition(Deployment d, String type, String status, String reason) {
    List<DeploymentCondition> cs =
        new ArrayList<>(
            d.getStatus().getConditions() == null ? List.of() : d.getStatus().getConditions());
    cs.add(
        new DeploymentConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(reason + " message")
            .build());
    return new DeploymentBuilder(d).editStatus().withConditions(cs).endStatus().build();
  }

  /** The ReplicaSet of a Deployment for one revision; the current revision copies the template. */
  public static ReplicaSet replicaSet(Deployment d, String revision, String hash, String image) {
    PodTemplateSpec t =
        new PodTemplateSpecBuilder(template(d.getMetadata().getName(), image))
            .editMetadata()
            .addToLabels("pod-template-hash", hash)
            .endMetadata()
            .build();
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(d.getMetadata().getName() + "-" + hash)
        .withNamespace(NS)
        .withUid("rs-" + hash)
        .withCreationTimestamp(AFTER)
        .addToAnnotations("deployment.kubernetes.io/revision", revision)
        .addToLabels("pod-template-hash", hash)
        .withOwnerReferences(owner(d))
        .endMetadata()
        .withNewSpec()
        .withReplicas(d.getSpec().getReplicas())
        .withTemplate(t)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .endStatus()
        .build();
  }

  // ---- StatefulSet

  public static StatefulSet statefulSet(
      String name,
      int replicas,
      String strategy,
      Integer partition,
      String updateRevision,
      int updated) {
    StatefulSetBuilder b =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withUid(name + "-uid")
            .withGeneration(2L)
            .withCreationTimestamp(BEFORE)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withServiceName(name)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withTemplate(template(name, "app:v2"))
            .withNewUpdateStrategy()
            .withType(strategy)
            .endUpdateStrategy()
            .endSpec()
            .withNewStatus()
            .withObservedGeneration(2L)
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withUpdateRevision(updateRevision)
            .withCurrentRevision(name + "-old")
            .endStatus();
    if (partition != null) {
      b.editSpec()
          .editUpdateStrategy()
          .withNewRollingUpdate()
          .withPartition(partition)
          .endRollingUpdate()
          .endUpdateStrategy()
          .endSpec();
    }
    return b.build();
  }

  public static ControllerRevision revision(
      HasMetadata owner, String name, long rev, String created) {
    return new ControllerRevisionBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withUid("cr-" + name)
        .withCreationTimestamp(created)
        .addToLabels("controller-revision-hash", name.substring(name.lastIndexOf('-') + 1))
        .withOwnerReferences(owner(owner))
        .endMetadata()
        .withRevision(rev)
        .build();
  }

  // ---- DaemonSet

  public static DaemonSet daemonSet(
      String name, String strategy, int desired, int updated, int available) {
    return new DaemonSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withUid(name + "-uid")
        .withGeneration(2L)
        .withCreationTimestamp(BEFORE)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name, "app:v2"))
        .withNewUpdateStrategy()
        .withType(strategy)
        .endUpdateStrategy()
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withDesiredNumberScheduled(desired)
        .withCurrentNumberScheduled(desired)
        .withUpdatedNumberScheduled(updated)
        .withNumberAvailable(available)
        .withNumberReady(available)
        .endStatus()
        .build();
  }

  // ---- ReplicaSet (bare), Job, generic

  public static ReplicaSet bareReplicaSet(String name, int replicas, int ready, String image) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withUid(name + "-uid")
        .withGeneration(2L)
        .withCreationTimestamp(BEFORE)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withTemplate(template(name, image))
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .endStatus()
        .build();
  }

  public static Job job(String name, String conditionType) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withUid(name + "-uid")
            .withGeneration(1L)
            .withCreationTimestamp(AFTER)
            .endMetadata()
            .withNewSpec()
            .withTemplate(template(name, "job:v2"))
            .endSpec()
            .withNewStatus()
            .withActive(conditionType.isEmpty() ? 1 : 0)
            .endStatus();
    if (!conditionType.isEmpty()) {
      b.editStatus()
          .addToConditions(
              new JobConditionBuilder()
                  .withType(conditionType)
                  .withStatus("True")
                  .withReason(conditionType.equals("Failed") ? "BackoffLimitExceeded" : "")
                  .withMessage(
                      conditionType.equals("Failed")
                          ? "Job has reached the specified backoff limit"
                          : "")
                  .build())
          .endStatus();
    }
    return b.build();
  }

  /** A custom resource with the given status (conditions as type→status, reason). */
  public static GenericKubernetesResource custom(
      String name, long generation, Long observed, Map<String, String> conditions) {
    Map<String, Object> status = new LinkedHashMap<>();
    if (observed != null) {
      status.put("observedGeneration", observed);
    }
    List<Map<String, Object>> cs = new ArrayList<>();
    conditions.forEach(
        (type, st) -> {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("type", type);
          c.put("status", st);
          c.put("reason", type + "Reason");
          c.put("message", type + " says " + st);
          cs.add(c);
        });
    if (!cs.isEmpty()) {
      status.put("conditions", cs);
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("example.com/v1")
        .withKind("Widget")
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withUid(name + "-uid")
        .withGeneration(generation)
        .endMetadata()
        .addToAdditionalProperties("spec", Map.of("size", 1))
        .addToAdditionalProperties("status", status)
        .build();
  }

  // ---- Events

  public static Event event(
      HasMetadata about, String reason, String message, int count, Instant at) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(about.getMetadata().getName() + "." + reason + count)
        .withNamespace(NS)
        .endMetadata()
        .withNewInvolvedObject()
        .withKind(about.getKind())
        .withName(about.getMetadata().getName())
        .withUid(about.getMetadata().getUid())
        .withNamespace(NS)
        .endInvolvedObject()
        .withReason(reason)
        .withMessage(message)
        .withCount(count)
        .withLastTimestamp(at.toString())
        .withFirstTimestamp(at.toString())
        .build();
  }

  // ---- Pods

  /** Starts a pod owned by {@code owner}. */
  public static PodMaker pod(String name, HasMetadata owner) {
    return new PodMaker(name, owner);
  }

  /** Fluent pod builder: Running and Ready unless told otherwise. */
  public static final class PodMaker {
    private final String name;
    private final HasMetadata owner;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String phase = "Running";
    private boolean ready = true;
    private String rv = "1";
    private String node = "node-1";
    private String created = AFTER;
    private String image = "app:v2";
    private final List<ContainerStatus> init = new ArrayList<>();
    private ContainerStatusBuilder main =
        new ContainerStatusBuilder()
            .withName("app")
            .withRestartCount(0)
            .withReady(true)
            .withNewState()
            .withNewRunning()
            .withStartedAt(AFTER)
            .endRunning()
            .endState();
    private final List<PodCondition> conditions = new ArrayList<>();
    private String statusReason = "";
    private boolean terminating;

    PodMaker(String name, HasMetadata owner) {
      this.name = name;
      this.owner = owner;
    }

    public PodMaker label(String k, String v) {
      labels.put(k, v);
      return this;
    }

    public PodMaker hash(String h) {
      return label("pod-template-hash", h);
    }

    public PodMaker revision(String r) {
      return label("controller-revision-hash", r);
    }

    public PodMaker rv(String v) {
      rv = v;
      return this;
    }

    public PodMaker node(String n) {
      node = n;
      return this;
    }

    public PodMaker createdBefore() {
      created = BEFORE;
      return this;
    }

    public PodMaker image(String i) {
      image = i;
      return this;
    }

    public PodMaker notReady() {
      ready = false;
      main.withReady(false);
      return this;
    }

    public PodMaker terminating() {
      terminating = true;
      return this;
    }

    public PodMaker phase(String p, String reason) {
      phase = p;
      statusReason = reason;
      ready = false;
      return this;
    }

    public PodMaker restarts(int n) {
      main.withRestartCount(n);
      return this;
    }

    public PodMaker waiting(String reason, String message) {
      notReady();
      main.withNewState()
          .withNewWaiting()
          .withReason(reason)
          .withMessage(message)
          .endWaiting()
          .endState();
      if (reason.startsWith("ErrImage")
          || reason.equals("ImagePullBackOff")
          || reason.equals("InvalidImageName")
          || reason.startsWith("CreateContainer")
          || reason.equals("ContainerCreating")) {
        phase = "Pending";
      }
      return this;
    }

    public PodMaker lastTerminated(String reason, int exit) {
      main.withNewLastState()
          .withNewTerminated()
          .withReason(reason)
          .withExitCode(exit)
          .withMessage("")
          .endTerminated()
          .endLastState();
      return this;
    }

    public PodMaker terminatedNow(String reason, int exit) {
      notReady();
      main.withNewState()
          .withNewTerminated()
          .withReason(reason)
          .withExitCode(exit)
          .endTerminated()
          .endState();
      return this;
    }

    public PodMaker initWaiting(String reason, String message, int restarts) {
      notReady();
      phase = "Pending";
      init.add(
          new ContainerStatusBuilder()
              .withName("init")
              .withRestartCount(restarts)
              .withReady(false)
              .withNewState()
              .withNewWaiting()
              .withReason(reason)
              .withMessage(message)
              .endWaiting()
              .endState()
              .build());
      return this;
    }

    public PodMaker unschedulable(String message) {
      phase = "Pending";
      ready = false;
      node = "";
      conditions.add(
          new PodConditionBuilder()
              .withType("PodScheduled")
              .withStatus("False")
              .withReason("Unschedulable")
              .withMessage(message)
              .build());
      return this;
    }

    public Pod build() {
      List<PodCondition> cs = new ArrayList<>(conditions);
      cs.add(
          new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build());
      PodBuilder b =
          new PodBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(NS)
              .withUid(name + "-uid")
              .withResourceVersion(rv)
              .withCreationTimestamp(created)
              .withLabels(labels)
              .withOwnerReferences(owner == null ? List.of() : List.of(owner(owner)))
              .endMetadata()
              .withNewSpec()
              .withNodeName(node.isEmpty() ? null : node)
              .withContainers(new ContainerBuilder().withName("app").withImage(image).build())
              .endSpec()
              .withNewStatus()
              .withPhase(phase)
              .withReason(statusReason.isEmpty() ? null : statusReason)
              .withConditions(cs)
              .withInitContainerStatuses(init)
              .withContainerStatuses(phase.equals("Failed") ? List.of() : List.of(main.build()))
              .endStatus();
      if (terminating) {
        b.editMetadata().withDeletionTimestamp(AFTER).endMetadata();
      }
      return b.build();
    }
  }
}
