package newsdesk.store;

import java.time.Instant;

/** One newsroom event as a webhook delivers it: its JSON body, and when the event was appended to the log. */
public record WebhookBody(String json, Instant eventAt) {}
