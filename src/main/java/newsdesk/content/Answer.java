package newsdesk.content;

/** What the API answers to a create: its status, its {@code Location} (or null) and its JSON body. */
public record Answer(int status, String location, String body) {}
