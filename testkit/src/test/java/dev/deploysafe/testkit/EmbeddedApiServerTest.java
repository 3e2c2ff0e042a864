package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Objects.configMap;
import static dev.deploysafe.testkit.testing.Objects.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.testkit.testing.Http;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableTestCluster
class EmbeddedApiServerTest {

  @Test
  void createSetsUidCreationTimestampResourceVersionAndGeneration(KubernetesClient client) {
    Deployment d =
        client
            .apps()
            .deployments()
            .inNamespace("default")
            .resource(deployment("a", 1, "nginx:1"))
            .create();

    assertThat(d.getMetadata().getUid()).isNotBlank();
    assertThat(d.getMetadata().getCreationTimestamp()).endsWith("Z");
    assertThat(Long.parseLong(d.getMetadata().getResourceVersion())).isPositive();
    assertThat(d.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void getOfMissingObjectIsNotFoundStatus(KubernetesClient client) {
    KubernetesClientException e =
        catchKce(() -> client.configMaps().inNamespace("default").withName("nope").edit(cm -> cm));
    assertThat(e.getCode()).isEqualTo(404);
    assertThat(e.getStatus().getReason()).isEqualTo("NotFound");
    assertThat(e.getStatus().getKind()).isEqualTo("Status");
  }

  @Test
  void secondCreateIsAlreadyExists(KubernetesClient client) {
    client.configMaps().inNamespace("default").resource(configMap("dup", "1")).create();

    KubernetesClientException e =
        catchKce(
            () ->
                client
                    .configMaps()
                    .inNamespace("default")
                    .resource(configMap("dup", "2"))
                    .create());

    assertThat(e.getCode()).isEqualTo(409);
    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
    assertThat(e.getStatus().getDetails().getName()).isEqualTo("dup");
  }

  @Test
  void updateWithStaleResourceVersionIsConflict(KubernetesClient client) {
    ConfigMap v1 =
        client.configMaps().inNamespace("default").resource(configMap("c", "1")).create();
    client.configMaps().inNamespace("default").withName("c").edit(cm -> withValue(cm, "2"));

    KubernetesClientException e =
        catchKce(
            () -> client.configMaps().inNamespace("default").resource(withValue(v1, "3")).update());

    assertThat(e.getCode()).isEqualTo(409);
    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
  }

  @Test
  void createInMissingNamespaceIsNotFound(KubernetesClient client) {
    KubernetesClientException e =
        catchKce(
            () -> client.configMaps().inNamespace("ghost").resource(configMap("c", "1")).create());

    assertThat(e.getCode()).isEqualTo(404);
    assertThat(e.getMessage()).contains("namespaces \"ghost\" not found");
  }

  @Test
  void plainUpdateKeepsStoredStatus(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments.resource(deployment("s", 2, "nginx:1")).create();
    deployments.withName("s").editStatus(d -> withStatus(d, 2));

    Deployment fetched = deployments.withName("s").get();
    fetched.setStatus(null);
    fetched.getSpec().setReplicas(3);
    deployments.resource(fetched).update();

    assertThat(deployments.withName("s").get().getStatus().getReadyReplicas()).isEqualTo(2);
  }

  @Test
  void statusUpdateChangesOnlyStatusAndNotGeneration(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments.resource(deployment("g", 2, "nginx:1")).create();

    Deployment afterStatus =
        deployments
            .withName("g")
            .editStatus(
                d -> {
                  withStatus(d, 1);
                  d.getSpec().setReplicas(9);
                  return d;
                });

    assertThat(afterStatus.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(afterStatus.getSpec().getReplicas()).isEqualTo(2);
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void specChangeBumpsGeneration(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments.resource(deployment("gen", 1, "nginx:1")).create();

    Deployment d =
        deployments
            .withName("gen")
            .edit(
                x -> {
                  x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:2");
                  return x;
                });

    assertThat(d.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void metadataOnlyChangeKeepsGenerationButBumpsResourceVersion(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    Deployment created = deployments.resource(deployment("meta", 1, "nginx:1")).create();

    Deployment d =
        deployments
            .withName("meta")
            .edit(
                x -> {
                  x.getMetadata().setAnnotations(Map.of("note", "x"));
                  return x;
                });

    assertThat(d.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(Long.parseLong(d.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
  }

  @Test
  void createDropsClientSuppliedStatusLikeTheRealServer(KubernetesClient client) {
    Deployment d = deployment("st", 1, "nginx:1");
    withStatus(d, 5);

    Deployment created = client.apps().deployments().inNamespace("default").resource(d).create();

    assertThat(created.getStatus()).isNull();
  }

  @Test
  void deploymentGetsServerDefaults(KubernetesClient client) {
    Deployment d =
        client
            .apps()
            .deployments()
            .inNamespace("default")
            .resource(deployment("def", 1, "nginx:1"))
            .create();

    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
        .isEqualTo("25%");
    assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
    assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
  }

  @Test
  void labelSelectorFiltersLists(KubernetesClient client) {
    var cms = client.configMaps().inNamespace("default");
    cms.resource(configMap("one", "1")).create();
    cms.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("two")
                .withLabels(Map.of("app", "other"))
                .endMetadata()
                .build())
        .create();

    List<ConfigMap> items = cms.withLabel("app", "demo").list().getItems();
    List<ConfigMap> notDemo = cms.withLabelNotIn("app", "demo").list().getItems();

    assertThat(items).extracting(c -> c.getMetadata().getName()).containsExactly("one");
    assertThat(notDemo)
        .extracting(c -> c.getMetadata().getName())
        .contains("two")
        .doesNotContain("one");
  }

  @Test
  void fieldSelectorOnNodeNameFiltersPods(KubernetesClient client) {
    var pods = client.pods().inNamespace("default");
    pods.resource(pod("p1", "node-a")).create();
    pods.resource(pod("p2", "node-b")).create();

    List<Pod> onA =
        client.pods().inAnyNamespace().withField("spec.nodeName", "node-a").list().getItems();

    assertThat(onA).extracting(p -> p.getMetadata().getName()).containsExactly("p1");
  }

  @Test
  void podBindingSetsNodeName(EmbeddedApiServer server) throws Exception {
    KubernetesClient client = server.client();
    client.pods().inNamespace("default").resource(pod("bind", null)).create();

    var response =
        Http.send(
            "POST",
            server.url() + "/api/v1/namespaces/default/pods/bind/binding",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"bind\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"node-z\"}}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(client.pods().inNamespace("default").withName("bind").get().getSpec().getNodeName())
        .isEqualTo("node-z");
  }

  @Test
  void finalizerDelaysDeletionUntilRemoved(KubernetesClient client) {
    var cms = client.configMaps().inNamespace("default");
    ConfigMap cm = configMap("fin", "1");
    cm.getMetadata().setFinalizers(List.of("example.com/hold"));
    cms.resource(cm).create();

    cms.withName("fin").delete();
    ConfigMap terminating = cms.withName("fin").get();
    cms.withName("fin")
        .edit(
            x -> {
              x.getMetadata().setFinalizers(List.of());
              return x;
            });

    assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(cms.withName("fin").get()).isNull();
  }

  @Test
  void deletingAnOwnerGarbageCollectsDependents(KubernetesClient client) {
    Deployment owner =
        client
            .apps()
            .deployments()
            .inNamespace("default")
            .resource(deployment("own", 1, "nginx:1"))
            .create();
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName("own-1")
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName("own")
                    .withUid(owner.getMetadata().getUid())
                    .withController(true)
                    .build())
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .endSpec()
            .build();
    client.apps().replicaSets().inNamespace("default").resource(rs).create();

    client.apps().deployments().inNamespace("default").withName("own").delete();

    assertThat(client.apps().replicaSets().inNamespace("default").withName("own-1").get()).isNull();
  }

  @Test
  void scaleSubresourceChangesReplicasAndGeneration(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments.resource(deployment("sc", 1, "nginx:1")).create();

    deployments.withName("sc").scale(4);

    Deployment d = deployments.withName("sc").get();
    assertThat(d.getSpec().getReplicas()).isEqualTo(4);
    assertThat(d.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void strategicMergePatchMergesContainersByName(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    Deployment d = deployment("smp", 1, "nginx:1");
    d.getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .add(
            new io.fabric8.kubernetes.api.model.ContainerBuilder()
                .withName("side")
                .withImage("busybox:1")
                .build());
    deployments.resource(d).create();

    deployments
        .withName("smp")
        .patch(
            PatchContext.of(PatchType.STRATEGIC_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}");

    var containers =
        deployments.withName("smp").get().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers)
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("app=nginx:2", "side=busybox:1");
  }

  @Test
  void jsonMergePatchReplacesLists(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments.resource(deployment("mp", 1, "nginx:1")).create();

    deployments
        .withName("mp")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"other\",\"image\":\"x:1\"}]}}}}");

    var containers =
        deployments.withName("mp").get().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(c -> c.getName()).containsExactly("other");
  }

  @Test
  void jsonPatchAppliesOperations(KubernetesClient client) {
    client.configMaps().inNamespace("default").resource(configMap("jp", "1")).create();

    client
        .configMaps()
        .inNamespace("default")
        .withName("jp")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/data/key\",\"value\":\"9\"}]");

    assertThat(client.configMaps().inNamespace("default").withName("jp").get().getData())
        .containsEntry("key", "9");
  }

  @Test
  void serverSideApplyCreatesThenPrunesFieldsTheManagerStoppedApplying(KubernetesClient client) {
    var cms = client.configMaps().inNamespace("default");
    ConfigMap first =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ssa")
            .endMetadata()
            .withData(Map.of("a", "1", "b", "2"))
            .build();
    cms.resource(first).fieldManager("tests").forceConflicts().serverSideApply();

    ConfigMap second =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ssa")
            .endMetadata()
            .withData(Map.of("a", "3"))
            .build();
    ConfigMap result =
        cms.resource(second).fieldManager("tests").forceConflicts().serverSideApply();

    assertThat(result.getData()).containsExactly(Map.entry("a", "3"));
  }

  @Test
  void serverSideApplyOfAnotherManagersFieldIsAConflict(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments.resource(deployment("owned", 2, "nginx:1")).fieldManager("alice").serverSideApply();

    KubernetesClientException e =
        catchKce(
            () ->
                deployments
                    .resource(deployment("owned", 3, "nginx:1"))
                    .fieldManager("bob")
                    .serverSideApply());

    assertThat(e.getCode()).isEqualTo(409);
    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(e.getStatus().getMessage())
        .contains("conflict with \"alice\"")
        .contains(".spec.replicas");
    assertThat(e.getStatus().getDetails().getCauses())
        .extracting(c -> c.getField())
        .containsExactly(".spec.replicas");
  }

  @Test
  void forcedServerSideApplyTakesOverTheField(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments.resource(deployment("taken", 2, "nginx:1")).fieldManager("alice").serverSideApply();

    deployments
        .resource(deployment("taken", 3, "nginx:1"))
        .fieldManager("bob")
        .forceConflicts()
        .serverSideApply();
    KubernetesClientException aliceAgain =
        catchKce(
            () ->
                deployments
                    .resource(deployment("taken", 2, "nginx:1"))
                    .fieldManager("alice")
                    .serverSideApply());

    assertThat(deployments.withName("taken").get().getSpec().getReplicas()).isEqualTo(3);
    assertThat(aliceAgain.getCode()).isEqualTo(409);
  }

  @Test
  void serverSideApplyOfTheSameValueSharesTheField(KubernetesClient client) {
    var deployments = client.apps().deployments().inNamespace("default");
    deployments
        .resource(deployment("shared", 2, "nginx:1"))
        .fieldManager("alice")
        .serverSideApply();

    var result =
        deployments
            .resource(deployment("shared", 2, "nginx:1"))
            .fieldManager("bob")
            .serverSideApply();

    assertThat(result.getSpec().getReplicas()).isEqualTo(2);
    assertThat(result.getMetadata().getManagedFields())
        .extracting(m -> m.getManager())
        .contains("alice", "bob");
  }

  @Test
  void customResourceDefinitionServesItsKind(KubernetesClient client) {
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("widgets.example.com")
            .endMetadata()
            .withNewSpec()
            .withGroup("example.com")
            .withScope("Namespaced")
            .withNewNames()
            .withKind("Widget")
            .withPlural("widgets")
            .withSingular("widget")
            .endNames()
            .addNewVersion()
            .withName("v1")
            .withServed(true)
            .withStorage(true)
            .withNewSchema()
            .withNewOpenAPIV3Schema()
            .withType("object")
            .withXKubernetesPreserveUnknownFields(true)
            .endOpenAPIV3Schema()
            .endSchema()
            .endVersion()
            .endSpec()
            .build();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    ResourceDefinitionContext ctx =
        new ResourceDefinitionContext.Builder()
            .withGroup("example.com")
            .withVersion("v1")
            .withKind("Widget")
            .withPlural("widgets")
            .withNamespaced(true)
            .build();
    GenericKubernetesResource w = new GenericKubernetesResource();
    w.setApiVersion("example.com/v1");
    w.setKind("Widget");
    w.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w1").build());
    w.setAdditionalProperty("spec", Map.of("size", 3));

    client.genericKubernetesResources(ctx).inNamespace("default").resource(w).create();

    assertThat(
            client
                .genericKubernetesResources(ctx)
                .inNamespace("default")
                .withName("w1")
                .get()
                .getAdditionalProperties())
        .containsKey("spec");
  }

  @Test
  void generateNameProducesAUniqueName(KubernetesClient client) {
    ConfigMap cm =
        new ConfigMapBuilder().withNewMetadata().withGenerateName("gen-").endMetadata().build();

    ConfigMap a = client.configMaps().inNamespace("default").resource(cm).create();
    ConfigMap b = client.configMaps().inNamespace("default").resource(cm).create();

    assertThat(a.getMetadata().getName()).startsWith("gen-").hasSize(9);
    assertThat(a.getMetadata().getName()).isNotEqualTo(b.getMetadata().getName());
  }

  @Test
  void deletingANamespaceDeletesItsObjects(KubernetesClient client) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("tmp").endMetadata().build())
        .create();
    client.configMaps().inNamespace("tmp").resource(configMap("inside", "1")).create();

    client.namespaces().withName("tmp").delete();

    assertThat(client.configMaps().inNamespace("tmp").withName("inside").get()).isNull();
    assertThat(client.namespaces().withName("tmp").get()).isNull();
  }

  @Test
  void versionEndpointReportsKubernetes135(KubernetesClient client) {
    assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("35");
  }

  @Test
  void secretStringDataIsStoredAsBase64Data(KubernetesClient client) {
    var s =
        new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata()
            .withName("sec")
            .endMetadata()
            .withStringData(Map.of("k", "v"))
            .build();

    var created = client.secrets().inNamespace("default").resource(s).create();

    assertThat(created.getData()).containsEntry("k", "dg==");
    assertThat(created.getStringData()).isNullOrEmpty();
  }

  @Test
  void recentCallsListsResourceCallsWithVerbs(EmbeddedApiServer server) {
    var cms = server.client().configMaps().inNamespace("default");
    cms.resource(configMap("logged", "1")).create();
    cms.withName("logged").get();

    assertThat(server.recentCalls())
        .containsSubsequence(
            "create configmaps ns=default", "get configmaps ns=default name=logged");
  }

  @Test
  void deleteCollectionRemovesOnlySelectedObjects(KubernetesClient client) {
    var cms = client.configMaps().inNamespace("default");
    cms.resource(configMap("demo-1", "1")).create();
    cms.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("keep")
                .withLabels(Map.of("app", "other"))
                .endMetadata()
                .build())
        .create();

    cms.withLabel("app", "demo").delete();

    assertThat(cms.list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("keep");
  }

  private static Pod pod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("c")
        .withImage("busybox:1")
        .endContainer()
        .endSpec()
        .build();
  }

  private static ConfigMap withValue(ConfigMap cm, String value) {
    cm.setData(Map.of("key", value));
    return cm;
  }

  private static Deployment withStatus(Deployment d, int ready) {
    d.setStatus(new DeploymentStatusBuilder().withReplicas(ready).withReadyReplicas(ready).build());
    return d;
  }

  private static KubernetesClientException catchKce(Runnable r) {
    try {
      r.run();
    } catch (KubernetesClientException e) {
      return e;
    }
    throw new AssertionError("expected a KubernetesClientException");
  }
}
