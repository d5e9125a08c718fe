package dev.fakemail.junit5.examples;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Stands in for the application under test: signing up sends a welcome mail over SMTP. */
public class SignupService {
  public void signUp(String email, String smtpHost, int smtpPort) throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", smtpHost);
    props.put("mail.smtp.port", String.valueOf(smtpPort));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("noreply@app.test"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(email));
    message.setSubject("Welcome");
    message.setText("Confirm your address: https://app.test/confirm?token=abc123");
    Transport.send(message);
  }
}
