package dev.fakemail.spring.internal;

import dev.fakemail.core.FakeMailServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A {@code FakeMailServer} parameter of a JUnit Jupiter test method under {@code @EnableFakeMail}
 * gets the context's server without {@code @Autowired}, as {@code @FakeMail} tests get theirs.
 * Parameters that carry {@code @Autowired}, {@code @Qualifier} or {@code @Value} are left to
 * Spring's own {@link SpringExtension}, so the two never compete for one parameter.
 */
public final class ServerParameterResolver implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeMailServer.class
        && !parameter.isAnnotated(Autowired.class)
        && !parameter.isAnnotated(Qualifier.class)
        && !parameter.isAnnotated(Value.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SpringExtension.getApplicationContext(context).getBean(FakeMailServer.class);
  }
}
