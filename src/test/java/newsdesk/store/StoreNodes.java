package newsdesk.store;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The base of the store contracts: each test starts on an empty database, and {@link #open()}
 * opens another store on it, as another node would; all are closed after the test.
 */
public abstract class StoreNodes<S extends AutoCloseable> {
  private final List<S> nodes = new ArrayList<>();

  /** A new store on this test's database. */
  protected abstract S newNode();

  protected final S open() {
    S s = newNode();
    nodes.add(s);
    return s;
  }

  @AfterEach
  final void closeNodes() throws Exception {
    for (S s : nodes) s.close();
  }
}
