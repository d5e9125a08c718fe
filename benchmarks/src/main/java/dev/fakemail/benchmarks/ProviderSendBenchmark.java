package dev.fakemail.benchmarks;

import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.inspector.FakeMailHttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sends per second of the same one-recipient, 1 KB text message: through SendGrid's official SDK
 * against fakemail's {@code /v3/mail/send} (JSON parsed, MIME built with Angus Mail, stored), and
 * over SMTP with Angus Mail on one open connection (parsed on the wire, stored as received). One
 * client thread each; the store is emptied before every iteration.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ProviderSendBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ProviderSendBenchmark {
  static final String TEXT = "x".repeat(1000);

  FakeMailServer mail;
  FakeMailHttpServer http;
  SendGrid sendGrid;
  Request request;
  Transport smtp;
  MimeMessage smtpMessage;

  @Setup(Level.Trial)
  public void start() throws Exception {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.start(mail);
    sendGrid = new SendGrid("SG.bench.secret", true);
    sendGrid.setHost(http.host() + ":" + http.port());
    sendGrid.setRateLimitRetry(0);
    Mail m = new Mail(new Email("app@example.test"), "benchmark", new Email("user@example.test"), new Content("text/plain", TEXT));
    request = new Request();
    request.setMethod(Method.POST);
    request.setEndpoint("mail/send");
    request.setBody(m.build());

    Properties p = new Properties();
    p.put("mail.smtp.host", mail.host());
    p.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
    Session session = Session.getInstance(p);
    smtp = session.getTransport("smtp");
    smtp.connect();
    smtpMessage = new MimeMessage(session);
    smtpMessage.setFrom(new InternetAddress("app@example.test"));
    smtpMessage.setRecipient(Message.RecipientType.TO, new InternetAddress("user@example.test"));
    smtpMessage.setSubject("benchmark");
    smtpMessage.setText(TEXT, "UTF-8");
    smtpMessage.saveChanges();
  }

  @Setup(Level.Iteration)
  public void empty() {
    mail.purge();
  }

  @TearDown(Level.Trial)
  public void stop() throws MessagingException {
    smtp.close();
    http.close();
    mail.close();
  }

  @Benchmark
  public int sendGridSdk() throws IOException {
    Response r = sendGrid.api(request);
    if (r.getStatusCode() != 202) {
      throw new IllegalStateException("SendGrid answer " + r.getStatusCode() + ": " + r.getBody());
    }
    return r.getStatusCode();
  }

  @Benchmark
  public void smtp() throws MessagingException {
    smtp.sendMessage(smtpMessage, smtpMessage.getAllRecipients());
  }
}
