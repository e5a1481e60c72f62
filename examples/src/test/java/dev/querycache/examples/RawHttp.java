package dev.querycache.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Plain HTTP calls to the demo server, answering the status and the JSON tree: for checking wire shapes. */
final class RawHttp {
  /** An answer: the status and the parsed body. */
  record Answer(int status, JsonNode json) {
    String message() {
      return json.get("message").asString();
    }
  }

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  RawHttp(URI base) {
    this.base = base;
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  Answer post(String path, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()));
  }
}
