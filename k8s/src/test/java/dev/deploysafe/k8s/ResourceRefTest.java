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
