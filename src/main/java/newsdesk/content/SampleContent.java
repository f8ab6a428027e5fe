package newsdesk.content;

import java.util.List;
import newsdesk.store.Story;

/**
 * Original sample stories for a fresh install, so a first run has something to read. Every place,
 * person and event here is invented; none of it describes real news.
 */
public final class SampleContent {
  private SampleContent() {}

  /** A published sample article; the record keeps the story list below readable. */
  private record Sample(String section, String headline, String summary, List<String> authors, String body) {}

  private static final List<Sample> ARTICLES = List.of(
      new Sample("city", "Harbour ferry to run late-evening crossings from June",
          "Two extra sailings a night will link Eastbank and the Old Quay on weekdays during a six-month trial.",
          List.of("Mara Lindqvist"),
          """
          The harbour ferry will add two late-evening crossings between Eastbank and the Old Quay from the first \
          week of June, the transport office said on Tuesday.

          The new sailings leave Eastbank at 22:10 and 22:50 and return ten minutes later. Shift workers at the \
          hospital and the container terminal had asked for them for years, according to the riders' association.

          The trial runs for six months. If an average of 40 passengers use each crossing, the office says, the \
          timetable will keep them permanently.
          """),
      new Sample("city", "Canal Street library reopens after two-year restoration",
          "The reading room's glass roof has been rebuilt, and the building now has a lift and a children's floor.",
          List.of("Joss Okonkwo"),
          """
          The Canal Street library opened its doors again on Saturday morning, two years after water damage forced \
          it to close.

          Restorers replaced the reading room's glass roof pane by pane, keeping the original iron frame. The \
          basement, once used for storage, is now a children's floor with its own entrance from the garden.

          "People queued before we had the lights on," said the head librarian, Ines Carvalho. The library is open \
          every day except Monday.
          """),
      new Sample("city", "Council backs car-free Sundays on the riverside road",
          "The road between the two bridges will close to traffic every Sunday this summer in a pilot scheme.",
          List.of("Mara Lindqvist", "Petra Halloran"),
          """
          Councillors voted 31 to 18 on Thursday to close the riverside road between the Iron Bridge and Mill Bridge \
          to motor traffic every Sunday from May to September.

          Supporters said the stretch is already crowded with cyclists and walkers at weekends. Traders on Wharf \
          Lane, the only access street, asked for delivery windows before 10:00, and the council agreed.

          A review in October will look at footfall, noise readings and bus journey times on the diversion route.
          """),
      new Sample("science", "Volunteers count record number of hedgehogs in city parks",
          "This year's night survey logged 412 sightings, up from 268 when the count began four years ago.",
          List.of("Dr. Aled Rhys"),
          """
          Volunteers walking set routes through eleven parks after dark recorded 412 hedgehog sightings over three \
          nights in April, the highest total since the survey began.

          The organisers credit gaps cut under garden fences and a ban on slug pellets in public beds. They caution \
          that one good year is not a trend: a mild spring may simply have brought the animals out earlier.

          Anyone can join next year's count. The only equipment needed is a red-filtered torch and patience.
          """),
      new Sample("science", "University team tests packaging that dissolves in warm water",
          "A film made from seaweed extract held dry foods for three months in early trials.",
          List.of("Nadia Ferreira"),
          """
          Researchers at the city university have made a thin packaging film from seaweed extract and a food-grade \
          plasticiser that dissolves in water above 40 °C.

          In trials the film kept rice, lentils and coffee dry for three months at room temperature. It does not yet \
          hold liquids or oily foods, which soften it within days.

          The team says the next step is a pilot run with a local grocery cooperative, where shoppers will be asked \
          how they get rid of the film at home.
          """),
      new Sample("science", "Amateur astronomers piece together path of bright fireball",
          "Doorbell and dashboard cameras caught the meteor; a search for fragments is planned in the hills.",
          List.of("Dr. Aled Rhys"),
          """
          A fireball that lit up the sky for about four seconds late on Friday has been tracked by the regional \
          astronomy club using more than sixty videos sent in by the public.

          Footage from doorbells and dashboard cameras let members triangulate the path. They estimate the object \
          broke up about 30 kilometres above the northern hills.

          The club will lead a search for fragments next weekend and asks landowners in the area to report any \
          dark, fresh-looking stones they find.
          """));

  public static int load(ContentService content) {
    for (Sample s : ARTICLES) {
      content.create(new StoryInput(null, "article", s.headline(), s.summary(), s.body(), s.section(), List.of(),
          s.authors(), "published"));
    }
    loadLiveBlog(content);
    return ARTICLES.size() + 1;
  }

  private static void loadLiveBlog(ContentService content) {
    Story live = content.create(new StoryInput(null, "live", "Live: Storm Ilse reaches the coast",
        "High winds and heavy rain along the coast; follow the latest on closures, power and shelters.",
        """
        Forecasters expect gusts of up to 110 km/h along the coast through the evening. This page is updated as \
        news comes in.
        """,
        "city", List.of("storm"), List.of("Petra Halloran", "Joss Okonkwo"), "published"));
    String slug = live.slug();
    content.addEntry(slug, new EntryInput(
        "The weather service has raised its warning for the coast to **amber** until 06:00 tomorrow. Gusts are "
            + "forecast to peak between 20:00 and midnight.", "Petra Halloran", false, false));
    content.addEntry(slug, new EntryInput(
        "**The coastal road is closed between Saltmarsh and the Old Quay** after waves brought shingle onto the "
            + "carriageway. Police ask drivers to use the inland route.", "Joss Okonkwo", true, false));
    content.addEntry(slug, new EntryInput(
        "About 1,200 homes in Eastbank are without power, the grid operator says. Crews are waiting for the wind "
            + "to drop before climbing poles.", "Petra Halloran", false, false));
    content.addEntry(slug, new EntryInput(
        "All harbour ferry sailings are cancelled for the rest of the day. Tickets will be valid tomorrow.",
        "Joss Okonkwo", false, false));
    content.addEntry(slug, new EntryInput(
        """
        **Where to get help tonight**

        - Emergency shelter: the sports hall on Ridge Road is open all night, with hot drinks and blankets.
        - Report fallen lines to the grid operator; never go near them.
        - Check on neighbours who live alone.
        """, "Newsdesk", false, true));
  }
}
