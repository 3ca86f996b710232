package vn.motcua.local.runner;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.local.stack.MotoServer;

import java.util.Map;

/**
 * A user pool in moto's Cognito for the runner's tests, made as an administrator makes one: a pool with email
 * as the username, an app client, the group desk, and a clerk in it with a permanent password.
 */
final class TestPool implements AutoCloseable {

    static final String CLERK = "quay01@buudien.quangngai.vn";
    static final String PASSWORD = "Quay01-local";

    final MotoServer moto;
    final CognitoIdentityProviderClient cognito;
    final String poolId;
    final String clientId;
    final String clerkSub;

    private TestPool(MotoServer moto, CognitoIdentityProviderClient cognito, String poolId, String clientId, String clerkSub) {
        this.moto = moto;
        this.cognito = cognito;
        this.poolId = poolId;
        this.clientId = clientId;
        this.clerkSub = clerkSub;
    }

    static TestPool start() {
        MotoServer.requiredByTest();
        var moto = MotoServer.start();
        try {
            var cognito = AwsClients.newCognitoIdentityProvider(AwsSettings.from(Map.of("AWS_REGION", RunnerFixture.REGION,
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", moto.endpoint().toString())));
            String pool = pool(cognito, "runner-test");
            String client = cognito.createUserPoolClient(b -> b.userPoolId(pool).clientName("desk")).userPoolClient().clientId();
            cognito.createGroup(b -> b.userPoolId(pool).groupName("desk"));
            var user = cognito.adminCreateUser(b -> b.userPoolId(pool).username(CLERK).temporaryPassword("Temporary-123")
                    .messageAction(MessageActionType.SUPPRESS).userAttributes(AttributeType.builder().name("email").value(CLERK).build()));
            cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username(CLERK).groupName("desk"));
            cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(CLERK).password(PASSWORD).permanent(true));
            String sub = user.user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
            return new TestPool(moto, cognito, pool, client, sub);
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
    }

    /** Another pool of the same Cognito (same signing key in moto): its tokens have another issuer. */
    static String pool(CognitoIdentityProviderClient cognito, String name) {
        return cognito.createUserPool(b -> b.poolName(name).usernameAttributesWithStrings("email")).userPool().id();
    }

    String issuer() {
        return "https://cognito-idp." + RunnerFixture.REGION + ".amazonaws.com/" + poolId;
    }

    AuthenticationResultType signIn() {
        return cognito.initiateAuth(b -> b.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", CLERK, "PASSWORD", PASSWORD))).authenticationResult();
    }

    /** The runner's setup with this pool's ids in the template's UserPool and UserPoolClient. */
    LocalRunner.Setup setup(java.nio.file.Path project) {
        var setup = RunnerFixture.setup(project, moto.endpoint());
        setup.resources().assign("UserPool", poolId);
        setup.resources().assign("UserPoolClient", clientId);
        return setup;
    }

    @Override
    public void close() {
        cognito.close();
        moto.close();
    }
}
