package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SAM and CloudFormation schemas from the schemas folder, prepared for checking a template:
 * <ul>
 * <li>Every place a value stands in a schema accepts an intrinsic function instead
 *     ({@code {"Ref": ..}}, {@code {"Fn::...": ..}}): the value-position subschema S becomes
 *     {@code if <one key, Ref or Fn::*> then accept else S}. Dropping errors found inside
 *     intrinsics afterwards would not do: inside {@code anyOf} a branch that fails only because
 *     of an intrinsic must count as passing, and only the schema can say that.</li>
 * <li>SAM properties that SAM passes through to CloudFormation ({@code Timeout},
 *     {@code Environment}...) are empty schemas in sam.schema.json; where the CloudFormation
 *     schema of the target type is in the folder, they are checked against it.</li>
 * <li>Everything is read as draft-07 (the SAM schema says draft-04 but uses nothing that differs,
 *     no {@code id} nor {@code exclusiveMaximum}), because the wrapper needs {@code if/then/else}.</li>
 * </ul>
 * Schemas are served from memory under a made-up base address; nothing is fetched.
 */
final class SchemaLibrary {

    static final String BASE = "https://schemas.motcua.local/";
    static final String SAM = BASE + "sam/sam.schema.json";
    private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    /** SAM type ({@code AWS::Serverless::Function}) -> its definition name in sam.schema.json. */
    private final Map<String, String> samDefinitions = new HashMap<>();
    private final Map<String, String> prepared = new ConcurrentHashMap<>();
    private final Map<String, Optional<JsonNode>> cloudFormationDocs = new ConcurrentHashMap<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    SchemaLibrary(Path schemasDir) {
        this.dir = schemasDir;
        Path sam = dir.resolve("sam/sam.schema.json");
        if (!Files.isRegularFile(sam)) {
            throw new TemplateException("no SAM schema at " + sam.toAbsolutePath().normalize()
                    + ": the schemas folder (shared/schemas beside the repository) is missing");
        }
        JsonNode samSchema = read(sam);
        for (JsonNode branch : samSchema.path("properties").path("Resources").path("additionalProperties").path("anyOf")) {
            String ref = branch.path("$ref").asText();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            JsonNode type = samSchema.path("definitions").path(name).path("properties").path("Type").path("enum");
            if (type.size() == 1) samDefinitions.put(type.get(0).asText(), name);
        }
        prepared.put(SAM, prepare(samSchema, true));
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(this::serve)));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // formats in these schemas are mostly CloudFormation's own (AWS::IAM::Role.Arn, json)
                .formatAssertionsEnabled(false)
                .build();
    }

    Path dir() { return dir; }

    boolean isSamType(String type) { return samDefinitions.containsKey(type); }

    /** The schema of a whole SAM resource (Type, Properties, DeletionPolicy...). */
    Optional<JsonSchema> samResource(String type) {
        String definition = samDefinitions.get(type);
        return definition == null ? Optional.empty() : Optional.of(schema(SAM + "#/definitions/" + definition));
    }

    JsonSchema samGlobals() { return schema(SAM + "#/definitions/__main____Globals"); }

    /** The schema of a CloudFormation resource's Properties, if the folder has one for the type. */
    Optional<JsonSchema> cloudFormationProperties(String type) {
        return cloudFormationDocument(type).map(doc -> schema(BASE + "cloudformation/" + fileName(type)));
    }

    /** The registry schema document of a CloudFormation type, as published (readOnlyProperties...). */
    Optional<JsonNode> cloudFormationDocument(String type) {
        return cloudFormationDocs.computeIfAbsent(type, t -> {
            Path file = dir.resolve("cloudformation").resolve(fileName(t));
            return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
        });
    }

    /** {@code AWS::SQS::Queue} -> {@code aws-sqs-queue.json}. */
    static String fileName(String type) {
        return type.toLowerCase(Locale.ROOT).replace("::", "-") + ".json";
    }

    /** The prepared schema node a message came from (to name the allowed properties, say). */
    JsonNode nodeAt(com.networknt.schema.SchemaLocation location) {
        String text = prepared.get(location.getAbsoluteIri().toString());
        if (text == null) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        JsonNode doc = parsed.computeIfAbsent(location.getAbsoluteIri().toString(), iri -> {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new TemplateException("cannot read prepared schema " + iri, e);
            }
        });
        var pointer = new StringBuilder();
        var fragment = location.getFragment();
        for (int i = 0; i < fragment.getNameCount(); i++) {
            pointer.append('/').append(String.valueOf(fragment.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return doc.at(pointer.toString());
    }

    private final Map<String, JsonNode> parsed = new ConcurrentHashMap<>();

    private JsonSchema schema(String location) {
        return schemas.computeIfAbsent(location, l -> factory.getSchema(SchemaLocation.of(l), config));
    }

    /** The schema loader's view: our prepared text for our addresses, nothing for any other. */
    private String serve(String iri) {
        if (prepared.containsKey(iri)) return prepared.get(iri);
        if (iri.startsWith(BASE + "cloudformation/")) {
            String file = iri.substring((BASE + "cloudformation/").length());
            Path path = dir.resolve("cloudformation").resolve(file);
            if (!file.contains("/") && Files.isRegularFile(path)) {
                return prepared.computeIfAbsent(iri, i -> prepare(read(path), false));
            }
        }
        return null;
    }

    /** The definitions of the document being prepared (prepare runs once per document, under the map's lock). */
    private JsonNode definitions = JsonNodeFactory.instance.objectNode();

    private synchronized String prepare(JsonNode schema, boolean sam) {
        ObjectNode root = (ObjectNode) schema.deepCopy();
        definitions = root.path("definitions");
        if (sam) linkPassThroughs(root);
        // The root (a resource's Properties, or the SAM template) is never an intrinsic, so it stays
        // unwrapped and "#/properties/..." pointers into it keep working.
        ObjectNode top = (ObjectNode) transform(root);
        if (root.has("definitions")) top.set("definitions", transformDefinitions(root.get("definitions")));
        top.put("$schema", DRAFT_07);
        try {
            return JSON.writeValueAsString(top);
        } catch (IOException e) {
            throw new TemplateException("cannot prepare schema: " + e.getMessage(), e);
        }
    }

    /**
     * SAM marks pass-through properties with {@code __samPassThrough.schemaPath}
     * ({@code [definitions, AWS::Lambda::Function, properties, Properties, properties, Timeout]} or
     * {@code [definitions, AWS::Lambda::Function.Code, properties, S3Bucket]}); point them at the
     * same place in our CloudFormation schema, when we have it.
     */
    private void linkPassThroughs(JsonNode node) {
        linkFunctionProperties(node.path("definitions"));
        linkMarkedPassThroughs(node);
    }

    /**
     * Some of a function's pass-through properties (MemorySize, Timeout, VpcConfig...) carry no
     * marker; SAM copies each to the AWS::Lambda::Function property of the same name.
     */
    private void linkFunctionProperties(JsonNode definitions) {
        String type = "AWS::Lambda::Function";
        var lambda = cloudFormationDocument(type);
        if (lambda.isEmpty()) return;
        for (String name : new String[] {"samtranslator__internal__schema_source__aws_serverless_function__Properties",
                "samtranslator__internal__schema_source__aws_serverless_function__Globals"}) {
            definitions.path(name).path("properties").fields().forEachRemaining(p -> {
                JsonNode property = p.getValue();
                boolean plainPassThrough = !property.has("__samPassThrough")
                        && property.path("allOf").size() == 1
                        && property.path("allOf").get(0).path("$ref").asText().equals("#/definitions/PassThroughProp");
                if (plainPassThrough && lambda.get().path("properties").has(p.getKey())) {
                    ((ArrayNode) property.get("allOf")).addObject()
                            .put("$ref", BASE + "cloudformation/" + fileName(type) + "#/properties/" + p.getKey());
                }
            });
        }
    }

    private void linkMarkedPassThroughs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode path = object.path("__samPassThrough").path("schemaPath");
            if (path.isArray() && path.size() >= 4) {
                String target = path.get(1).asText();
                int dot = target.indexOf('.');
                String type = dot < 0 ? target : target.substring(0, dot);
                String pointer = dot < 0
                        ? pointer(path, 4)
                        : "/definitions/" + target.substring(dot + 1) + pointer(path, 2);
                if (cloudFormationDocument(type).filter(doc -> !doc.at(pointer).isMissingNode()).isPresent()) {
                    ArrayNode allOf = object.has("allOf") ? (ArrayNode) object.get("allOf") : object.putArray("allOf");
                    allOf.addObject().put("$ref", BASE + "cloudformation/" + fileName(type) + "#" + pointer);
                }
            }
            object.forEach(this::linkMarkedPassThroughs);
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::linkMarkedPassThroughs);
        }
    }

    private static String pointer(JsonNode path, int from) {
        var sb = new StringBuilder();
        for (int i = from; i < path.size(); i++) {
            sb.append('/').append(path.get(i).asText().replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /** Rebuilds a schema with every value-position subschema wrapped by {@link #acceptIntrinsics}. */
    private JsonNode transform(JsonNode schema) {
        if (!(schema instanceof ObjectNode in)) return schema;
        ObjectNode out = in.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties", "patternProperties" -> {
                    ObjectNode wrapped = out.putObject(key);
                    value.fields().forEachRemaining(p -> wrapped.set(p.getKey(), acceptIntrinsics(transform(p.getValue()))));
                }
                case "additionalProperties", "additionalItems" ->
                        out.set(key, value.isObject() ? acceptIntrinsics(transform(value)) : value);
                case "items" -> {
                    if (in.has("prefixItems")) {
                        // folded into the prefix items, see prefixItems()
                    } else if (value.isArray()) {
                        ArrayNode items = out.putArray(key);
                        value.forEach(item -> items.add(acceptIntrinsics(transform(item))));
                    } else {
                        out.set(key, acceptIntrinsics(transform(value)));
                    }
                }
                case "anyOf" -> {
                    if (!discriminated(value, out)) value.forEach(branch -> array(out, key).add(transform(branch)));
                }
                case "allOf", "oneOf" -> value.forEach(branch -> array(out, key).add(transform(branch)));
                case "not", "if", "then", "else" -> out.set(key, transform(value));
                case "dependencies" -> {
                    ObjectNode deps = dependencies(out);
                    value.fields().forEachRemaining(d -> deps.set(d.getKey(), transform(d.getValue())));
                }
                case "definitions" -> { /* set at the root by prepare() */ }
                case "prefixItems" -> prefixItems(in, value, out);
                case "dependentRequired" -> dependencies(out).setAll((ObjectNode) value);
                case "dependentExcluded" -> value.fields().forEachRemaining(d -> {
                    ArrayNode anyOf = dependencies(out).putObject(d.getKey()).putObject("not").putArray("anyOf");
                    d.getValue().forEach(other -> anyOf.addObject().putArray("required").add(other));
                });
                default -> {
                    // registry and SAM metadata (typeName, readOnlyProperties, insertionOrder, uniqueKeys,
                    // __samPassThrough...) is not for validation: keep only what draft-07 knows
                    if (DRAFT_07_KEYWORDS.contains(key)) out.set(key, value);
                }
            }
        }
        return out;
    }

    private static final java.util.Set<String> DRAFT_07_KEYWORDS = java.util.Set.of("$schema", "$id", "$ref",
            "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "format", "maxItems", "minItems", "uniqueItems", "contains",
            "maxProperties", "minProperties", "required", "propertyNames");

    private static ArrayNode array(ObjectNode schema, String key) {
        return schema.has(key) ? (ArrayNode) schema.get(key) : schema.putArray(key);
    }

    /**
     * SAM's event sources are an {@code anyOf} of ~20 schemas told apart by their {@code Type}.
     * A validator reports every branch's complaints for one bad event; rewritten as "Type is one
     * of these, and if Type is SQS then the SQS schema", only the chosen kind's problems remain.
     */
    private boolean discriminated(JsonNode branches, ObjectNode out) {
        var types = new java.util.ArrayList<String>();
        for (JsonNode branch : branches) {
            String ref = branch.path("$ref").asText("");
            if (branch.size() != 1 || !ref.startsWith("#/definitions/")) return false;
            JsonNode definition = definitions.path(ref.substring("#/definitions/".length()));
            JsonNode type = definition.path("properties").path("Type").path("enum");
            boolean required = false;
            for (JsonNode r : definition.path("required")) required |= r.asText().equals("Type");
            if (type.size() != 1 || !required) return false;
            types.add(type.get(0).asText());
        }
        ArrayNode allOf = array(out, "allOf");
        ObjectNode known = allOf.addObject();
        known.putArray("required").add("Type");
        ArrayNode names = known.putObject("properties").putObject("Type").putArray("enum");
        types.forEach(names::add);
        for (int i = 0; i < types.size(); i++) {
            ObjectNode when = allOf.addObject();
            ObjectNode test = when.putObject("if");
            test.putArray("required").add("Type");
            test.putObject("properties").putObject("Type").put("const", types.get(i));
            when.set("then", branches.get(i));
        }
        return true;
    }

    private static ObjectNode dependencies(ObjectNode schema) {
        return schema.has("dependencies") ? (ObjectNode) schema.get("dependencies") : schema.putObject("dependencies");
    }

    /**
     * cfn-lint writes "first item HASH, second RANGE, every item a KeySchema" as 2020-12
     * {@code prefixItems} beside {@code items}; in draft-07 terms each leading item must match both.
     */
    private void prefixItems(ObjectNode in, JsonNode prefix, ObjectNode out) {
        JsonNode every = in.has("items") && in.get("items").isObject() ? in.get("items") : null;
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (JsonNode first : prefix) {
            ObjectNode both = JsonNodeFactory.instance.objectNode();
            ArrayNode allOf = both.putArray("allOf").add(transform(first));
            if (every != null) allOf.add(transform(every));
            items.add(acceptIntrinsics(both));
        }
        out.set("items", items);
        if (every != null) out.set("additionalItems", acceptIntrinsics(transform(every)));
    }

    private JsonNode transformDefinitions(JsonNode definitions) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        definitions.fields().forEachRemaining(d -> out.set(d.getKey(), transform(d.getValue())));
        return out;
    }

    /** {@code if (one key: Ref or Fn::*) then accept else schema}. */
    private static JsonNode acceptIntrinsics(JsonNode schema) {
        var f = JsonNodeFactory.instance;
        ObjectNode intrinsic = f.objectNode().put("type", "object").put("minProperties", 1).put("maxProperties", 1);
        intrinsic.putObject("propertyNames").put("pattern", "^(Ref|Fn::[A-Za-z]+)$");
        ObjectNode wrapper = f.objectNode();
        wrapper.set("if", intrinsic);
        wrapper.put("then", true);
        wrapper.set("else", schema);
        return wrapper;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TemplateException(file + ": not a readable JSON schema: " + e.getMessage(), e);
        }
    }
}
