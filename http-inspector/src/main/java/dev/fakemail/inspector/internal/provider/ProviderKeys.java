package dev.fakemail.inspector.internal.provider;

import java.util.Map;
import java.util.Set;

/**
 * The API keys a provider accepts. Open mode (no key set for a provider) accepts any key; strict
 * mode ({@code --provider-key sendgrid:KEY}) accepts only the keys given for it, and the provider
 * answers any other as it would.
 */
public record ProviderKeys(Map<String, Set<String>> keys) {
  public static final ProviderKeys OPEN = new ProviderKeys(Map.of());

  public ProviderKeys {
    keys = Map.copyOf(keys);
  }

  /** Whether {@code key} is accepted by {@code provider} (always, in open mode). */
  public boolean accepts(String provider, String key) {
    Set<String> allowed = keys.get(provider);
    return allowed == null || allowed.isEmpty() || key != null && allowed.contains(key);
  }

  public boolean strict(String provider) {
    Set<String> allowed = keys.get(provider);
    return allowed != null && !allowed.isEmpty();
  }
}
