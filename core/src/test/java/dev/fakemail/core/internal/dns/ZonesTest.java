package dev.fakemail.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.DnsRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ZonesTest {
  private final Zones zones = new Zones(List.of(DnsRecord.parse("far.test MX 10 mx.far.test"),
      DnsRecord.parse("mx.far.test A 127.0.0.1"), DnsRecord.parse("www.far.test CNAME mx.far.test")));

  private Message ask(String name, int type) throws Exception {
    return zones.answer(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  @Test
  void knownNameAndTypeIsAnsweredAuthoritatively() throws Exception {
    Message m = ask("far.test.", Type.MX);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    MXRecord mx = (MXRecord) m.getSection(Section.ANSWER).get(0);
    assertThat(mx.getTarget()).hasToString("mx.far.test.");
    assertThat(mx.getPriority()).isEqualTo(10);
  }

  @Test
  void unknownNameIsNxdomain() throws Exception {
    assertThat(ask("nowhere.test.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void knownNameWithoutTheTypeIsNodata() throws Exception {
    Message m = ask("far.test.", Type.TXT);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void namesMatchInAnyCase() throws Exception {
    assertThat(ask("FAR.Test.", Type.MX).getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void cnameIsFollowedInTheAnswer() throws Exception {
    List<Record> answer = ask("www.far.test.", Type.A).getSection(Section.ANSWER);
    assertThat(answer).extracting(Record::getType).containsExactly(Type.CNAME, Type.A);
    assertThat(zones.lookup("www.far.test", Type.A)).hasSize(1);
  }

  @Test
  void cnameCannotShareItsName() {
    assertThatThrownBy(() -> zones.add(DnsRecord.parse("www.far.test A 127.0.0.2"))).hasMessageContaining("CNAME");
  }

  @Test
  void removeTakesANameATypeOrOneRecord() {
    zones.add(DnsRecord.parse("far.test MX 20 backup.far.test"));
    zones.add(DnsRecord.parse("far.test TXT v=spf1 -all"));
    assertThat(zones.remove("far.test", "MX", "20 backup.far.test")).isEqualTo(1);
    assertThat(zones.remove("far.test", "MX", null)).isEqualTo(1);
    assertThat(zones.remove("far.test", null, null)).isEqualTo(1);
    assertThat(zones.exists("far.test")).isFalse();
  }

  @Test
  void resetGoesBackToTheStartupRecords() {
    List<DnsRecord> before = zones.records();
    zones.add(DnsRecord.parse("new.test A 127.0.0.9"));
    zones.remove("far.test", null, null);
    zones.reset();
    assertThat(zones.records()).containsExactlyElementsOf(before);
  }

  @Test
  void longTxtIsSplitIntoStringsAndReadBackWhole() throws Exception {
    String key = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
    zones.add(DnsRecord.of("sel._domainkey.far.test", "TXT", key));
    TXTRecord txt = (TXTRecord) ask("sel._domainkey.far.test.", Type.TXT).getSection(Section.ANSWER).get(0);
    assertThat(txt.getStrings()).hasSize(2);
    assertThat(zones.records()).contains(DnsRecord.of("sel._domainkey.far.test", "TXT", key));
  }

  @Test
  void dnsjavaLookupWorksInProcess() throws Exception {
    Lookup lookup = new Lookup("far.test.", Type.MX);
    lookup.setResolver(new ZoneResolver(zones));
    lookup.setCache(null);
    Record[] r = lookup.run();
    assertThat(lookup.getResult()).isEqualTo(Lookup.SUCCESSFUL);
    assertThat(((MXRecord) r[0]).getTarget()).hasToString("mx.far.test.");

    Lookup missing = new Lookup("nowhere.test.", Type.MX);
    missing.setResolver(new ZoneResolver(zones));
    missing.setCache(null);
    missing.run();
    assertThat(missing.getResult()).isEqualTo(Lookup.HOST_NOT_FOUND);
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> zones.add(DnsRecord.parse("x.test A not-an-ip"))).hasMessageContaining("IPv4");
    assertThatThrownBy(() -> zones.add(DnsRecord.parse("x.test MX mx.x.test"))).hasMessageContaining("preference host");
  }
}
