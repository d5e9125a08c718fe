package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.Authentication;
import java.util.List;
import java.util.Map;

/** Sender authentication of a message: each method's result ({@code pass fail softfail neutral none temperror permerror}), the identifiers checked and why. */
public record AuthenticationJson(String spfResult, String dkimResult, String dmarcResult, CheckJson spf,
                                 List<CheckJson> dkim, CheckJson dmarc, String header) {

  /** One method's verdict. */
  public record CheckJson(String method, String result, String reason, Map<String, String> properties) {
    static CheckJson of(Authentication.Check c) {
      return new CheckJson(c.method(), c.result().keyword(), c.reason(), c.properties());
    }

    Authentication.Check toCheck() {
      return new Authentication.Check(method, Authentication.Result.of(result), reason,
          properties == null ? Map.of() : properties);
    }
  }

  public static AuthenticationJson of(Authentication a, String authservId) {
    return new AuthenticationJson(a.spf().result().keyword(), a.dkimResult().keyword(), a.dmarc().result().keyword(),
        CheckJson.of(a.spf()), a.dkim().stream().map(CheckJson::of).toList(), CheckJson.of(a.dmarc()),
        a.headerValue(authservId).replace("\r\n\t", " "));
  }

  public Authentication toAuthentication() {
    return new Authentication(spf.toCheck(), dkim == null ? List.of() : dkim.stream().map(CheckJson::toCheck).toList(),
        dmarc.toCheck());
  }
}
