package vn.motcua.functions.lookup;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.desk.CitizenRating;
import vn.motcua.desk.PublicLookup;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /public/dossiers/{code}}: the citizen's status page, without sign-in ({@link PublicLookup});
 * {@code POST /public/dossiers/{code}/rating}: the citizen's rating of a returned dossier ({@link CitizenRating}),
 * with the same secret, served here because it is the same public surface, the same secret check and the same
 * throttled, unauthenticated route family.
 * The receipt's secret is required too, in the {@code x-lookup-secret} header only (a query string
 * lands in access logs and browser history: {@code ?secret=} is not read). An unknown code, a malformed code, a missing or wrong secret: one and the same 404, byte
 * for byte. Answers are never cached.
 */
public final class LookupHandler extends HttpFunction {

    static final String SECRET_HEADER = "x-lookup-secret";
    /** A secret is 8 characters; anything much longer is not one, and is not worth hashing in full. */
    static final int MAX_SECRET = 64;

    /** What a wrong guess gets, whatever was wrong. */
    static final HttpResponse NOT_FOUND = HttpResponse.problem(new BadInput(404, "NOT_FOUND",
                    "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập. Xin kiểm tra lại hai mã in trên giấy tiếp nhận hồ sơ.",
                    List.of()))
            .withHeader("cache-control", "no-store");

    static final String RATE_ROUTE = "POST /public/dossiers/{code}/rating";

    private final PublicLookup lookup;
    private final CitizenRating rating;

    public LookupHandler() {
        this(Wiring.fromEnvironment().publicLookup(), Wiring.fromEnvironment().citizenRating());
        Rehearsal.register(this, List.of(DynamoDbClient.class), world -> {
            var returned = world.returned(); // looked up, then rated
            return new Rehearsal.Act(new LookupHandler(world.wiring().publicLookup(), world.wiring().citizenRating()),
                    List.of("priming/lookup.json", "priming/lookup-rating.json"), Map.of("CODE", returned.code().value()));
        });
    }

    LookupHandler(PublicLookup lookup, CitizenRating rating) {
        this.lookup = lookup;
        this.rating = rating;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        // the header only: a query string lands in access logs and browser history
        String secret = request.header(SECRET_HEADER).filter(v -> !v.isBlank()).orElse("");
        secret = secret.length() > MAX_SECRET ? "" : secret;
        if (request.route().equals(RATE_ROUTE)) {
            var answer = rating.rate(request.pathParameters().get("code"), secret, request.jsonBody(), request.requestId());
            return HttpResponse.json(201, answer).withHeader("cache-control", "no-store");
        }
        return lookup.status(request.pathParameters().get("code"), secret, request.requestId())
                .map(status -> HttpResponse.ok(status).withHeader("cache-control", "no-store")).orElse(NOT_FOUND);
    }
}
