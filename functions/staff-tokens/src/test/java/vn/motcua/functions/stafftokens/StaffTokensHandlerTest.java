package vn.motcua.functions.stafftokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.local.stack.MotoServer;
import vn.motcua.local.stack.ProjectDirectory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trigger through its real event ({@code events/cognito-pre-token-generation.json}) against a user pool
 * on moto's Cognito: members with and without TOTP turned on, as Cognito would ask before issuing tokens.
 */
class StaffTokensHandlerTest {

    static MotoServer moto;
    static CognitoIdentityProviderClient cognito;
    static String pool;
    /** Usernames (the pool's ids: the pool signs in with email) by who they are. */
    static final Map<String, String> users = new java.util.HashMap<>();

    @BeforeAll
    static void pool() {
        MotoServer.requiredByTest();
        moto = MotoServer.start();
        cognito = CognitoIdentityProviderClient.builder().endpointOverride(moto.endpoint()).region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        pool = cognito.createUserPool(r -> r.poolName("motcua-test-staff").mfaConfiguration("OPTIONAL")).userPool().id();
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(pool).mfaConfiguration("OPTIONAL").softwareTokenMfaConfiguration(c -> c.enabled(true)));
        String client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("desk")
                .explicitAuthFlowsWithStrings("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).userPoolClient().clientId();
        for (String group : List.of("desk", "office")) cognito.createGroup(r -> r.userPoolId(pool).groupName(group));
        users.put("office without TOTP", member("vanphong01@example.org", List.of("office")));
        users.put("office with TOTP", member("vanphong02@example.org", List.of("office")));
        users.put("desk without TOTP", member("quay01@example.org", List.of("desk")));
        users.put("both without TOTP", member("quay02@example.org", List.of("desk", "office")));

        // TOTP turned on as a member does it: sign in, associate an app, verify a code, prefer it.
        String access = cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(client).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "vanphong02@example.org", "PASSWORD", "Mat-khau-2026"))).authenticationResult().accessToken();
        cognito.associateSoftwareToken(r -> r.accessToken(access));
        cognito.verifySoftwareToken(r -> r.accessToken(access).userCode("123456"));
        cognito.setUserMFAPreference(r -> r.accessToken(access).softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username(users.get("office with TOTP"))).userMFASettingList())
                .containsExactly("SOFTWARE_TOKEN_MFA");
    }

    static String member(String email, List<String> groups) {
        var user = cognito.adminCreateUser(r -> r.userPoolId(pool).username(email).messageAction("SUPPRESS")
                .userAttributes(a -> a.name("email").value(email))).user();
        cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(email).password("Mat-khau-2026").permanent(true));
        for (String group : groups) cognito.adminAddUserToGroup(r -> r.userPoolId(pool).username(email).groupName(group));
        return user.username();
    }

    @AfterAll
    static void stop() {
        if (cognito != null) cognito.close();
        if (moto != null) moto.close();
    }

    /** The sample event for this member, with the groups Cognito found for them. */
    static ObjectNode event(String who, List<String> groups) throws IOException {
        var event = (ObjectNode) Json.mapper().readTree(Files.readString(ProjectDirectory.find().resolve("events/cognito-pre-token-generation.json")));
        event.put("userPoolId", pool).put("userName", users.getOrDefault(who, who));
        var configuration = (ObjectNode) event.path("request").path("groupConfiguration");
        var list = configuration.putArray("groupsToOverride");
        groups.forEach(list::add);
        return event;
    }

    static List<String> groupsIssued(StaffTokensHandler handler, ObjectNode event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode answer = Json.mapper().readTree(out.toByteArray());
        assertThat(answer.path("userPoolId").asText()).as("the event comes back whole").isEqualTo(pool);
        var groups = new ArrayList<String>();
        answer.path("response").path("claimsOverrideDetails").path("groupOverrideDetails").path("groupsToOverride").forEach(g -> groups.add(g.asText()));
        return groups;
    }

    static StaffTokensHandler handler(String mfaRequiredGroups) {
        return new StaffTokensHandler(SecondFactor.cognito(cognito), StaffTokensHandler.groups(mfaRequiredGroups));
    }

    @Test
    void anOfficeMemberWithoutTotpGetsNoOfficeRightsAndTheLogSaysWhichGroupWasHeldBack() throws IOException {
        var lines = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(lines, true, StandardCharsets.UTF_8));
        try {
            assertThat(groupsIssued(handler("office"), event("office without TOTP", List.of("office")))).isEmpty();
        } finally {
            Log.redirect(null);
        }
        JsonNode line = Json.mapper().readTree(lines.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.path("event").asText()).isEqualTo("groups-held-back-without-totp");
        assertThat(line.path("groups").asText()).isEqualTo("office");
        assertThat(lines.toString(StandardCharsets.UTF_8)).as("no personal data").doesNotContain("@example.org")
                .doesNotContain(users.get("office without TOTP"));
    }

    @Test
    void anOfficeMemberWithTotpKeepsTheOfficeGroup() throws IOException {
        assertThat(groupsIssued(handler("office"), event("office with TOTP", List.of("office")))).containsExactly("office");
    }

    @Test
    void theDeskNeedsNoTotpAndItsMembersAreNotLookedUp() throws IOException {
        assertThat(groupsIssued(handler("office"), event("desk without TOTP", List.of("desk")))).containsExactly("desk");
        // an unknown user would make AdminGetUser fail: nothing asked Cognito
        assertThat(groupsIssued(handler("office"), event("not-a-member-of-this-pool", List.of("desk")))).containsExactly("desk");
    }

    @Test
    void aMemberOfBothKeepsWhatNeedsNoTotp() throws IOException {
        assertThat(groupsIssued(handler("office"), event("both without TOTP", List.of("desk", "office")))).containsExactly("desk");
    }

    @Test
    void theParameterDecidesWhichGroupsNeedTotp() throws IOException {
        assertThat(groupsIssued(handler("office,desk"), event("desk without TOTP", List.of("desk")))).isEmpty();
        assertThat(groupsIssued(handler("none"), event("office without TOTP", List.of("office")))).containsExactly("office");
        assertThat(StaffTokensHandler.groups(" office , desk ,")).isEqualTo(Set.of("office", "desk"));
    }

    @Test
    void rolesAndThePreferredRoleAreCopiedSinceCognitoDropsWhatTheAnswerLeavesOut() throws IOException {
        var event = event("office with TOTP", List.of("office"));
        var configuration = (ObjectNode) event.path("request").path("groupConfiguration");
        configuration.putArray("iamRolesToOverride").add("arn:aws:iam::123456789012:role/office");
        configuration.put("preferredRole", "arn:aws:iam::123456789012:role/office");
        var out = new ByteArrayOutputStream();
        handler("office").handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode details = Json.mapper().readTree(out.toByteArray()).path("response").path("claimsOverrideDetails").path("groupOverrideDetails");
        assertThat(details.path("iamRolesToOverride").get(0).asText()).isEqualTo("arn:aws:iam::123456789012:role/office");
        assertThat(details.path("preferredRole").asText()).isEqualTo("arn:aws:iam::123456789012:role/office");
    }

    @Test
    void whenTheSettingsCannotBeReadTheSignInFailsRatherThanGrantTheGroup() {
        assertThatThrownBy(() -> groupsIssued(handler("office"), event("not-a-member-of-this-pool", List.of("office"))))
                .isInstanceOf(UserNotFoundException.class);
    }
}
