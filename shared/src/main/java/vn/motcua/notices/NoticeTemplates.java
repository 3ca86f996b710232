package vn.motcua.notices;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notices' wording, as Mustache templates on the class path under {@code templates/notices/}
 * (their source is {@code infra/seed/notices/}, operator data): for each notice {@code <name>} a
 * {@code <name>.subject.mustache}, a {@code <name>.html.mustache} and a {@code <name>.text.mustache}.
 * The HTML is rendered with Mustache's escaping, so every value a clerk or applicant typed is text;
 * subject and plain text are rendered as is (there is no markup to escape in them), the subject on
 * one line. Compiled once per container.
 */
public final class NoticeTemplates {

    /** Every notice there is a template for; the render command and the tests walk this list. */
    public static final List<String> NAMES = List.of("received", "supplement-requested", "fee-requested", "result-ready",
            "refused", "delayed", "overdue", "handed-to-post", "returned", "withdrawn", "stopped",
            "reminder", "overdue-alert", "digest", "holiday-table-missing");

    static final String ROOT = "templates/notices";

    private final DefaultMustacheFactory html = new DefaultMustacheFactory(ROOT);
    private final DefaultMustacheFactory plain = plainText(ROOT);
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** The three parts of notice {@code name}, filled from {@code model}. */
    public Rendered render(String name, Map<String, Object> model) {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("no notice called " + name);
        String subject = run(plain, name + ".subject.mustache", model).replaceAll("\\s+", " ").strip();
        return new Rendered(subject, run(html, name + ".html.mustache", model), run(plain, name + ".text.mustache", model));
    }

    /** A rendered notice, not yet addressed. */
    public record Rendered(String subject, String html, String text) {
        public Email to(String address) { return new Email(address, subject, html, text); }
    }

    private String run(DefaultMustacheFactory factory, String file, Map<String, Object> model) {
        var template = compiled.computeIfAbsent((factory == html ? "html:" : "plain:") + file, k -> compile(factory, file));
        var out = new StringWriter(4096);
        template.execute(out, model);
        return out.toString();
    }

    private static Mustache compile(DefaultMustacheFactory factory, String file) {
        try {
            return factory.compile(file);
        } catch (MustacheException e) {
            throw new IllegalStateException("notice template " + ROOT + "/" + file + ": " + e.getMessage(), e);
        }
    }

    /** Mustache for plain text (subjects, text bodies, SMS): values written as they are, not HTML-escaped. */
    static DefaultMustacheFactory plainText(String resourceRoot) {
        return new DefaultMustacheFactory(resourceRoot) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
