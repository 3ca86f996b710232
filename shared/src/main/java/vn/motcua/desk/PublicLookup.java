package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.Log;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Ratings;
import vn.motcua.store.ReferenceData;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The citizen's status page, without sign-in: the dossier code is guessable, so the receipt's secret is
 * required too. An unknown code, a malformed code, a missing or wrong secret: one and the same answer
 * (empty), and the same work on the way (the catalog is read and a hash computed every time), so neither
 * the answer nor the time tells which codes exist.
 */
public record PublicLookup(Dossiers dossiers, Supplier<ReferenceData.Snapshot> reference, Ratings ratings) {

    /** Stands in for a dossier that does not exist, so the wrong path hashes like the right one. */
    private static final DossierCode DECOY_CODE = new DossierCode("000.00.00.H00-000101-0000");
    private static final byte[] DECOY_HASH = LookupSecret.hash(DECOY_CODE, "decoy").getBytes(StandardCharsets.UTF_8);

    /** The public status ({@link PublicStatus}) when {@code code} names a dossier and {@code secret} opens it; else empty. */
    public Optional<ObjectNode> status(String code, String secret, String requestId) {
        var catalog = reference.get().catalog();
        Optional<Dossier> dossier = DossierCode.isValid(code) ? dossiers.find(new DossierCode(code)) : Optional.empty();
        // One hash and one constant-time comparison on every path (the decoy's when there is no
        // dossier, a blank secret included); LookupSecret stays the judge of a match.
        byte[] expected = dossier.map(d -> d.lookupSecret().getBytes(StandardCharsets.UTF_8)).orElse(DECOY_HASH);
        DossierCode hashedFor = dossier.map(Dossier::code).orElse(DECOY_CODE);
        boolean equal = MessageDigest.isEqual(expected, LookupSecret.hash(hashedFor, secret).getBytes(StandardCharsets.UTF_8));
        boolean opens = equal && dossier.isPresent() && LookupSecret.matches(dossier.get(), secret);
        if (!opens) {
            // The code is an identifier, not personal data; which check failed stays in the log only.
            Log.info("lookup.denied").with("requestId", requestId)
                    .with("reason", dossier.isPresent() ? "secret" : DossierCode.isValid(code) ? "unknown" : "malformed").write();
            return Optional.empty();
        }
        Log.info("lookup.answered").with("requestId", requestId).with("dossier", code).write();
        var status = PublicStatus.render(dossier.get(), catalog);
        // The citizen's rating (CitizenRating): offered once the result is returned, until given.
        var given = ratings.find(dossier.get().code());
        var rating = status.putObject("rating").put("open", CitizenRating.open(dossier.get(), given));
        given.ifPresentOrElse(g -> rating.putObject("given").put("score", g.score())
                .put("dayText", g.day().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))), () -> rating.putNull("given"));
        return Optional.of(status);
    }
}
