package vn.motcua.edge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Events and answers as trees, read and written with Jackson's streaming parser and generator onto
 * {@link JsonNodeFactory}: no {@link ObjectMapper} on the hot path. The mapper costs ~690 classes at
 * cold start (databind's serializer and deserializer machinery, JDK reflection) against ~100 for the
 * streaming API building the same tree; it is built on first use of {@link #mapper()}, for the few
 * that bind POJOs or hand it to a library (the JSON Schema validator).
 *
 * <p>Reading behaves as {@code ObjectMapper.readTree} with default settings: integers become
 * {@code IntNode}/{@code LongNode}/{@code BigIntegerNode} by size, other numbers {@code DoubleNode};
 * a repeated key keeps its first place and its last value; no content gives {@code MissingNode};
 * anything after the first value is not read. Writing gives what {@code writeValueAsString} gave.
 * Do not call {@code toString()} on a node on the hot path: Jackson renders it with a mapper of its own.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** The ObjectMapper, built on first use: POJO binding and libraries that want one, never events and answers. */
    public static ObjectMapper mapper() { return Mapper.INSTANCE; }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    public static JsonNode read(InputStream in) {
        try {
            return tree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("event is not JSON: " + e.getMessage(), e);
        }
    }

    /** Parses text that came from outside; malformed JSON is the caller's 400, not our 500. */
    public static JsonNode parse(String text) throws BadInput {
        if (text == null || text.isBlank()) {
            throw new BadInput("EMPTY_BODY", "Yêu cầu không có nội dung.", "body");
        }
        try {
            return tree(text);
        } catch (JsonProcessingException e) {
            // a read limit (nesting deeper than the parser allows) has no place: say so without one
            String where = e.getLocation() == null ? ""
                    : " (dòng " + e.getLocation().getLineNr() + ", cột " + e.getLocation().getColumnNr() + ")";
            throw new BadInput("MALFORMED_JSON", "Nội dung gửi lên không phải JSON hợp lệ" + where + ".", "body");
        }
    }

    /** One JSON value as a tree, as {@code ObjectMapper.readTree(String)} reads it ({@code MissingNode} for no content). */
    public static JsonNode tree(String text) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return root(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String reader does not fail
        }
    }

    /** As {@link #tree(String)}, with a repeated key in any object an error ("Duplicate field 'x'"). */
    public static JsonNode treeWithoutDuplicates(String text) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return root(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 (or UTF-16/32, detected) bytes as a tree. */
    public static JsonNode tree(byte[] bytes) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return root(p);
        }
    }

    /** The stream as a tree; the stream is closed, as {@code readTree} closes it. */
    public static JsonNode tree(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            return root(p);
        }
    }

    private static JsonNode root(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? MissingNode.getInstance() : value(p, t);
    }

    /** The value starting at the current token {@code t}; the parser is left on its last token. */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    o.replace(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return NODES.numberNode(p.getIntValue());
                    case LONG: return NODES.numberNode(p.getLongValue());
                    default: return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT: // not from JSON text; kept for completeness
                return NODES.pojoNode(p.getEmbeddedObject());
            default:
                throw new IllegalStateException("unexpected token " + t + " at " + p.currentLocation());
        }
    }

    public static ObjectNode object() { return NODES.objectNode(); }

    public static ArrayNode array() { return NODES.arrayNode(); }

    /** The tree as compact JSON text, as {@code writeValueAsString} wrote it. */
    public static String write(JsonNode node) {
        var out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /**
     * As {@link #write(JsonNode)}, with {@code < > & '} written as {@code \\u003C}-style escapes: the same JSON to a
     * parser, but no byte of it reads as markup, whatever a browser or a log viewer makes of it. For answers that
     * quote what a caller sent (an error naming the bad value).
     */
    public static String writeHtmlSafe(JsonNode node) {
        var out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(HtmlSafeEscapes.INSTANCE);
            write(g, node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static final class HtmlSafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        static final HtmlSafeEscapes INSTANCE = new HtmlSafeEscapes();
        private final int[] ascii = standardAsciiEscapesForJSON();

        private HtmlSafeEscapes() {
            for (char c : new char[] {'<', '>', '&', '\''}) ascii[c] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() { return ascii; }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) { return null; }
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                g.writeStartObject(node);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
                return;
            case ARRAY:
                g.writeStartArray(node, node.size());
                for (JsonNode e : node) write(g, e);
                g.writeEndArray();
                return;
            case STRING:
                g.writeString(node.textValue());
                return;
            case NUMBER:
                switch (node.numberType()) {
                    case INT: g.writeNumber(node.intValue()); return;
                    case LONG: g.writeNumber(node.longValue()); return;
                    case BIG_INTEGER: g.writeNumber(node.bigIntegerValue()); return;
                    case FLOAT: g.writeNumber(node.floatValue()); return;
                    case BIG_DECIMAL: g.writeNumber(node.decimalValue()); return;
                    default: g.writeNumber(node.doubleValue()); return;
                }
            case BOOLEAN:
                g.writeBoolean(node.booleanValue());
                return;
            case BINARY:
                g.writeBinary(node.binaryValue());
                return;
            case POJO: // a value only the mapper knows how to write
                Object pojo = ((POJONode) node).getPojo();
                if (pojo == null) g.writeNull();
                else if (pojo instanceof JsonNode n) write(g, n);
                else mapper().writeValue(g, pojo);
                return;
            default: // NULL, and MISSING as the mapper writes it
                g.writeNull();
        }
    }

    /** The text of a field, or null when it is absent, null or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
