package newsdesk.bus;

import newsdesk.store.Store;

/** The in-process bus of one node against the EventBus contract. */
class LocalEventBusTest extends EventBusContract {
  @Override
  protected EventBus newBus(Store store) {
    return new LocalEventBus(store);
  }

  @Override
  protected boolean clustered() {
    return false;
  }
}
