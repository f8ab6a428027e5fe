package newsdesk.transport.sse;

import java.time.Duration;

/**
 * @param heartbeat how often an idle stream gets a comment line
 * @param maxBufferBytes outbound bytes a connection may hold before a slow reader is cut off
 * @param maxTopics topics one connection may follow
 * @param reconnectMillis the {@code retry:} sent at shutdown, so clients come back soon
 */
public record SseOptions(Duration heartbeat, int maxBufferBytes, int maxTopics, long reconnectMillis) {}
