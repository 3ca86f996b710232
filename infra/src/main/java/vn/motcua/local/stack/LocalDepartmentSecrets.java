package vn.motcua.local.stack;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The departments' development signing secrets ({@code infra/local/department-secrets.json}) put where
 * AWS keeps the real ones: one SecureString per agency in SSM Parameter Store (the local one, moto's),
 * under the name the catalog gives ({@code callback.signingSecretParameter}), encrypted with the key the
 * deploy section names. The dispatcher and the updates endpoint then read them with the same code as on
 * AWS ({@code SsmDepartmentSecrets}); the department simulator, playing the departments, reads the file.
 */
public final class LocalDepartmentSecrets {

    public static final String FILE = "infra/local/department-secrets.json";

    private LocalDepartmentSecrets() {}

    /** The file's text, checked as the functions would check a secret (a JSON object, each at least 32 characters). */
    public static String read(Path project) {
        Path file = project.resolve(FILE);
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            DepartmentSecrets.fromJson(json, file.toString());
            return json;
        } catch (IOException e) {
            throw new LocalStackException("cannot read the local department secrets " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new LocalStackException(e.getMessage(), e);
        }
    }

    /**
     * Puts each catalog agency's secret (overwriting): the agencies the file has no secret for get none, as a
     * department not yet set up in AWS has none (its callbacks are then refused, not signed with nothing).
     *
     * @param keyId the KMS key the deploy section encrypts them with ({@code alias/motcua-<stage>-department-secrets})
     * @return how many were put
     */
    public static int putInto(SsmClient ssm, Catalog catalog, String json, String keyId) {
        var secrets = DepartmentSecrets.fromJson(json, FILE);
        int put = 0;
        for (Agency agency : catalog.agencies()) {
            var secret = secrets.secretOf(agency.id());
            if (secret.isEmpty()) continue;
            String value = new String(secret.get(), StandardCharsets.UTF_8);
            ssm.putParameter(b -> b.name(agency.callback().signingSecretParameter()).type(ParameterType.SECURE_STRING)
                    .keyId(keyId).value(value).overwrite(true));
            put++;
        }
        return put;
    }
}
