package dev.deploysafe.testkit.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP calls against the embedded server, for checks below the fabric8 client. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Http() {}

  /** Sends a GET with this Accept header (empty for none). */
  public static HttpResponse<String> get(String url, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (!accept.isEmpty()) {
      b.header("Accept", accept);
    }
    return CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a request with a body of the given content type. */
  public static HttpResponse<String> send(
      String method, String url, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
  }
}
