package vn.motcua.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SMS texts, operator data in {@code infra/seed/notices/sms.json} (on the class path as
 * {@code templates/notices/sms.json}): {@code {"notices": {"<notice name>": "<Mustache text>", ...}}}. The
 * applicant gets an SMS for exactly the notices the file names (with their consent): adding one is a line of data.
 * Checked when loaded, each problem naming the file and the field: a known applicant notice, a text of at most
 * {@link #MAX_TEMPLATE_CHARS} characters, Mustache that compiles, only the values {@link NoticeModel} gives. Plain
 * text: rendered without escaping, whitespace runs made one space. How long a rendering may be is the tests' job
 * (every text within two segments with the longest realistic values, {@link SmsSegments}).
 */
public final class SmsTemplates {

    public static final String FILE = "sms.json";
    static final int MAX_TEMPLATE_CHARS = 300;
    private static final String RESOURCE = "templates/notices/" + FILE;
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/>&{!]?)\\s*([^}]*?)\\s*}?}}");

    /** The values an SMS may use (NoticeModel#of); a typo would otherwise render as nothing. */
    static final Set<String> VALUES = Set.of("code", "applicantName", "procedureName", "agencyName", "receivedDate", "receivedTime",
            "appointmentDate", "originalAppointmentDate", "noFixedLimit", "eventDate", "eventTime", "lookupUrl", "deskName",
            "deskAddress", "atDesk", "byPost", "postalAddress", "supplementItems", "supplementReason", "feeAmount", "feeNote",
            "refusalReasons", "delayReason", "previousAppointmentDate", "newAppointmentDate", "trackingNumber", "reason");

    private final Map<String, Mustache> texts;

    private SmsTemplates(Map<String, Mustache> texts) { this.texts = texts; }

    /** The bundled file; a bad one throws, naming the file and its fields. */
    public static SmsTemplates load() {
        try (InputStream in = SmsTemplates.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(FILE + ": not on the class path (" + RESOURCE + ")");
            return parse(FILE, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(FILE + ": " + e.getMessage(), e);
        }
    }

    /** The texts of {@code json}; every problem at once, each as {@code <file>: <field>: <problem>}. */
    public static SmsTemplates parse(String file, String json) {
        var problems = new ArrayList<String>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
        var notices = root == null ? null : root.get("notices");
        if (notices == null || !notices.isObject()) throw new IllegalArgumentException(file + ": notices: missing or not an object");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            var name = it.next();
            if (!name.equals("notices") && !name.startsWith("$")) problems.add(file + ": " + name + ": unknown field (only \"notices\")");
        }
        var texts = new LinkedHashMap<String, Mustache>();
        var factory = NoticeTemplates.plainText(NoticeTemplates.ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> it = notices.fields(); it.hasNext(); ) {
            var e = it.next();
            String field = "notices." + e.getKey();
            if (!NoticeModel.noticeNames().contains(e.getKey())) {
                problems.add(file + ": " + field + ": no applicant notice of that name (known: " + String.join(", ", NoticeModel.noticeNames()) + ")");
                continue;
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                problems.add(file + ": " + field + ": must be a non-empty text");
                continue;
            }
            String text = e.getValue().asText();
            if (text.length() > MAX_TEMPLATE_CHARS) {
                problems.add(file + ": " + field + ": " + text.length() + " characters, at most " + MAX_TEMPLATE_CHARS);
                continue;
            }
            var m = TAG.matcher(text);
            boolean ok = true;
            while (m.find()) {
                String kind = m.group(1), value = m.group(2);
                if (kind.equals(">") || kind.equals("!")) continue;
                if (!VALUES.contains(value)) {
                    problems.add(file + ": " + field + ": unknown value {{" + kind + value + "}} (known: " + String.join(", ", VALUES.stream().sorted().toList()) + ")");
                    ok = false;
                }
            }
            if (!ok) continue;
            try {
                texts.put(e.getKey(), factory.compile(new StringReader(text), file + "#" + e.getKey()));
            } catch (MustacheException x) {
                problems.add(file + ": " + field + ": not valid Mustache: " + x.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
        return new SmsTemplates(Map.copyOf(texts));
    }

    /** The notices that have an SMS. */
    public Set<String> names() { return texts.keySet(); }

    /** The SMS of notice {@code name}, if the file has one, filled from {@code model} (on one line). */
    public Optional<String> render(String name, Map<String, Object> model) {
        var template = texts.get(name);
        if (template == null) return Optional.empty();
        var out = new StringWriter(256);
        template.execute(out, model);
        return Optional.of(out.toString().replaceAll("\\s+", " ").strip());
    }
}
