package dev.fakemail.spring.examples.retry;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/** Sends a notification, trying again (up to three attempts) when the server answers 4xx. */
@Service
public class Notifier {
  static final int ATTEMPTS = 3;

  private final JavaMailSender mailSender;

  public Notifier(JavaMailSender mailSender) {
    this.mailSender = mailSender;
  }

  /** Returns how many attempts it took. */
  public int notify(String address, String text) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("alerts@app.test");
    message.setTo(address);
    message.setSubject("Notification");
    message.setText(text);
    for (int attempt = 1; ; attempt++) {
      try {
        mailSender.send(message);
        return attempt;
      } catch (MailSendException e) {
        if (attempt == ATTEMPTS || !transient4xx(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean transient4xx(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SMTPAddressFailedException f && f.getReturnCode() / 100 == 4) {
        return true;
      }
      if (t instanceof jakarta.mail.SendFailedException s && s.getNextException() != null && transient4xx(s.getNextException())) {
        return true;
      }
    }
    if (e instanceof MailSendException m) {
      for (Exception failed : m.getFailedMessages().values()) {
        if (failed != e && transient4xx(failed)) {
          return true;
        }
      }
    }
    return false;
  }
}
