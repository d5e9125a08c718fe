package dev.fakemail.spring.internal;

import dev.fakemail.spring.EnableFakeMail;
import dev.fakemail.core.FakeMailFault;
import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: a test class with {@link EnableFakeMail} (on it,
 * a superclass, an enclosing class of a {@code @Nested} class, or a meta-annotation) gets a
 * {@link FakeMailContextCustomizer}, which is part of the context cache key.
 */
public final class FakeMailContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    Settings settings = settings(testClass);
    return settings == null ? null : new FakeMailContextCustomizer(settings);
  }

  static Settings settings(Class<?> testClass) {
    TestContextAnnotationUtils.AnnotationDescriptor<EnableFakeMail> descriptor =
        TestContextAnnotationUtils.findAnnotationDescriptor(testClass, EnableFakeMail.class);
    if (descriptor == null) {
      return null;
    }
    EnableFakeMail mail = descriptor.getAnnotation();
    Class<?> declaring = descriptor.getRootDeclaringClass();
    List<FakeMailFault> faults = List.copyOf(AnnotatedElementUtils.findMergedRepeatableAnnotations(declaring, FakeMailFault.class));
    return new Settings(mail, faults, declaring);
  }
}
