package vn.motcua.schemas;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.InputStreamSource;
import vn.motcua.edge.Json;

import java.io.FileNotFoundException;

/**
 * The JSON Schemas packaged with the code (the message contracts, the operator's reference files),
 * and the one place that sets up the validator library. A schema's {@code $id} under {@link #BASE}
 * names its class-path resource ({@code https://motcua.invalid/contracts/routing-job.schema.json} is
 * {@code contracts/routing-job.schema.json}), so nothing is fetched over the network. The validator
 * is an optional dependency: only code that checks a message or publishes reference data loads it.
 */
public final class JsonSchemas {

    /** The base of every schema's {@code $id}; the host never resolves. */
    public static final String BASE = "https://motcua.invalid/";

    /** Formats (date, date-time, uri, email) are assertions, not just annotations; locations are JSON pointers. */
    public static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();

    /** The sentence a rule's refusal is worded with, in the reference files' schemas: not a rule itself. */
    public static final String MESSAGE_KEYWORD = "x-message";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.jsonMapper(Json.mapper())
                    .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                            .keyword(new NonValidationKeyword(MESSAGE_KEYWORD)).build())
                    .schemaLoaders(loaders -> loaders.values(list -> list.add(0, JsonSchemas::load))));

    private JsonSchemas() {}

    public static JsonSchemaFactory factory() { return FACTORY; }

    /** The packaged schema at {@code resource} (e.g. {@code reference/agencies.schema.json}), its $refs resolved now. */
    public static JsonSchema load(String resource) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + resource), CONFIG);
        schema.initializeValidators(); // resolve the $refs now, not halfway through the first check
        return schema;
    }

    /** Our schemas come from the class path next to this class, whatever the thread's class loader. */
    private static InputStreamSource load(AbsoluteIri iri) {
        String text = iri.toString();
        if (!text.startsWith(BASE)) return null;
        String resource = "/" + text.substring(BASE.length());
        return () -> {
            var in = JsonSchemas.class.getResourceAsStream(resource);
            if (in == null) throw new FileNotFoundException(resource);
            return in;
        };
    }
}
