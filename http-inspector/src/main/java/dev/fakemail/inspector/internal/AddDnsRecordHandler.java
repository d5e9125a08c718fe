package dev.fakemail.inspector.internal;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.inspector.internal.json.DnsRecordJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /api/v1/dns/records}: adds a record, given as {@code {"name","type","value","ttl"}}
 * or as {@code {"record": "far.test MX 10 mx.far.test"}}; 201 with the record as stored (name in
 * lower case, without the final dot). Adding a record that is already there changes nothing. A
 * record the zones cannot hold (bad address, MX without preference, CNAME beside other data) is
 * a 400 saying why.
 */
public final class AddDnsRecordHandler implements HttpHandler {
  private final Inspected in;
  private final JsonBody body;

  public AddDnsRecordHandler(Inspected in, JsonBody body) {
    this.in = in;
    this.body = body;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    DnsRecordJson req = body.read(exchange, DnsRecordJson.class);
    DnsRecord record;
    try {
      record = req.toDnsRecord();
      in.server().dns().add(record);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    in.responses().json(exchange, 201, DnsRecordJson.of(record));
  }
}
