package dev.fakemail.inspector.internal.json;

import java.util.List;

/** The answer of {@code GET /api/v1/deliveries}: how many attempts matched, oldest first. */
public record DeliveryListJson(int total, List<DeliveryJson> deliveries) {
  public DeliveryListJson {
    deliveries = List.copyOf(deliveries);
  }
}
