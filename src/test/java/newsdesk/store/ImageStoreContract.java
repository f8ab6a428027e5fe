package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The {@link ImageStore} contract, run against every implementation (a subclass each): the file
 * store of one node and PostgreSQL's of a cluster. Each test starts on an empty store;
 * {@link #open()} opens another on the same place, as another node (or a restart) would.
 */
public abstract class ImageStoreContract {

  protected abstract ImageStore open();

  static String hex(char c) {
    return String.valueOf(c).repeat(64);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Image image(String id, String alt, String... files) {
    var renditions = new ArrayList<Image.Rendition>();
    int w = 320;
    for (String f : files) {
      renditions.add(new Image.Rendition(w, w / 2, f));
      w *= 2;
    }
    return new Image(id, alt, w / 2, w / 4, renditions);
  }

  @Test
  void anImageIsReadBackWithEachOfItsFilesFromAnotherNode() {
    ImageStore store = open();
    String small = hex('a') + ".jpg";
    String large = hex('b') + ".png";
    Image img = image("0123456789abcdef0123456789abcdef", "A ferry at the pier, «Ilse» on its bow", small, large);
    store.put(img, Map.of(small, bytes("small jpeg"), large, bytes("large png")));

    ImageStore other = open();
    assertThat(other.image(img.id())).contains(img);
    assertThat(other.file(small)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("small jpeg")));
    assertThat(other.file(large)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("large png")));
    assertThat(other.image("fedcba9876543210fedcba9876543210")).isEmpty();
    assertThat(other.file(hex('c') + ".jpg")).isEmpty();
  }

  @Test
  void puttingAnImageAgainChangesNothing() {
    ImageStore store = open();
    String f = hex('d') + ".jpg";
    Image img = image("11111111111111111111111111111111", "A kite", f);
    store.put(img, Map.of(f, bytes("kite")));
    store.put(img, Map.of(f, bytes("kite")));
    open().put(img, Map.of(f, bytes("kite")));
    assertThat(store.image(img.id())).contains(img);
    assertThat(store.file(f)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("kite")));
  }

  @Test
  void twoImagesMayShareARenditionFile() {
    ImageStore store = open();
    String shared = hex('e') + ".jpg";
    Image first = image("22222222222222222222222222222222", "The same picture", shared);
    Image second = image("33333333333333333333333333333333", "The same picture, described again", shared);
    store.put(first, Map.of(shared, bytes("pixels")));
    open().put(second, Map.of(shared, bytes("pixels")));
    assertThat(store.image(first.id())).contains(first);
    assertThat(store.image(second.id())).contains(second);
    assertThat(store.file(shared)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("pixels")));
  }

  @Test
  void severalNodesPuttingOneImageAtOnceAllSucceed() throws Exception {
    String f = hex('f') + ".jpg";
    Image img = image("44444444444444444444444444444444", "A crowd at the gate", f);
    List<ImageStore> nodes = List.of(open(), open(), open(), open());
    var pool = Executors.newFixedThreadPool(nodes.size());
    try {
      var start = new CountDownLatch(1);
      var puts = new ArrayList<Future<?>>();
      for (ImageStore node : nodes) {
        puts.add(pool.submit(() -> {
          start.await();
          node.put(img, Map.of(f, bytes("crowd")));
          return null;
        }));
      }
      start.countDown();
      for (var p : puts) p.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(open().image(img.id())).contains(img);
    assertThat(open().file(f)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("crowd")));
  }

  @Test
  void namesThatAreNotHashesFindNothing() {
    ImageStore store = open();
    String f = hex('c') + ".jpg";
    store.put(image("55555555555555555555555555555555", "A bridge", f), Map.of(f, bytes("bridge")));
    for (String id : List.of("", "../../etc/passwd", "55555555555555555555555555555555/..",
        "55555555555555555555555555555555".toUpperCase().replace('5', 'A'), "5555")) {
      assertThat(store.image(id)).as("image %s", id).isEmpty();
    }
    assertThat(store.file(f)).isPresent();
    for (String name : List.of("", "../" + f, hex('c') + ".gif", hex('c').toUpperCase() + ".jpg", hex('c'),
        "x/" + f, f + "/")) {
      assertThat(store.file(name)).as("file %s", name).isEmpty();
    }
  }
}
