package dev.deploysafe.testkit;

import java.util.ArrayList;
import java.util.List;

/** The built-in resource types served out of the box, a subset of Kubernetes 1.35. */
final class BuiltinResources {

  private static final List<String> STATUS = List.of("status");
  private static final List<String> STATUS_SCALE = List.of("status", "scale");
  private static final List<String> ALL = List.of("all");

  private BuiltinResources() {}

  static List<ApiResource> all() {
    List<ApiResource> r = new ArrayList<>();
    r.add(cluster("", "v1", "Namespace", "namespaces", "ns").withSubresources(STATUS));
    r.add(ns("", "v1", "Pod", "pods", "po").withSubresources(STATUS).withCategories(ALL));
    r.add(ns("", "v1", "Service", "services", "svc").withSubresources(STATUS).withCategories(ALL));
    r.add(ns("", "v1", "ConfigMap", "configmaps", "cm"));
    r.add(ApiResource.namespaced("", "v1", "Secret", "secrets"));
    r.add(ns("", "v1", "ServiceAccount", "serviceaccounts", "sa"));
    r.add(cluster("", "v1", "Node", "nodes", "no").withSubresources(STATUS));
    r.add(ns("", "v1", "Event", "events", "ev"));
    r.add(ns("", "v1", "Endpoints", "endpoints", "ep"));
    r.add(
        ns("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", "pvc")
            .withSubresources(STATUS));
    r.add(
        cluster("", "v1", "PersistentVolume", "persistentvolumes", "pv").withSubresources(STATUS));
    r.add(ns("", "v1", "ResourceQuota", "resourcequotas", "quota").withSubresources(STATUS));
    r.add(ns("", "v1", "LimitRange", "limitranges", "limits"));
    r.add(ApiResource.namespaced("", "v1", "PodTemplate", "podtemplates"));
    r.add(
        ns("", "v1", "ReplicationController", "replicationcontrollers", "rc")
            .withSubresources(STATUS_SCALE)
            .withCategories(ALL));
    r.add(
        ns("apps", "v1", "Deployment", "deployments", "deploy")
            .withSubresources(STATUS_SCALE)
            .withCategories(ALL));
    r.add(
        ns("apps", "v1", "ReplicaSet", "replicasets", "rs")
            .withSubresources(STATUS_SCALE)
            .withCategories(ALL));
    r.add(
        ns("apps", "v1", "StatefulSet", "statefulsets", "sts")
            .withSubresources(STATUS_SCALE)
            .withCategories(ALL));
    r.add(
        ns("apps", "v1", "DaemonSet", "daemonsets", "ds")
            .withSubresources(STATUS)
            .withCategories(ALL));
    r.add(ApiResource.namespaced("apps", "v1", "ControllerRevision", "controllerrevisions"));
    r.add(
        ApiResource.namespaced("batch", "v1", "Job", "jobs")
            .withSubresources(STATUS)
            .withCategories(ALL));
    r.add(
        ns("batch", "v1", "CronJob", "cronjobs", "cj")
            .withSubresources(STATUS)
            .withCategories(ALL));
    r.add(
        ns("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "hpa")
            .withSubresources(STATUS)
            .withCategories(ALL));
    r.add(ns("networking.k8s.io", "v1", "Ingress", "ingresses", "ing").withSubresources(STATUS));
    r.add(ns("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", "netpol"));
    r.add(ApiResource.clusterScoped("networking.k8s.io", "v1", "IngressClass", "ingressclasses"));
    r.add(
        ns("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "pdb")
            .withSubresources(STATUS));
    String rbac = "rbac.authorization.k8s.io";
    r.add(ApiResource.namespaced(rbac, "v1", "Role", "roles"));
    r.add(ApiResource.namespaced(rbac, "v1", "RoleBinding", "rolebindings"));
    r.add(ApiResource.clusterScoped(rbac, "v1", "ClusterRole", "clusterroles"));
    r.add(ApiResource.clusterScoped(rbac, "v1", "ClusterRoleBinding", "clusterrolebindings"));
    r.add(cluster("storage.k8s.io", "v1", "StorageClass", "storageclasses", "sc"));
    r.add(cluster("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", "pc"));
    r.add(ApiResource.namespaced("coordination.k8s.io", "v1", "Lease", "leases"));
    r.add(ApiResource.namespaced("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices"));
    r.add(
        new ApiResource(
            "apiextensions.k8s.io",
            "v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            false,
            List.of("crd", "crds"),
            STATUS,
            List.of()));
    return List.copyOf(r);
  }

  private static ApiResource ns(String g, String v, String kind, String plural, String shortName) {
    return ApiResource.namespaced(g, v, kind, plural).withShortNames(List.of(shortName));
  }

  private static ApiResource cluster(
      String g, String v, String kind, String plural, String shortName) {
    return ApiResource.clusterScoped(g, v, kind, plural).withShortNames(List.of(shortName));
  }
}
