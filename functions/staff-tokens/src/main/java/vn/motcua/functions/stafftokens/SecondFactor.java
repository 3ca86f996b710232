package vn.motcua.functions.stafftokens;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

/** Whether a staff member has turned on a TOTP app as their second factor. */
@FunctionalInterface
interface SecondFactor {

    boolean hasTotp(String userPoolId, String userName);

    /** Cognito's answer: AdminGetUser lists the MFA methods the user has turned on. */
    static SecondFactor cognito(CognitoIdentityProviderClient cognito) {
        return (pool, user) -> cognito.adminGetUser(r -> r.userPoolId(pool).username(user))
                .userMFASettingList().contains(ChallengeNameType.SOFTWARE_TOKEN_MFA.toString());
    }
}
