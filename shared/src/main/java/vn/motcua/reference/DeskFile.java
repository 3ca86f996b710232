package vn.motcua.reference;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.desk.Desk;
import vn.motcua.domain.calendar.OpeningHours;
import vn.motcua.domain.catalog.CatalogException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/**
 * The desk from the operator's {@code desk.json} (schema {@code reference/desk.schema.json}): names,
 * address, phone, opening hours and the same-day cut-off. Checked whole on load: every problem is
 * listed as {@code desk.json <JSON pointer>: <what is wrong>}, and nothing is used.
 */
public final class DeskFile {

    public static final String NAME = "desk.json";
    /** Where the build puts {@code infra/seed/desk/desk.json} on the class path. */
    static final String RESOURCE = "desk/" + NAME;

    private DeskFile() {}

    /** The desk file shipped with the functions (the seed's {@code infra/seed/desk/desk.json}). */
    public static Desk bundled() {
        try (InputStream in = DeskFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the class path (infra/seed/desk/desk.json)");
            // Checked against the schema by the build (DeskAndFormsFilesTest): a function binds it with the rules only,
            // without the schema validator's classes on its cold start (see ReferenceFile).
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), NAME, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The desk from {@code json}; {@link CatalogException} listing every problem, each with the file and the field. */
    public static Desk read(String json, String source) {
        return read(json, source, true);
    }

    static Desk read(String json, String source, boolean withSchema) {
        var problems = new ArrayList<String>();
        var file = new ReferenceFile(source, ReferenceFile.Style.CATALOG, problems);
        JsonNode tree = file.tree(json);
        if (tree != null && withSchema) file.check(tree, "reference/desk.schema.json");
        if (!problems.isEmpty()) throw new CatalogException(problems);
        var week = new EnumMap<DayOfWeek, List<OpeningHours.Session>>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String key = day.name().toLowerCase(Locale.ROOT);
            var sessions = new ArrayList<OpeningHours.Session>();
            var list = tree.path("openingHours").path(key);
            for (int i = 0; i < list.size(); i++) {
                String[] span = list.get(i).asText().split("-");
                var from = LocalTime.parse(span[0]);
                var to = LocalTime.parse(span[1]);
                if (!from.isBefore(to)) {
                    file.problem("/openingHours/" + key + "/" + i, "a session ends after it starts, got \"" + list.get(i).asText() + "\"");
                } else if (!sessions.isEmpty() && !sessions.get(sessions.size() - 1).to().isBefore(from)) {
                    file.problem("/openingHours/" + key + "/" + i, "sessions go in order without overlapping, got \""
                            + list.get(i).asText() + "\" after " + sessions.get(sessions.size() - 1).to());
                } else {
                    sessions.add(new OpeningHours.Session(from, to));
                }
            }
            week.put(day, sessions);
        }
        if (week.values().stream().allMatch(List::isEmpty) && problems.isEmpty()) {
            file.problem("/openingHours", "the desk opens on no day: give at least one session");
        }
        if (!problems.isEmpty()) throw new CatalogException(problems);
        return new Desk(tree.path("id").asText(), tree.path("name").asText().strip(), tree.path("host").asText().strip(),
                tree.path("address").asText().strip(), tree.path("province").asText().strip(), tree.path("place").asText().strip(),
                tree.path("phone").asText().strip(), new OpeningHours(week), LocalTime.parse(tree.path("sameDayCutOff").asText()));
    }
}
