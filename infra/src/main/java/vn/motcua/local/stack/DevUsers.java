package vn.motcua.local.stack;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.codec.binary.Base32;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The staff of the local run ({@code infra/local/dev-users.json}), made in the local Cognito pool as an
 * administrator makes them in AWS (AdminCreateUser, the groups, AdminSetUserPassword): each signs in with
 * the web app exactly as on AWS. A user is in one of three states, as the file says:
 * <ul>
 *   <li>{@code "password"}: confirmed, signs in with it;</li>
 *   <li>{@code "temporaryPassword"}: created and never signed in (FORCE_CHANGE_PASSWORD): the first sign-in
 *       asks for a new password, as Cognito asks a new member;</li>
 *   <li>{@code "password"} and {@code "totp": true}: TOTP turned on (with moto's fixed authenticator key, see
 *       {@link #totpCode}): every sign-in asks for the 6-digit code.</li>
 * </ul>
 * moto keeps its state in memory: at every start the users are made again in these states (a password
 * changed, or TOTP turned on in the app, lasts until the local run stops).
 */
public final class DevUsers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One dev user. The passwords are local-only and live in the repository in plain text on purpose.
     *
     * @param email    the Cognito username (the pool's UsernameAttributes is email)
     * @param password the permanent password, or the temporary one when {@code firstSignIn}
     */
    public record User(String email, String password, boolean firstSignIn, boolean totp, List<String> groups, String name) {
        public User(String email, String password, boolean firstSignIn, boolean totp, List<String> groups) {
            this(email, password, firstSignIn, totp, groups, null);
        }
    }

    private final List<User> users;
    /** The authenticator key of each user whose TOTP {@link #createIn} turned on, by email. */
    private final Map<String, String> totpKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private DevUsers(List<User> users) {
        this.users = List.copyOf(users);
    }

    public List<User> users() { return users; }

    /** The first user in {@code group} who signs in with a password alone (no first sign-in, no TOTP). */
    public User plainMemberOf(String group) {
        return users.stream().filter(u -> u.groups().contains(group) && !u.firstSignIn() && !u.totp()).findFirst()
                .orElseThrow(() -> new LocalStackException("no dev user of group " + group + " signs in with a password alone"));
    }

    public User user(String email) {
        return users.stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst()
                .orElseThrow(() -> new LocalStackException("no dev user " + email));
    }

    // ------------------------------------------------------------------ the file

    /** Reads the dev users; a problem names the file and the field. */
    public static DevUsers read(Path file) {
        String source = file.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new LocalStackException(file + ": cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        var problems = new ArrayList<String>();
        var users = new ArrayList<User>();
        var emails = new HashSet<String>();
        JsonNode list = root.path("users");
        if (!list.isArray() || list.isEmpty()) problems.add(source + " /users: a non-empty array of users is required");
        for (int i = 0; i < list.size(); i++) {
            JsonNode u = list.get(i);
            String at = source + " /users/" + i;
            String email = text(u, "email", at, problems);
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) problems.add(at + "/email: '" + email + "' is not an email address");
            boolean temporary = u.has("temporaryPassword");
            if (temporary == u.has("password")) {
                problems.add(at + ": exactly one of password (a confirmed user) and temporaryPassword (a first sign-in) is required");
            }
            String password = text(u, temporary ? "temporaryPassword" : "password", at, problems);
            if (password != null) passwordProblem(password).ifPresent(p -> problems.add(at + "/" + (temporary ? "temporaryPassword" : "password") + ": " + p));
            boolean totp = u.path("totp").asBoolean(false);
            if (u.has("totp") && !u.path("totp").isBoolean()) problems.add(at + "/totp: true or false");
            if (totp && temporary) problems.add(at + "/totp: a first-sign-in user cannot have TOTP on yet");
            var groups = new ArrayList<String>();
            if (!u.path("groups").isArray()) problems.add(at + "/groups: an array of group names is required");
            u.path("groups").forEach(g -> groups.add(g.asText()));
            if (email != null && !emails.add(email.toLowerCase(Locale.ROOT))) problems.add(at + "/email: '" + email + "' appears twice");
            String name = u.hasNonNull("name") ? u.path("name").asText().strip() : null;
            if (name != null && name.isEmpty()) problems.add(at + "/name: a full name, or leave the key out");
            users.add(new User(email, password, temporary, totp, groups, name));
        }
        if (!problems.isEmpty()) throw new LocalStackException("dev users refused:\n  " + String.join("\n  ", problems));
        return new DevUsers(users);
    }

    /** The template's password policy (12 characters, upper and lower case, a digit): Cognito would refuse less. */
    private static Optional<String> passwordProblem(String password) {
        if (password.length() < 12 || !password.matches(".*[a-z].*") || !password.matches(".*[A-Z].*") || !password.matches(".*[0-9].*")) {
            return Optional.of("at least 12 characters with upper and lower case letters and a digit (the pool's password policy)");
        }
        return Optional.empty();
    }

    private static String text(JsonNode node, String field, String at, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(at + "/" + field + ": a non-empty string is required");
            return null;
        }
        return value.asText();
    }

    // ------------------------------------------------------------------ in the pool

    /**
     * Makes every user in the pool, in the state the file gives; a user that exists is left as it is.
     *
     * @return each user's sub (the id the functions record of a staff member), by email
     */
    public Map<String, String> createIn(CognitoIdentityProviderClient cognito, String poolId, String clientId) {
        var subs = new LinkedHashMap<String, String>();
        for (User user : users) {
            try {
                var created = cognito.adminCreateUser(b -> b.userPoolId(poolId).username(user.email())
                        .temporaryPassword(user.password()).messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attributes(user)));
                for (String group : user.groups()) {
                    cognito.adminAddUserToGroup(b -> b.userPoolId(poolId).username(user.email()).groupName(group));
                }
                if (!user.firstSignIn()) {
                    cognito.adminSetUserPassword(b -> b.userPoolId(poolId).username(user.email()).password(user.password()).permanent(true));
                }
                if (user.totp()) totpKeys.put(user.email(), turnTotpOn(cognito, poolId, clientId, user));
                created.user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst()
                        .ifPresent(a -> subs.put(user.email(), a.value()));
            } catch (UsernameExistsException kept) {
                cognito.adminGetUser(b -> b.userPoolId(poolId).username(user.email())).userAttributes().stream()
                        .filter(a -> a.name().equals("sub")).findFirst().ifPresent(a -> subs.put(user.email(), a.value()));
            } catch (CognitoIdentityProviderException e) {
                throw new LocalStackException("the local Cognito refused dev user " + user.email() + ": " + e.awsErrorDetails().errorMessage(), e);
            }
        }
        return subs;
    }

    /** As a member does it in the app (#xac-thuc): the authenticator key, its first code, then TOTP preferred. */
    private static String turnTotpOn(CognitoIdentityProviderClient cognito, String poolId, String clientId, User user) {
        var signedIn = cognito.initiateAuth(b -> b.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", user.email(), "PASSWORD", user.password())));
        String access = signedIn.authenticationResult().accessToken();
        String key = cognito.associateSoftwareToken(b -> b.accessToken(access)).secretCode();
        String code = currentCode(key);
        cognito.verifySoftwareToken(b -> b.accessToken(access).userCode(code).friendlyDeviceName("dev"));
        cognito.adminSetUserMFAPreference(b -> b.userPoolId(poolId).username(user.email())
                .softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));
        return key;
    }

    /** The authenticator key of a user whose TOTP this turned on (moto gives every user the same one). */
    public Optional<String> totpKey(User user) {
        return Optional.ofNullable(totpKeys.get(user.email()));
    }

    /**
     * An ID token for a user who signs in with a password (and, with TOTP on, the code), through
     * USER_PASSWORD_AUTH as the web app signs in: for tests and tools. A first-sign-in user has none yet.
     */
    public String idToken(CognitoIdentityProviderClient cognito, String clientId, User user) {
        if (user.firstSignIn()) throw new LocalStackException(user.email() + " must set a new password first (a first-sign-in user)");
        InitiateAuthResponse answer = cognito.initiateAuth(b -> b.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", user.email(), "PASSWORD", user.password())));
        if (answer.challengeName() == ChallengeNameType.SOFTWARE_TOKEN_MFA) {
            String key = totpKey(user).orElseThrow(() -> new LocalStackException(user.email() + " has TOTP on, but not by createIn: its key is unknown"));
            return cognito.respondToAuthChallenge(b -> b.clientId(clientId).challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                    .session(answer.session()).challengeResponses(Map.of("USERNAME", user.email(),
                            "SOFTWARE_TOKEN_MFA_CODE", currentCode(key)))).authenticationResult().idToken();
        }
        if (answer.authenticationResult() == null) throw new LocalStackException(user.email() + ": Cognito asks " + answer.challengeName());
        return answer.authenticationResult().idToken();
    }

    /** The code of the current 30 s step, never one about to expire (Cognito accepts the current step's only). */
    private static String currentCode(String key) {
        long left = 30_000 - System.currentTimeMillis() % 30_000;
        if (left < 2_000) {
            try {
                Thread.sleep(left + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return totpCode(key, Instant.now());
    }

    /** The 6-digit code an authenticator app shows for a Base32 key at {@code when} (RFC 6238: SHA-1, 30 s). */
    public static String totpCode(String base32Key, Instant when) {
        byte[] key = new Base32().decode(base32Key.toUpperCase(Locale.ROOT));
        try {
            int code = new TimeBasedOneTimePasswordGenerator().generateOneTimePassword(new SecretKeySpec(key, "HmacSHA1"), when);
            return String.format(Locale.ROOT, "%06d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The email (the username), verified, and the name printed on forms when the file gives one. */
    private static List<AttributeType> attributes(User user) {
        var attributes = new ArrayList<AttributeType>(List.of(AttributeType.builder().name("email").value(user.email()).build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        if (user.name() != null) attributes.add(AttributeType.builder().name("name").value(user.name()).build());
        return attributes;
    }
}
