package dev.deploysafe.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceRefTest {

  @ParameterizedTest(name = "{0} → {1}/{2}")
  @CsvSource({
    "deployment/api, apps/v1, Deployment, api",
    "deploy/api, apps/v1, Deployment, api",
    "deployments.apps/api, apps/v1, Deployment, api",
    "sts/db, apps/v1, StatefulSet, db",
    "StatefulSet/db, apps/v1, StatefulSet, db",
    "ds/agent, apps/v1, DaemonSet, agent",
    "rs/web, apps/v1, ReplicaSet, web",
    "job/migrate, batch/v1, Job, migrate",
    "pod/solo, v1, Pod, solo"
  })
  void parseReadsKubectlStyleReferences(String text, String apiVersion, String kind, String name) {
    ResourceRef r = ResourceRef.parse(text);
    assertThat(r).isEqualTo(ResourceRef.of(apiVersion, kind, "", name));
  }

  @Test
  void parseRejectsUnknownKindsWithTheTextInTheMessage() {
    assertThatThrownBy(() -> ResourceRef.parse("service/api"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service/api");
    assertThatThrownBy(() -> ResourceRef.parse("api"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KIND/NAME");
  }

  @Test
  void fromManifestsPicksWorkloadsInFileOrderAndSkipsHooks() throws Exception {
    List<ResourceRef> refs =
        ResourceRef.fromManifests(Path.of("src/test/resources/manifests/release.yaml"));
    assertThat(refs)
        .containsExactly(
            ResourceRef.deployment("prod", "api"),
            ResourceRef.statefulSet("", "db"),
            ResourceRef.daemonSet("", "agent"),
            ResourceRef.of("v1", "Pod", "", "solo"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a: [ | manifests:1 | while parsing",
        "kind: Deployment\\nmetadata: {name: d} | manifests:1 | needs apiVersion apps/v1 (it has none)",
        "apiVersion: v1\\nkind: List\\nitems:\\n- apiVersion: extensions/v1beta1\\n  kind: Deployment\\n  metadata: {name: x} | manifests:4 | (it has extensions/v1beta1)",
        "apiVersion: apps/v1\\nkind: StatefulSet\\nmetadata:\\n  name: yes | manifests:4 | not a valid Kubernetes name",
        "apiVersion: batch/v1\\nkind: Job\\nmetadata:\\n  name: Big_Job | manifests:4 | not a valid Kubernetes name",
        "apiVersion: v1\\nkind: Pod\\nmetadata: {} | manifests:3 | has no metadata.name",
      })
  void badWorkloadManifestsNameTheLineAndTheRule(String yaml, String where, String what) {
    assertThatThrownBy(() -> ResourceRef.parseManifests(yaml.replace("\\n", "\n")))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith(where)
        .hasMessageContaining(what);
  }

  @Test
  void manifestsWithoutWorkloadsAndCustomResourcesGiveNothing() throws Exception {
    assertThat(
            ResourceRef.parseManifests(
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n7\n---\n"
                    + "apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: Odd_Name}\n"))
        .isEmpty();
  }

  @Test
  void parseRejectsNamesKubernetesRejects() {
    assertThatThrownBy(() -> ResourceRef.parse("deployment/UPPER_bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid Kubernetes name");
    assertThat(ResourceRef.parse("sts/db-0.example").name()).isEqualTo("db-0.example");
    assertThat(ResourceRef.isValidName("a".repeat(253))).isTrue();
    assertThat(ResourceRef.isValidName("a".repeat(254))).isFalse();
    assertThat(ResourceRef.isValidName("-a")).isFalse();
    assertThat(ResourceRef.isValidName("a..b")).isFalse();
  }

  @Test
  void toStringNamesTheResourceAsFindingsLocateIt() {
    assertThat(ResourceRef.deployment("prod", "api").toString())
        .isEqualTo("apps/Deployment prod/api");
    assertThat(ResourceRef.of("v1", "Pod", "prod", "p").toString()).isEqualTo("Pod prod/p");
  }

  @Test
  void redactionMasksSecretValuesInLogTails() {
    String log =
        "starting\nDB_PASSWORD=hunter2 user=admin\nAuthorization: Bearer abc.def\ntoken: \"xyz\"";
    String r = InformerRolloutVerifier.redact(log);
    assertThat(r).doesNotContain("hunter2").doesNotContain("abc.def").doesNotContain("xyz");
    assertThat(r).contains("user=admin").contains("starting");
  }
}
