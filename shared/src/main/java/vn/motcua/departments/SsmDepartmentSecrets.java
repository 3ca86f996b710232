package vn.motcua.departments;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Catalog;

import vn.motcua.aws.Priming;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The departments' secrets from SSM Parameter Store: one SecureString per agency, named by the
 * catalog ({@code callback.signingSecretParameter}). All are read in one {@code GetParameters} call
 * per ten agencies, decrypted, and kept for {@link #FRESH_FOR}, so a rotated secret is picked up
 * within minutes without a call per message. A parameter that is missing is reported as no secret
 * (the caller refuses the agency), never as an empty key.
 */
public final class SsmDepartmentSecrets implements DepartmentSecrets, Priming.Renewable {

    static final Duration FRESH_FOR = Duration.ofMinutes(5);
    static final Duration MISS_RETRY = Duration.ofSeconds(30);
    private static final int NAMES_PER_CALL = 10; // GetParameters' limit

    private final SsmClient ssm;
    private final Supplier<Catalog> catalog;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, byte[]> secrets, Instant readAt) {}

    public SsmDepartmentSecrets(SsmClient ssm, Supplier<Catalog> catalog, Clock clock) {
        this.ssm = ssm;
        this.catalog = catalog;
        this.clock = clock;
        Priming.renewAfterRestore(this);
    }

    /** After a SnapStart restore: secrets read before the snapshot may have been rotated since. */
    @Override
    public void renewAfterRestore() {
        snapshot = null;
    }

    @Override
    public Optional<byte[]> secretOf(String agencyId) {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(FRESH_FOR).isBefore(now)
                // a secret just added is looked for again, but at most every MISS_RETRY, so calls naming
                // an agency without one cannot turn into a flood of SSM requests
                || (!current.secrets().containsKey(agencyId) && current.readAt().plus(MISS_RETRY).isBefore(now))) {
            current = read();
        }
        return Optional.ofNullable(current.secrets().get(agencyId)).map(byte[]::clone);
    }

    private synchronized Snapshot read() {
        Map<String, String> agencyByParameter = new HashMap<>();
        for (Agency agency : catalog.get().agencies()) {
            agencyByParameter.put(agency.callback().signingSecretParameter(), agency.id());
        }
        Map<String, byte[]> secrets = new HashMap<>();
        List<String> names = new ArrayList<>(agencyByParameter.keySet());
        for (int from = 0; from < names.size(); from += NAMES_PER_CALL) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + NAMES_PER_CALL));
            for (Parameter p : ssm.getParameters(r -> r.names(batch).withDecryption(true)).parameters()) {
                String agency = agencyByParameter.get(p.name());
                if (agency != null && p.value() != null && p.value().length() >= 32) {
                    secrets.put(agency, p.value().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        Snapshot fresh = new Snapshot(Map.copyOf(secrets), clock.instant());
        snapshot = fresh;
        return fresh;
    }
}
