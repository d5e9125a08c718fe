package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.inspector.internal.Route;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The OpenAPI document describes exactly the routes the server serves, and nothing else. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenApiIT {

  @Test
  void openApiDocumentDescribesEveryRouteAndNoOther() {
    try (FakeMailServer mail = FakeMailServer.start(); FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      HttpResponse<byte[]> res = new Api(http.baseUri()).get("openapi.json");
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(Api.contentType(res)).startsWith("application/json");
      JsonNode doc = Api.json(res);
      assertThat(doc.get("openapi").asText()).startsWith("3.");

      Set<Route> documented = new HashSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
        Map.Entry<String, JsonNode> path = paths.next();
        path.getValue().fieldNames().forEachRemaining(method ->
            documented.add(new Route(method.toUpperCase(Locale.ROOT), path.getKey())));
        path.getValue().forEach(op -> assertThat(op.get("responses")).as(path.getKey()).isNotNull());
      }
      Set<Route> served = Set.copyOf(http.routes());

      assertThat(documented).as("documented but not served").isSubsetOf(served);
      assertThat(served).as("served but not documented").isSubsetOf(documented);
      Set<String> apiRoutesWithoutSecurity = served.stream()
          .filter(r -> r.path().startsWith("/api/"))
          .filter(r -> !doc.get("paths").get(r.path()).get(r.method().toLowerCase(Locale.ROOT)).has("security"))
          .map(Route::toString).collect(Collectors.toSet());
      assertThat(apiRoutesWithoutSecurity).as("/api routes must declare the bearer token").isEmpty();
    }
  }
}
