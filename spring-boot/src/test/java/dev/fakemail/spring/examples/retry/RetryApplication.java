package dev.fakemail.spring.examples.retry;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose notifier retries a send that failed with a transient (4xx) SMTP reply. */
@SpringBootApplication
public class RetryApplication {
}
