package dev.fakemail.spring.internal;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the server while the application context is prepared, before it is refreshed: its
 * properties go first among the environment's property sources, the server becomes the bean
 * {@code fakeMailServer}, and it stops when the context is closed (or fails to start). Equal for equal
 * settings, so Spring's context cache shares a context, and its server, between such test classes.
 */
final class FakeMailContextCustomizer implements ContextCustomizer {
  static final String SERVER_BEAN = "fakeMailServer";
  static final String RUNNING_BEAN = "dev.fakemail.spring.internal.RunningFakeMail";

  private final Settings settings;

  FakeMailContextCustomizer(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    RunningFakeMail running = RunningFakeMail.start(settings);
    try {
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fakemail", running.properties()));
      ConfigurableListableBeanFactory beans = context.getBeanFactory();
      beans.registerSingleton(SERVER_BEAN, running.server());
      beans.registerSingleton(RUNNING_BEAN, running);
      if (beans instanceof DefaultSingletonBeanRegistry registry) {
        registry.registerDisposableBean(RUNNING_BEAN + ".stop", running::close);
      } else {
        context.registerShutdownHook();
        context.addApplicationListener(event -> {
          if (event instanceof org.springframework.context.event.ContextClosedEvent closed && closed.getApplicationContext() == context) {
            running.close();
          }
        });
      }
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FakeMailContextCustomizer c && c.settings.equals(settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  @Override
  public String toString() {
    return "FakeMailContextCustomizer[" + settings + "]";
  }
}
