package newsdesk.hub;

/**
 * A sink for tests and benchmarks of the hub alone: open and always writable, keep-alives and gap
 * notices go nowhere. Each subclass says what a send does.
 */
abstract class IdleSink implements Sink {
  @Override
  public void sendGap() {}

  @Override
  public void heartbeat() {}

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public void whenWritable(Runnable task) {
    task.run();
  }

  @Override
  public void close() {}
}
