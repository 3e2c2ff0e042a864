package dev.deploysafe.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that resolves {@link EmbeddedApiServer}, {@link KubernetesClient} and {@link
 * Faults} parameters. A server requested from a {@code @BeforeAll} method or constructor lives for
 * the whole class; otherwise each test method gets a fresh server, closed after the test.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedApiServerExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(EmbeddedApiServerExtension.class);
  private static final String KEY = "server";

  /** Creates the extension; JUnit does this through {@link EnableTestCluster}. */
  public EmbeddedApiServerExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
    Class<?> type = p.getParameter().getType();
    return type == EmbeddedApiServer.class
        || type == KubernetesClient.class
        || type == Faults.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext context) {
    EmbeddedApiServer server = serverFor(context);
    Class<?> type = p.getParameter().getType();
    if (type == KubernetesClient.class) {
      return server.client();
    }
    if (type == Faults.class) {
      return server.faults();
    }
    return server;
  }

  private static EmbeddedApiServer serverFor(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      EmbeddedApiServer s = c.get().getStore(NS).get(KEY, EmbeddedApiServer.class);
      if (s != null) {
        return s;
      }
    }
    EmbeddedApiServer s = EmbeddedApiServer.start();
    context.getStore(NS).put(KEY, s);
    return s;
  }
}
