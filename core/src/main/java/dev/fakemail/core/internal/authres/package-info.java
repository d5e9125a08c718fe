/**
 * Sender authentication: SPF, DKIM and DMARC verdicts against the simulated DNS, and DKIM signing
 * of relayed mail. Not API: fakemail's own machinery, which may change in any release without
 * notice; nothing here is covered by the recorded public API.
 */
package dev.fakemail.core.internal.authres;
