package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import newsdesk.store.StoredVapidKeys;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAPID key pair in the store (the embedded one here; PostgresNodesTest shares one between nodes). */
class VapidKeysTest {
  @TempDir Path dir;
  private SqlStore store;

  @BeforeEach
  void openStore() {
    store = SqliteStores.open(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void theFirstStartKeepsAKeyPairInTheStoreAndLaterStartsReuseIt() {
    VapidKeys first = VapidKeys.loadOrCreate(store, dir);
    assertThat(P256.unb64(first.publicKeyBase64()).orElseThrow()).hasSize(65);
    assertThat(store.vapidKeys()).hasValueSatisfying(k -> assertThat(k.publicKey()).isEqualTo(first.publicKeyBase64()));
    assertThat(dir.resolve(VapidKeys.FILE)).doesNotExist();
    assertThat(VapidKeys.loadOrCreate(store, dir).publicKeyBase64()).isEqualTo(first.publicKeyBase64());
  }

  @Test
  void aKeyFileOfAnEarlierVersionMovesIntoTheStoreOnTheFirstStartSoItsSubscribersKeepWorking() throws Exception {
    var old = VapidKeys.generate();
    Files.writeString(dir.resolve(VapidKeys.FILE), "{\"publicKey\":\"" + old.publicKeyBase64()
        + "\",\"privateKey\":\"" + P256.b64(P256.encode(old.privateKey())) + "\"}");
    assertThat(VapidKeys.loadOrCreate(store, dir).publicKeyBase64()).isEqualTo(old.publicKeyBase64());
    assertThat(store.vapidKeys().orElseThrow().publicKey()).isEqualTo(old.publicKeyBase64());
    Files.delete(dir.resolve(VapidKeys.FILE));
    assertThat(VapidKeys.loadOrCreate(store, dir).publicKeyBase64()).isEqualTo(old.publicKeyBase64());
  }

  @Test
  void aDamagedKeyFileStopsTheServerInsteadOfBeingReplaced() throws Exception {
    Path file = dir.resolve(VapidKeys.FILE);
    Files.writeString(file, "{\"publicKey\":\"nope\"}");
    assertThatThrownBy(() -> VapidKeys.loadOrCreate(store, dir)).hasMessageContaining("not replaced automatically");
    assertThat(Files.readString(file)).isEqualTo("{\"publicKey\":\"nope\"}");
    assertThat(store.vapidKeys()).isEmpty();
  }

  @Test
  void halvesOfTwoDifferentPairsAreRefused() throws Exception {
    var a = VapidKeys.generate();
    var b = VapidKeys.generate();
    Files.writeString(dir.resolve(VapidKeys.FILE), "{\"publicKey\":\"" + a.publicKeyBase64()
        + "\",\"privateKey\":\"" + P256.b64(P256.encode(b.privateKey())) + "\"}");
    assertThatThrownBy(() -> VapidKeys.loadOrCreate(store, dir)).isInstanceOf(IllegalStateException.class);
    store.keepVapidKeys(new StoredVapidKeys(a.publicKeyBase64(), P256.b64(P256.encode(b.privateKey())), Instant.now()));
    assertThatThrownBy(() -> VapidKeys.loadOrCreate(store, dir)).hasMessageContaining("not replaced automatically");
  }
}
