package vn.motcua.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter Store's {@code GetParameters}, decrypted, as one signed awsJson1_1 call (POST / with
 * {@code X-Amz-Target: AmazonSSM.GetParameters}) instead of the SSM module (5.7 MiB): the one SSM
 * call the functions make. Endpoint {@code https://ssm.<region>.amazonaws.com} or {@code AWS_ENDPOINT_URL_SSM}.
 */
public final class SsmParameters implements AutoCloseable {

    /** GetParameters' limit per call. */
    public static final int NAMES_PER_CALL = 10;

    private final SignedJson calls;

    SsmParameters(AwsSettings settings) {
        this.calls = new SignedJson(settings, AwsSettings.SSM, "ssm", "ssm");
    }

    /** The values of those of {@code names} that exist (at most {@link #NAMES_PER_CALL}), by name; SecureStrings decrypted. */
    public Map<String, String> decrypted(List<String> names) {
        if (names.size() > NAMES_PER_CALL) throw new IllegalArgumentException("at most " + NAMES_PER_CALL + " names per call");
        ObjectNode request = Json.object();
        var array = request.putArray("Names");
        names.forEach(array::add);
        request.put("WithDecryption", true);
        String answer = calls.post("GetParameters", "/", Map.of("X-Amz-Target", "AmazonSSM.GetParameters",
                "Content-Type", "application/x-amz-json-1.1"), Json.write(request));
        JsonNode root;
        try {
            root = Json.tree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("GetParameters: the answer is not JSON", e);
        }
        Map<String, String> values = new HashMap<>();
        for (JsonNode p : root.path("Parameters")) {
            if (p.hasNonNull("Name") && p.hasNonNull("Value")) values.put(p.get("Name").asText(), p.get("Value").asText());
        }
        return values;
    }

    @Override
    public void close() {
        calls.close();
    }
}
