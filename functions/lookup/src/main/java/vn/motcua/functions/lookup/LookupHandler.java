package vn.motcua.functions.lookup;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.desk.LookupSecret;
import vn.motcua.desk.PublicStatus;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Log;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /public/dossiers/{code}}: the citizen's status page, without sign-in. The dossier code
 * is guessable, so the receipt's secret is required too, preferably in the {@code x-lookup-secret}
 * header (a query string lands in access logs and browser history; {@code ?secret=} is still
 * accepted for a link typed from the paper receipt).
 *
 * <p>An unknown code, a malformed code, a missing or wrong secret: one and the same 404, byte for
 * byte, and the same work on the way (the catalog is read and a hash computed every time), so
 * neither the body nor the time tells which codes exist. Answers are never cached.
 */
public final class LookupHandler extends HttpFunction {

    static final String SECRET_HEADER = "x-lookup-secret";
    static final String SECRET_PARAMETER = "secret";
    /** A secret is 8 characters; anything much longer is not one, and is not worth hashing in full. */
    static final int MAX_SECRET = 64;

    /** What a wrong guess gets, whatever was wrong. */
    static final HttpResponse NOT_FOUND = HttpResponse.problem(new BadInput(404, "NOT_FOUND",
                    "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập. Xin kiểm tra lại hai mã in trên giấy tiếp nhận hồ sơ.",
                    List.of()))
            .withHeader("cache-control", "no-store");

    /** Stands in for a dossier that does not exist, so the wrong path hashes like the right one. */
    private static final DossierCode DECOY_CODE = new DossierCode("000.00.00.H00-000101-0000");
    private static final byte[] DECOY_HASH = LookupSecret.hash(DECOY_CODE, "decoy").getBytes(StandardCharsets.UTF_8);

    private final DossierRepository dossiers;
    private final ReferenceData reference;

    public LookupHandler() {
        this(new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC()));
        Priming.register(this, "priming/lookup.json", java.util.List.of(DynamoDbClient.class));
    }

    LookupHandler(DossierRepository dossiers, ReferenceData reference) {
        this.dossiers = dossiers;
        this.reference = reference;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) {
        var catalog = reference.current().catalog();
        String secret = secret(request);
        String text = request.pathParameters().get("code");
        Optional<Dossier> dossier = DossierCode.isValid(text) ? dossiers.find(new DossierCode(text)) : Optional.empty();
        // One hash and one constant-time comparison on every path (the decoy's when there is no
        // dossier, a blank secret included); LookupSecret stays the judge of a match.
        byte[] expected = dossier.map(d -> d.lookupSecret().getBytes(StandardCharsets.UTF_8)).orElse(DECOY_HASH);
        DossierCode hashedFor = dossier.map(Dossier::code).orElse(DECOY_CODE);
        boolean equal = MessageDigest.isEqual(expected, LookupSecret.hash(hashedFor, secret).getBytes(StandardCharsets.UTF_8));
        boolean opens = equal && dossier.isPresent() && LookupSecret.matches(dossier.get(), secret);
        if (!opens) {
            // The code is an identifier, not personal data; which check failed stays in the log only.
            Log.info("lookup.denied").with("requestId", request.requestId())
                    .with("reason", dossier.isPresent() ? "secret" : DossierCode.isValid(text) ? "unknown" : "malformed").write();
            return NOT_FOUND;
        }
        Log.info("lookup.answered").with("requestId", request.requestId()).with("dossier", text).write();
        return HttpResponse.ok(PublicStatus.render(dossier.get(), catalog)).withHeader("cache-control", "no-store");
    }

    private static String secret(HttpRequest request) {
        String s = request.header(SECRET_HEADER).filter(v -> !v.isBlank())
                .or(() -> request.queryParameter(SECRET_PARAMETER)).orElse("");
        return s.length() > MAX_SECRET ? "" : s;
    }
}
