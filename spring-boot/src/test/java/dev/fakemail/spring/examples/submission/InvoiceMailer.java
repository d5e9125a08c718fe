package dev.fakemail.spring.examples.submission;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/** Mails invoices from the application's own account. */
@Service
public class InvoiceMailer {
  private final JavaMailSender mailSender;

  public InvoiceMailer(JavaMailSender mailSender) {
    this.mailSender = mailSender;
  }

  public void send(String customer, String number) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("billing@app.test");
    message.setTo(customer);
    message.setSubject("Invoice " + number);
    message.setText("Please find invoice " + number + " in your account.");
    mailSender.send(message);
  }
}
