package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local JWT authorizer against moto's Cognito, claim by claim as API Gateway's HTTP API authorizer checks
 * them (kid and signature, iss, aud or client_id, exp), token_use left alone as API Gateway leaves it, and the
 * pool's pre-token-generation trigger run once per issued token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAuthorizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TestPool pool;
    private HttpApiSpec.JwtAuthorizer staff;

    @BeforeAll
    void start() {
        pool = TestPool.start();
        staff = new HttpApiSpec.JwtAuthorizer("Staff", "authorization", pool.issuer(), List.of(pool.clientId));
    }

    @AfterAll
    void stop() {
        if (pool != null) pool.close();
    }

    private JwtAuthorizer authorizer(Clock clock, Map<String, JwtAuthorizer.TokenTrigger> triggers) {
        return new JwtAuthorizer(pool.moto.endpoint(), RunnerFixture.REGION, triggers, clock);
    }

    private static String reason(JwtAuthorizer.Decision decision) {
        assertThat(decision).isInstanceOf(JwtAuthorizer.Denied.class);
        var denied = (JwtAuthorizer.Denied) decision;
        assertThat(denied.status()).isEqualTo(401);
        return denied.wwwAuthenticate();
    }

    @Test
    void theIdTokenOfThePoolsClientPassesWithOrWithoutBearer() {
        var tokens = pool.signIn();
        var authorizer = authorizer(Clock.systemUTC(), Map.of());
        assertThat(authorizer.authorize(staff, List.of(), "Bearer " + tokens.idToken())).isInstanceOf(JwtAuthorizer.Allowed.class);
        assertThat(authorizer.authorize(staff, List.of(), tokens.idToken())).isInstanceOf(JwtAuthorizer.Allowed.class);
    }

    @Test
    void anAccessTokenPassesToo_apiGatewayReadsClientIdWhenThereIsNoAudAndNeverTokenUse() {
        var decision = authorizer(Clock.systemUTC(), Map.of()).authorize(staff, List.of(), pool.signIn().accessToken());
        assertThat(decision).isInstanceOf(JwtAuthorizer.Allowed.class);
        var claims = ((JwtAuthorizer.Allowed) decision).claims();
        assertThat(claims).containsEntry("token_use", "access").containsEntry("client_id", pool.clientId).doesNotContainKey("aud");
    }

    @Test
    void anExpiredTokenIsRefused() {
        var later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertThat(reason(authorizer(later, Map.of()).authorize(staff, List.of(), pool.signIn().idToken()))).contains("expired");
    }

    @Test
    void anotherAppClientsTokenHasTheWrongAudience() {
        String other = pool.cognito.createUserPoolClient(b -> b.userPoolId(pool.poolId).clientName("another")).userPoolClient().clientId();
        String token = pool.cognito.initiateAuth(b -> b.clientId(other).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", TestPool.CLERK, "PASSWORD", TestPool.PASSWORD))).authenticationResult().idToken();
        assertThat(reason(authorizer(Clock.systemUTC(), Map.of()).authorize(staff, List.of(), token))).contains("audience");
    }

    @Test
    void anotherPoolsTokenHasAnUntrustedIssuer_evenSignedWithTheSameKey() {
        // moto signs every pool's tokens with one key: only the issuer tells them apart, as it must
        var otherPool = new HttpApiSpec.JwtAuthorizer("Other", "authorization",
                "https://cognito-idp.ap-southeast-1.amazonaws.com/" + TestPool.pool(pool.cognito, "another-pool"), List.of(pool.clientId));
        assertThat(reason(authorizer(Clock.systemUTC(), Map.of()).authorize(otherPool, List.of(), pool.signIn().idToken()))).contains("issuer");
    }

    @Test
    void theTriggerDecidesTheGroupsOncePerIssuedToken() {
        var calls = new AtomicInteger();
        JwtAuthorizer.TokenTrigger holdDeskBack = event -> {
            calls.incrementAndGet();
            ObjectNode e = (ObjectNode) JSON.readTree(event);
            assertThat(e.path("triggerSource").asText()).isEqualTo("TokenGeneration_Authentication");
            assertThat(e.path("userPoolId").asText()).isEqualTo(pool.poolId);
            assertThat(e.path("callerContext").path("clientId").asText()).isEqualTo(pool.clientId);
            assertThat(e.path("request").path("groupConfiguration").path("groupsToOverride").toString()).isEqualTo("[\"desk\"]");
            e.putObject("response").putObject("claimsOverrideDetails").putObject("groupOverrideDetails").putArray("groupsToOverride");
            return JSON.writeValueAsBytes(e);
        };
        var authorizer = authorizer(Clock.systemUTC(), Map.of(pool.poolId, holdDeskBack));
        String token = pool.signIn().idToken();

        var first = (JwtAuthorizer.Allowed) authorizer.authorize(staff, List.of(), token);
        var second = (JwtAuthorizer.Allowed) authorizer.authorize(staff, List.of(), token);

        assertThat(first.claims()).doesNotContainKey("cognito:groups");
        assertThat(second.claims()).isEqualTo(first.claims());
        assertThat(calls).hasValue(1);
        authorizer.authorize(staff, List.of(), pool.signIn().idToken());
        assertThat(calls).as("a new sign-in, a new token: the trigger runs again").hasValue(2);
    }

    @Test
    void aFailingTriggerRefusesTheToken_asCognitoRefusesToIssueIt() {
        JwtAuthorizer.TokenTrigger failing = event -> { throw new IllegalStateException("AdminGetUser failed"); };
        assertThat(reason(authorizer(Clock.systemUTC(), Map.of(pool.poolId, failing)).authorize(staff, List.of(), pool.signIn().idToken())))
                .contains("trigger");
    }
}
