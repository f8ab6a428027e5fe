package newsdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import newsdesk.http.VertxInternals;

/**
 * The package dependencies Newsdesk allows, so they cannot drift: each package lists the packages
 * it may use, all pointing down, from the command line to the store.
 *
 * <pre>
 * cli → newsdesk (wiring) → web → desk, mercure, push, transport.sse, transport.websocket
 *   desk (the newsroom's pages and sign-in) → admission, auth, content, hub (presence), push (alerts), webhooks, callbacks
 *   transport.sse, transport.websocket → transport → hub
 *   web, mercure, transport.* → admission (admission and rate limits, shared by every way in)
 *   web → websub → feeds, callbacks; web → webhooks → callbacks, content; web → callbacks; callbacks → store
 *   push, callbacks, websub → outbox (the leased claim-work-record loop they share) → store
 *   web, feeds, push → content → hub → bus → store
 *   http (Vert.x-aware helpers) and config are shared lower pieces that use nothing of ours
 * </pre>
 *
 * A new package must be given its place here before it can be used.
 */
@AnalyzeClasses(packages = "newsdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesUseOnlyThePackagesBelowThem = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("cli").definedBy("newsdesk.cli..")
      .layer("wiring").definedBy("newsdesk")
      .layer("web").definedBy("newsdesk.web..")
      .layer("desk").definedBy("newsdesk.desk..")
      .layer("mercure").definedBy("newsdesk.mercure..")
      .layer("push").definedBy("newsdesk.push..")
      .layer("websub").definedBy("newsdesk.websub..")
      .layer("webhooks").definedBy("newsdesk.webhooks..")
      .layer("feeds").definedBy("newsdesk.feeds..")
      .layer("callbacks").definedBy("newsdesk.callbacks..")
      .layer("outbox").definedBy("newsdesk.outbox..")
      .layer("transport.sse").definedBy("newsdesk.transport.sse..")
      .layer("transport.websocket").definedBy("newsdesk.transport.websocket..")
      .layer("transport").definedBy("newsdesk.transport")
      .layer("admission").definedBy("newsdesk.admission..")
      .layer("auth").definedBy("newsdesk.auth..")
      .layer("content").definedBy("newsdesk.content..")
      .layer("images").definedBy("newsdesk.images..")
      .layer("hub").definedBy("newsdesk.hub..")
      // The event bus moves out of hub into its own package; until then it may be empty.
      .optionalLayer("bus").definedBy("newsdesk.bus..")
      .layer("store").definedBy("newsdesk.store")
      .layer("store.sql").definedBy("newsdesk.store.sql..")
      .layer("http").definedBy("newsdesk.http..")
      .layer("config").definedBy("newsdesk.config..")

      .whereLayer("cli").mayOnlyAccessLayers("wiring", "auth", "config", "store", "store.sql")
      .whereLayer("cli").mayNotBeAccessedByAnyLayer()
      .whereLayer("web").mayOnlyAccessLayers("desk", "mercure", "push", "websub", "webhooks", "callbacks", "feeds",
          "transport.sse", "transport.websocket", "admission", "content", "images", "auth", "http", "store")
      .whereLayer("images").mayOnlyAccessLayers("http", "store")
      .whereLayer("images").mayOnlyBeAccessedByLayers("wiring", "web")
      .whereLayer("websub").mayOnlyAccessLayers("feeds", "callbacks", "outbox", "http", "store")
      .whereLayer("feeds").mayOnlyAccessLayers("content", "http", "store")
      .whereLayer("webhooks").mayOnlyAccessLayers("callbacks", "content", "store")
      .whereLayer("callbacks").mayOnlyAccessLayers("outbox", "store")
      .whereLayer("outbox").mayOnlyAccessLayers("store")
      .whereLayer("desk").mayOnlyAccessLayers("admission", "auth", "content", "hub", "push", "webhooks", "callbacks",
          "http", "store")
      .whereLayer("desk").mayOnlyBeAccessedByLayers("wiring", "web")
      .whereLayer("mercure").mayOnlyAccessLayers("admission", "hub", "http", "store", "config")
      .whereLayer("mercure").mayOnlyBeAccessedByLayers("wiring", "web")
      .whereLayer("push").mayOnlyAccessLayers("content", "outbox", "http", "store", "config")
      .whereLayer("transport.sse").mayOnlyAccessLayers("transport", "admission", "hub", "http", "store")
      .whereLayer("transport.websocket").mayOnlyAccessLayers("transport", "admission", "hub", "http", "store")
      .whereLayer("transport").mayOnlyAccessLayers("hub", "http")
      .whereLayer("admission").mayOnlyAccessLayers("hub", "http", "config")
      .whereLayer("auth").mayOnlyAccessLayers("store")
      .whereLayer("content").mayOnlyAccessLayers("hub", "store")
      .whereLayer("hub").mayOnlyAccessLayers("bus", "store")
      .whereLayer("bus").mayOnlyAccessLayers("store")
      .whereLayer("store.sql").mayOnlyAccessLayers("store")
      .whereLayer("store").mayNotAccessAnyLayer()
      .whereLayer("http").mayNotAccessAnyLayer()
      .whereLayer("config").mayNotAccessAnyLayer()
      .ensureAllClassesAreContainedInArchitecture();

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("newsdesk.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheAdapterTouchesVertxInternals = noClasses()
      .that().doNotHaveFullyQualifiedName(VertxInternals.class.getName())
      .and().haveNameNotMatching(java.util.regex.Pattern.quote(VertxInternals.class.getName()) + "\\$.*")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx.core.internal..", "io.vertx..impl..")
      .because("Vert.x changes its internal classes without notice; VertxInternalsTest checks the one adapter");

  @ArchTest
  static final ArchRule theCoreKnowsNothingOfHttp = noClasses()
      .that().resideInAnyPackage("newsdesk.hub..", "newsdesk.content..", "newsdesk.store..", "newsdesk.auth..",
          "newsdesk.config..", "newsdesk.images..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
      .because("the log, the fan-out and the content rules are plain Java, testable without a server");
}
