package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ImageStore contract on files under a data directory; each node is another store on the same directory. */
class FileImageStoreTest extends ImageStoreContract {
  @TempDir Path dir;

  @Override
  protected ImageStore open() {
    return new FileImageStore(dir.resolve("images"));
  }

  @Test
  void aPutLeavesNoTemporaryFileBehind() throws Exception {
    String f = hex('9') + ".jpg";
    open().put(image("66666666666666666666666666666666", "Rain on a window", f), Map.of(f, bytes("rain")));
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(f, "66666666666666666666666666666666.json");
    }
  }
}
