package newsdesk.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several {@link NodeProcess}es serving one site: the same public URL and the same shared flags
 * ({@code --store}, {@code --bus}), each on its own port.
 */
public final class NodeGroup implements AutoCloseable {
  private final List<NodeProcess> nodes;

  private NodeGroup(List<NodeProcess> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code count} nodes at once, each with its own data directory under {@code dir}
   * ({@code node-1}, …), and waits until each is healthy: they share data only through the store.
   *
   * @param sharedFlags flags every node gets; more than one node needs a shared {@code --store}
   */
  public static NodeGroup start(Path dir, int count, String publicUrl, List<String> sharedFlags) {
    if (count > 1 && !sharedFlags.contains("--store")) {
      throw new IllegalArgumentException(count + " nodes on the embedded store would each have their own data; pass --store");
    }
    var nodes = new ArrayList<NodeProcess>();
    try {
      for (int i = 1; i <= count; i++) nodes.add(NodeProcess.launch(dir.resolve("node-" + i), publicUrl, sharedFlags));
      for (NodeProcess node : nodes) node.awaitHealthy();
    } catch (RuntimeException | Error e) {
      nodes.forEach(NodeProcess::close);
      throw e;
    }
    return new NodeGroup(nodes);
  }

  public List<NodeProcess> nodes() {
    return nodes;
  }

  public NodeProcess node(int index) {
    return nodes.get(index);
  }

  /** {@code host:port} of each node, for a front's upstream. */
  public List<String> addresses() {
    return nodes.stream().map(NodeProcess::address).toList();
  }

  /** SSE streams open on all running nodes together. */
  public int openSseConnections() {
    return nodes.stream().filter(NodeProcess::isAlive).mapToInt(NodeProcess::openSseConnections).sum();
  }

  /** Stops every node that still runs: SIGTERM to all at once, then waits for each. */
  @Override
  public void close() {
    nodes.forEach(NodeProcess::terminate);
    nodes.forEach(NodeProcess::close);
  }
}
