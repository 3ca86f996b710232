package vn.motcua.functions.stafftokens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cognito's pre-token-generation trigger (event version 1): before the staff pool issues tokens (sign-in,
 * new password, refresh), the groups of {@code MFA_REQUIRED_GROUPS} are left out of the tokens of a member
 * who has not turned TOTP on. Cognito applies the answer's {@code groupOverrideDetails} to the
 * {@code cognito:groups} claim of both the ID and the access token, and every staff route reads its rights
 * from that claim: no office route is reached without the second factor. Such a member still signs in (with
 * the groups that need nothing) and can turn TOTP on with the access token; from then on Cognito asks for a
 * code at every sign-in and the tokens carry the group.
 *
 * <p>The answer always copies the request's group configuration (Cognito drops every group when the answer
 * has none). A failure to read the member's MFA settings throws: Cognito then refuses the sign-in, which is
 * what a check that could not be made must do.
 */
public final class StaffTokensHandler implements RequestStreamHandler {

    private final SecondFactor secondFactor;
    private final Set<String> groupsNeedingTotp;

    public StaffTokensHandler() {
        this(SecondFactor.cognito(AwsClients.cognitoIdentityProvider()), groups(Environment.getOrDefault("MFA_REQUIRED_GROUPS", "office")));
        // a member of a group that needs no second factor: the event read and answered, Cognito not asked
        Priming.register(this, "priming/staff-tokens.json", List.of(CognitoIdentityProviderClient.class));
    }

    StaffTokensHandler(SecondFactor secondFactor, Set<String> groupsNeedingTotp) {
        this.secondFactor = secondFactor;
        this.groupsNeedingTotp = Set.copyOf(groupsNeedingTotp);
    }

    /** {@code office,desk} as a set; {@code none} (or nothing) for no group. */
    static Set<String> groups(String list) {
        var groups = new LinkedHashSet<String>();
        for (String g : list.split(",")) if (!g.isBlank() && !g.strip().equals("none")) groups.add(g.strip());
        return groups;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode event = (ObjectNode) Json.read(input);
        JsonNode configuration = event.path("request").path("groupConfiguration");
        List<String> groups = new ArrayList<>();
        configuration.path("groupsToOverride").forEach(g -> groups.add(g.asText()));
        List<String> needing = groups.stream().filter(groupsNeedingTotp::contains).toList();
        List<String> held = needing.isEmpty() || secondFactor.hasTotp(event.path("userPoolId").asText(), event.path("userName").asText())
                ? List.of() : needing;
        ArrayNode kept = Json.array();
        groups.stream().filter(g -> !held.contains(g)).forEach(kept::add);

        ObjectNode override = Json.object();
        override.set("groupsToOverride", kept);
        override.set("iamRolesToOverride", configuration.path("iamRolesToOverride").isArray()
                ? configuration.path("iamRolesToOverride").deepCopy() : Json.array());
        if (configuration.path("preferredRole").isTextual()) override.put("preferredRole", configuration.path("preferredRole").asText());
        ObjectNode details = Json.object();
        details.set("groupOverrideDetails", override);
        ObjectNode response = Json.object();
        response.set("claimsOverrideDetails", details);
        event.set("response", response);

        if (!held.isEmpty()) {
            // an identifier only (the pool's user id), never the member's email
            Log.info("groups-held-back-without-totp").with("groups", String.join(",", held))
                    .with("trigger", event.path("triggerSource").asText())
                    .with("requestId", context == null ? null : context.getAwsRequestId()).write();
        }
        output.write(Json.write(event).getBytes(StandardCharsets.UTF_8));
    }
}
