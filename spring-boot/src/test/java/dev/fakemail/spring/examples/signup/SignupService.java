package dev.fakemail.spring.examples.signup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/** Sends the welcome mail: HTML with a confirmation link, and the terms as a PDF attachment. */
@Service
public class SignupService {
  /** A PDF's opening, binary comment line included, so that the attachment goes base64-encoded. */
  static final byte[] TERMS = {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', '%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n', 0, 1, 2};

  private final JavaMailSender mailSender;
  private final String baseUrl;

  public SignupService(JavaMailSender mailSender, @Value("${app.base-url:https://app.test}") String baseUrl) {
    this.mailSender = mailSender;
    this.baseUrl = baseUrl;
  }

  /** Registers the address and returns the confirmation token mailed to it. */
  public String signUp(String address) throws MessagingException {
    String token = Integer.toHexString(address.hashCode());
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom("noreply@app.test");
    helper.setTo(address);
    helper.setSubject("Welcome, please confirm your address");
    helper.setText("Confirm: " + baseUrl + "/confirm/" + token,
        "<p>Welcome!</p><p><a href=\"" + baseUrl + "/confirm/" + token + "\">Confirm your address</a></p>");
    helper.addAttachment("terms.pdf", new ByteArrayResource(TERMS), "application/pdf");
    mailSender.send(message);
    return token;
  }
}
