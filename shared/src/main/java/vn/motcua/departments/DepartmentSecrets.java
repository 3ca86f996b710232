package vn.motcua.departments;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.edge.Json;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each department's own signing secret, by agency id. In AWS they are SecureString parameters in
 * SSM Parameter Store (the catalog names each one: {@code callback.signingSecretParameter}); in the
 * local run and the tests they come from a JSON object {@code {"agency-id": "secret", ...}}
 * ({@code infra/local/department-secrets.json}, development values only).
 */
@FunctionalInterface
public interface DepartmentSecrets {

    /** The secret's bytes (UTF-8 of the stored text), or empty when the agency has none. */
    Optional<byte[]> secretOf(String agencyId);

    /** Parses {@code {"agency-id": "secret"}}; every secret must be at least 32 characters. */
    static DepartmentSecrets fromJson(String json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": expected a JSON object of agency id -> secret");
        Map<String, byte[]> secrets = new HashMap<>();
        root.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("_")) return; // comments
            String value = e.getValue().asText("");
            if (value.length() < 32) throw new IllegalArgumentException(source + ": the secret of " + e.getKey() + " is shorter than 32 characters");
            secrets.put(e.getKey(), value.getBytes(StandardCharsets.UTF_8));
        });
        return agency -> Optional.ofNullable(secrets.get(agency)).map(byte[]::clone);
    }
}
