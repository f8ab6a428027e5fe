package newsdesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class NetworkTransportTest {
  @Test
  void epollByDefault() {
    Vertx vertx = NetworkTransport.start(new VertxOptions().setEventLoopPoolSize(1));
    try {
      assertThat(NetworkTransport.describe(vertx)).isEqualTo("EpollTransport");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void ioUringOnRequestWhereTheKernelOffersItWithACompletionQueueForAWholeFanout() {
    System.setProperty(NetworkTransport.OPT_IN, "true");
    Vertx vertx = NetworkTransport.start(new VertxOptions().setEventLoopPoolSize(1));
    try {
      if (Transport.IO_URING.available()) {
        assertThat(NetworkTransport.describe(vertx)).isEqualTo("IoUringTransport");
        assertThat(System.getProperty("io.netty.iouring.cqSize")).isEqualTo("32768");
      } else {
        assertThat(NetworkTransport.describe(vertx)).isEqualTo("EpollTransport");
      }
    } finally {
      System.clearProperty(NetworkTransport.OPT_IN);
      vertx.close().await();
    }
  }
}
