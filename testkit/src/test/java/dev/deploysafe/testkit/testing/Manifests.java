package dev.deploysafe.testkit.testing;

/** Small manifest builders for simulation tests. */
public final class Manifests {
  private Manifests() {}

  /** A Deployment with one container {@code app}, a readiness probe and extra spec lines. */
  public static String deployment(String name, String image, int replicas, String extraSpec) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: default
        spec:
          replicas: %d
        %s
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
              - name: app
                image: %s
                readinessProbe:
                  httpGet: {path: /ready, port: 8080}
                  periodSeconds: 5
        """
        .formatted(name, replicas, extraSpec.indent(2).stripTrailing(), name, name, image);
  }

  /** A StatefulSet with one container {@code app} and a readiness probe. */
  public static String statefulSet(String name, String image, int replicas, String extraSpec) {
    return """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: %s
          namespace: default
        spec:
          replicas: %d
          serviceName: %s
        %s
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
              - name: app
                image: %s
                readinessProbe:
                  httpGet: {path: /ready, port: 8080}
                  periodSeconds: 5
        """
        .formatted(name, replicas, name, extraSpec.indent(2).stripTrailing(), name, name, image);
  }

  /** A bare pod whose single container {@code app} is described by {@code containerExtra}. */
  public static String pod(String name, String image, String containerExtra, String specExtra) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: default
        spec:
        %s
          containers:
          - name: app
            image: %s
        %s
        """
        .formatted(
            name,
            specExtra.indent(2).stripTrailing(),
            image,
            containerExtra.indent(4).stripTrailing());
  }
}
