package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.inspector.client.FakeMailClient;
import dev.fakemail.inspector.client.FakeMailClientException;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With a token set, every /api route needs it; /health and the page do not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenIT {
  private static final String TOKEN = "s3cret-token";
  private static FakeMailServer mail;
  private static FakeMailHttpServer http;
  private static Api api;

  @BeforeAll
  static void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.builder(mail).apiToken(TOKEN).start();
    api = new Api(http.baseUri());
  }

  @AfterAll
  static void stop() {
    http.close();
    mail.close();
  }

  @Test
  void everyApiRouteWithoutTheTokenIs401() {
    for (var route : http.routes()) {
      if (!route.path().startsWith("/api/")) {
        continue;
      }
      String path = route.path().substring(1).replaceAll("\\{[^}]+}", "1");
      HttpResponse<byte[]> res = api.send(api.request(path)
          .method(route.method(), java.net.http.HttpRequest.BodyPublishers.noBody()).build());
      assertThat(res.statusCode()).as(route.toString()).isEqualTo(401);
      assertThat(Api.json(res).get("status").asInt()).isEqualTo(401);
      assertThat(res.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
  }

  @Test
  void wrongTokenIs401() {
    HttpResponse<byte[]> res = api.send(api.request("api/v1/messages").header("Authorization", "Bearer wrong").GET().build());
    assertThat(res.statusCode()).isEqualTo(401);
  }

  @Test
  void bearerHeaderOrAccessTokenParameterLetsTheRequestThrough() {
    HttpResponse<byte[]> res = api.send(api.request("api/v1/messages").header("Authorization", "Bearer " + TOKEN).GET().build());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(api.get("api/v1/messages?access_token=" + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void healthAndWebPageNeedNoToken() {
    assertThat(api.get("health").statusCode()).isEqualTo(200);
    assertThat(api.get("").statusCode()).isEqualTo(200);
    assertThat(api.get("openapi.json").statusCode()).isEqualTo(200);
  }

  @Test
  void clientWithTheTokenWorksAndWithoutItSaysWhy() {
    assertThat(FakeMailClient.connect(http.baseUri(), TOKEN).messages()).isEmpty();
    assertThatThrownBy(() -> FakeMailClient.connect(http.baseUri()).messages())
        .isInstanceOf(FakeMailClientException.class)
        .hasMessageContaining("401")
        .hasMessageContaining("token")
        .satisfies(e -> assertThat(((FakeMailClientException) e).status()).isEqualTo(401));
  }
}
