package vn.motcua.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import vn.motcua.domain.catalog.CatalogException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legal bases the printed forms follow, from the operator's {@code legal-bases.json} beside the
 * forms' Mustache templates ({@code infra/seed/forms/}, on the class path under {@code templates/forms/}).
 * A dossier prints the forms of the basis in force on the day it was received, so a dossier received
 * before 1 July 2025 keeps the Circular 01/2018 forms. Checked whole on load: the schema, then the
 * rules across entries (unique ids, increasing {@code from} days) and that each form named has a
 * template that compiles ({@code form-<number>.mustache}); every problem names its file and field.
 */
public final class LegalBases {

    public static final String NAME = "legal-bases.json";
    static final String ROOT = "templates/forms";

    /** One form under one basis: the number printed, its title, the line citing the basis. */
    public record Form(String number, String title, String citation) {}

    /** A legal basis, in force from {@code from} until the next one's. */
    public record Basis(String id, LocalDate from, boolean provisional, String name, Map<String, Form> forms) {
        /** The form under this basis, if it prints one with that key. */
        public Optional<Form> form(String key) { return Optional.ofNullable(forms.get(key)); }
    }

    private final List<Basis> bases;

    private LegalBases(List<Basis> bases) { this.bases = List.copyOf(bases); }

    public List<Basis> bases() { return bases; }

    /** The basis in force on {@code day}; empty before the first one. */
    public Optional<Basis> inForceOn(LocalDate day) {
        Basis found = null;
        for (var b : bases) if (!b.from().isAfter(day)) found = b;
        return Optional.ofNullable(found);
    }

    /** The file shipped with the functions, with its templates; checked once per container. */
    public static LegalBases bundled() { return Bundled.INSTANCE; }

    private static final class Bundled {
        static final LegalBases INSTANCE = load();

        private static LegalBases load() {
            try (InputStream in = LegalBases.class.getClassLoader().getResourceAsStream(ROOT + "/" + NAME)) {
                if (in == null) throw new IllegalStateException("no " + ROOT + "/" + NAME + " on the class path (infra/seed/forms/)");
                // the schema was checked by the build (DeskAndFormsFilesTest); here the rules and the templates
                return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), NAME, true, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The bases from {@code json}; with {@code templates}, each form must have its template on the class path.
     *
     * @throws CatalogException listing every problem as {@code <file> <pointer>: <what>}
     */
    public static LegalBases read(String json, String source, boolean templates) {
        return read(json, source, templates, true);
    }

    static LegalBases read(String json, String source, boolean templates, boolean withSchema) {
        var problems = new ArrayList<String>();
        var file = new ReferenceFile(source, ReferenceFile.Style.CATALOG, problems);
        JsonNode tree = file.tree(json);
        if (tree != null && withSchema) file.check(tree, "reference/legal-bases.schema.json");
        if (!problems.isEmpty()) throw new CatalogException(problems);
        var bases = new ArrayList<Basis>();
        var ids = new HashSet<String>();
        var compiled = new HashSet<String>();
        var factory = new DefaultMustacheFactory(ROOT);
        var list = tree.path("bases");
        for (int i = 0; i < list.size(); i++) {
            var b = list.get(i);
            String at = ReferenceFile.at("bases", i);
            String id = b.path("id").asText();
            if (!ids.add(id)) file.problem(at + "/id", "duplicate legal basis id '" + id + "'");
            LocalDate from = null;
            try {
                from = LocalDate.parse(b.path("from").asText());
                if (!bases.isEmpty() && !from.isAfter(bases.get(bases.size() - 1).from())) {
                    file.problem(at + "/from", "must come after the previous basis's from (" + bases.get(bases.size() - 1).from() + ")");
                }
            } catch (DateTimeParseException e) {
                file.problem(at + "/from", "not a day: \"" + b.path("from").asText() + "\"");
            }
            var forms = new LinkedHashMap<String, Form>();
            var names = b.path("forms").fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                var f = b.path("forms").path(key);
                forms.put(key, new Form(f.path("number").asText(), f.path("title").asText().strip(), f.path("citation").asText().strip()));
                String template = "form-" + key + ".mustache";
                if (templates && compiled.add(template)) {
                    try {
                        factory.compile(template);
                    } catch (MustacheException e) {
                        file.problem(at + "/forms/" + key, "its template " + template + " (infra/seed/forms/) does not load: " + e.getMessage());
                    }
                }
            }
            if (from != null) bases.add(new Basis(id, from, b.path("provisional").asBoolean(), b.path("name").asText().strip(), forms));
        }
        if (!problems.isEmpty()) throw new CatalogException(problems);
        return new LegalBases(bases);
    }
}
