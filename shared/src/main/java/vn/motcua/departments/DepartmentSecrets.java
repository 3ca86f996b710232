package vn.motcua.departments;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.ssm.SsmClient;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.edge.Json;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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

    /** The setting's value that selects {@link SsmDepartmentSecrets} (the template's default). */
    String SSM = "ssm";

    /**
     * The secrets the function's {@code DEPARTMENT_SECRETS} setting names: {@value #SSM} for Parameter
     * Store (in AWS), or the JSON object itself (the local run and the tests). Anything else is a
     * deployment mistake, reported without echoing the value (it may be a secret).
     */
    static DepartmentSecrets fromSetting(String setting, Supplier<Catalog> catalog, Supplier<SsmClient> ssm) {
        if (setting == null || setting.isBlank()) throw new IllegalStateException("DEPARTMENT_SECRETS is not set: 'ssm' or a JSON object");
        String value = setting.trim();
        if (value.equals(SSM)) return new SsmDepartmentSecrets(ssm.get(), catalog, Clock.systemUTC());
        if (value.startsWith("{")) return fromJson(value, "DEPARTMENT_SECRETS");
        throw new IllegalStateException("DEPARTMENT_SECRETS is neither 'ssm' nor a JSON object");
    }

    /** Parses {@code {"agency-id": "secret"}}; every secret must be at least 32 characters. */
    static DepartmentSecrets fromJson(String json, String source) {
        JsonNode root;
        try {
            root = Json.tree(json);
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
