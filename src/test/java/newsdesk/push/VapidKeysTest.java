package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VapidKeysTest {
  @TempDir Path dir;

  @Test
  void theFirstRunMakesAKeyPairReadableOnlyByItsOwnerAndLaterRunsReuseIt() throws Exception {
    VapidKeys first = VapidKeys.loadOrCreate(dir);
    Path file = dir.resolve(VapidKeys.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(P256.unb64(first.publicKeyBase64()).orElseThrow()).hasSize(65);
    assertThat(VapidKeys.loadOrCreate(dir).publicKeyBase64()).isEqualTo(first.publicKeyBase64());
  }

  @Test
  void aDamagedKeyFileStopsTheServerInsteadOfBeingReplaced() throws Exception {
    Path file = dir.resolve(VapidKeys.FILE);
    Files.writeString(file, "{\"publicKey\":\"nope\"}");
    assertThatThrownBy(() -> VapidKeys.loadOrCreate(dir)).hasMessageContaining("not replaced automatically");
    assertThat(Files.readString(file)).isEqualTo("{\"publicKey\":\"nope\"}");
  }

  @Test
  void halvesOfTwoDifferentPairsAreRefused() throws Exception {
    var a = VapidKeys.generate();
    var b = VapidKeys.generate();
    Files.writeString(dir.resolve(VapidKeys.FILE), "{\"publicKey\":\"" + a.publicKeyBase64()
        + "\",\"privateKey\":\"" + P256.b64(P256.encode(b.privateKey())) + "\"}");
    assertThatThrownBy(() -> VapidKeys.loadOrCreate(dir)).isInstanceOf(IllegalStateException.class);
  }
}
