package newsdesk.callbacks;

import java.util.Optional;
import newsdesk.store.CallbackDelivery;

/**
 * Turns a claimed delivery of one kind into its request, at the moment it is sent. Empty when
 * there is nothing left to send (a topic that no longer exists); the delivery then fails.
 * Called on a virtual thread; may block on the store.
 */
@FunctionalInterface
public interface CallbackRenderer {
  Optional<CallbackRequest> render(CallbackDelivery delivery);
}
