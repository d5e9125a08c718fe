package dev.fakemail.inspector;

import dev.fakemail.core.internal.server.ServerInternals;
import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/users}: declaring users turns strict mode on; passwords never come back out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UsersApiIT extends InspectorFixture {
  private static final String SECRET = "pa55-w0rd-never-shown";

  private HttpResponse<byte[]> addBob() {
    return api.postJson("api/v1/users", "{\"address\":\"bob@example.test\",\"password\":\"" + SECRET + "\"}");
  }

  @Test
  void postedUserIs201WithoutThePassword() {
    HttpResponse<byte[]> res = addBob();

    assertThat(res.statusCode()).isEqualTo(201);
    JsonNode user = Api.json(res);
    assertThat(user.get("address").asText()).isEqualTo("bob@example.test");
    assertThat(user.get("login").asText()).isEqualTo("bob@example.test");
    assertThat(user.has("password")).isFalse();
    assertThat(Api.text(res)).doesNotContain(SECRET);
    assertThat(ServerInternals.of(mail).accounts().authenticate("bob@example.test", SECRET)).hasValue("bob@example.test");
  }

  @Test
  void listShowsAddressAndLoginAndNeverAPassword() {
    addBob();
    api.postJson("api/v1/users", "{\"address\":\"carol@example.test\",\"password\":\"" + SECRET + "2\",\"login\":\"carol\"}");

    HttpResponse<byte[]> res = api.get("api/v1/users");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.text(res)).doesNotContain(SECRET).doesNotContainIgnoringCase("password");
    JsonNode users = Api.json(res);
    assertThat(users).hasSize(2);
    assertThat(users.get(1).get("address").asText()).isEqualTo("carol@example.test");
    assertThat(users.get(1).get("login").asText()).isEqualTo("carol");
    users.forEach(u -> assertThat(u.size()).isEqualTo(2));
  }

  @Test
  void declaringAUserTurnsStrictModeOnForRecipients() throws Exception {
    smtp.text("app@corp.test", "anyone@example.test", "open mode", "x");
    assertThat(addBob().statusCode()).isEqualTo(201);

    MessagingException e = null;
    try {
      smtp.text("app@corp.test", "stranger@example.test", "strict mode", "x");
    } catch (MessagingException x) {
      e = x;
    }
    assertThat(e).as("unknown recipient refused").isNotNull();
    assertThat(FaultsApiIT.chain(e)).anyMatch(t -> t instanceof SMTPAddressFailedException a
        && a.getReturnCode() == 550 && a.getMessage().contains("5.1.1"));

    smtp.text("app@corp.test", "bob@example.test", "for bob", "x");
    assertThat(mail.awaitMessage(to("bob@example.test")).subject()).isEqualTo("for bob");
  }

  @Test
  void declaredUserAuthenticatesWithThePassword() throws Exception {
    addBob();
    smtp.authenticated("bob@example.test", SECRET, "bob@example.test", "authenticated");
    assertThat(mail.awaitMessage(to("bob@example.test")).session().authUser()).isEqualTo("bob@example.test");
    assertThat(Api.text(api.get("api/v1/sessions"))).doesNotContain(SECRET);
  }

  @Test
  void postingTheSameAddressAgainReplacesTheUserWith200() {
    addBob();
    HttpResponse<byte[]> res = api.postJson("api/v1/users",
        "{\"address\":\"BOB@example.test\",\"password\":\"new\",\"login\":\"bobby\"}");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.json(api.get("api/v1/users"))).hasSize(1);
    assertThat(ServerInternals.of(mail).accounts().authenticate("bobby", "new")).isPresent();
    assertThat(ServerInternals.of(mail).accounts().authenticate("bob@example.test", SECRET)).isEmpty();
  }

  @Test
  void deleteRemovesTheUserAndTheLastOneGoneOpensTheServerAgain() throws Exception {
    addBob();
    assertThat(api.delete("api/v1/users/bob%40example.test").statusCode()).isEqualTo(204);
    assertThat(Api.json(api.get("api/v1/users"))).isEmpty();

    smtp.text("app@corp.test", "stranger@example.test", "open again", "x");
    assertThat(mail.awaitMessage(to("stranger@example.test"))).isNotNull();
  }

  @Test
  void deleteOfAnUnknownUserIs404() {
    addBob();
    HttpResponse<byte[]> res = api.delete("api/v1/users/carol@example.test");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(Api.json(res).get("error").asText()).contains("carol@example.test");
    assertThat(api.get("api/v1/users/bob@example.test").statusCode()).isEqualTo(405);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"address\":\"not-an-address\",\"password\":\"x\"}", "{\"address\":\"bob@example.test\"}",
      "{\"password\":\"x\"}", "{\"address\":\"bob@example.test\",\"password\":\"x\",\"admin\":true}",
      "{\"address\":[],\"password\":\"x\"}", "{}", "[]"})
  void invalidUserIs400AndChangesNothing(String body) {
    HttpResponse<byte[]> res = api.postJson("api/v1/users", body);
    assertThat(res.statusCode()).as(Api.text(res)).isEqualTo(400);
    assertThat(Api.json(res).get("error").asText()).isNotBlank();
    assertThat(ServerInternals.of(mail).accounts().users()).isEmpty();
  }

  @Test
  void badRequestNeverEchoesThePassword() {
    HttpResponse<byte[]> res = api.postJson("api/v1/users", "{\"address\":\"nope\",\"password\":\"" + SECRET + "\"}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(Api.text(res)).doesNotContain(SECRET);
  }
}
