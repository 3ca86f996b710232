package vn.motcua.local.stack;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateException;
import vn.motcua.local.template.TemplateResources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static vn.motcua.local.template.Template.list;
import static vn.motcua.local.template.Template.map;

/**
 * The template's Cognito user pools, app clients and groups, created on the local Cognito (moto) the way
 * CloudFormation creates them: each property mapped to the API's field; a property this does not map is
 * named in the entry's note, never silently dropped. Kept when one of the same name exists.
 */
final class StaffPool {

    /** Pool properties mapped below; the others are noted. */
    private static final Set<String> POOL_PROPERTIES = Set.of("UserPoolName", "AdminCreateUserConfig", "UsernameAttributes",
            "AliasAttributes", "AutoVerifiedAttributes", "MfaConfiguration", "EnabledMfas", "Policies");
    private static final Set<String> CLIENT_PROPERTIES = Set.of("UserPoolId", "ClientName", "ExplicitAuthFlows",
            "PreventUserExistenceErrors", "GenerateSecret", "ReadAttributes");

    private StaffPool() {}

    static Provisioning.Entry createPool(CognitoIdentityProviderClient cognito, TemplateResources resources, Template.Resource resource) {
        String name = resources.physicalName(resource);
        var props = map(resources.resolve(resource.properties(), resource.path() + ".Properties"));
        var notes = new ArrayList<String>();
        notes.add("PreTokenGeneration and other triggers are not run by moto: the local JWT authorizer runs the function");
        notUsed(props, POOL_PROPERTIES).ifPresent(notes::add);
        Optional<UserPoolDescriptionType> existing = findPool(cognito, name);
        if (existing.isPresent()) {
            resources.assign(resource.name(), existing.get().id());
            return new Provisioning.Entry(resource.name(), resource.type(), existing.get().id(), Provisioning.Outcome.KEPT, String.join("; ", notes));
        }
        var request = CreateUserPoolRequest.builder().poolName(name);
        var admin = map(props.get("AdminCreateUserConfig"));
        if (admin.containsKey("AllowAdminCreateUserOnly")) {
            request.adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(bool(admin.get("AllowAdminCreateUserOnly"))));
        }
        if (props.containsKey("UsernameAttributes")) request.usernameAttributesWithStrings(strings(props.get("UsernameAttributes")));
        if (props.containsKey("AliasAttributes")) request.aliasAttributesWithStrings(strings(props.get("AliasAttributes")));
        if (props.containsKey("AutoVerifiedAttributes")) request.autoVerifiedAttributesWithStrings(strings(props.get("AutoVerifiedAttributes")));
        if (props.containsKey("MfaConfiguration")) request.mfaConfiguration(TemplateResources.scalar(props.get("MfaConfiguration")));
        var password = map(map(props.get("Policies")).get("PasswordPolicy"));
        if (!password.isEmpty()) {
            var policy = PasswordPolicyType.builder();
            if (password.containsKey("MinimumLength")) policy.minimumLength(integer(password.get("MinimumLength")));
            if (password.containsKey("RequireLowercase")) policy.requireLowercase(bool(password.get("RequireLowercase")));
            if (password.containsKey("RequireUppercase")) policy.requireUppercase(bool(password.get("RequireUppercase")));
            if (password.containsKey("RequireNumbers")) policy.requireNumbers(bool(password.get("RequireNumbers")));
            if (password.containsKey("RequireSymbols")) policy.requireSymbols(bool(password.get("RequireSymbols")));
            if (password.containsKey("TemporaryPasswordValidityDays")) {
                policy.temporaryPasswordValidityDays(integer(password.get("TemporaryPasswordValidityDays")));
            }
            request.policies(p -> p.passwordPolicy(policy.build()));
        }
        String id;
        try {
            id = cognito.createUserPool(request.build()).userPool().id();
            // CloudFormation's EnabledMfas is the API's SetUserPoolMfaConfig
            if (strings(props.get("EnabledMfas")).contains("SOFTWARE_TOKEN_MFA")) {
                cognito.setUserPoolMfaConfig(b -> b.userPoolId(id).softwareTokenMfaConfiguration(t -> t.enabled(true))
                        .mfaConfiguration(props.containsKey("MfaConfiguration") ? TemplateResources.scalar(props.get("MfaConfiguration")) : "OPTIONAL"));
            }
        } catch (CognitoIdentityProviderException e) {
            throw new TemplateException(resources.template().where(resource.path()) + ": Cognito refused user pool " + name + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        resources.assign(resource.name(), id);
        return new Provisioning.Entry(resource.name(), resource.type(), id, Provisioning.Outcome.CREATED, String.join("; ", notes));
    }

    static Provisioning.Entry createClient(CognitoIdentityProviderClient cognito, TemplateResources resources, Template.Resource resource) {
        String name = resources.physicalName(resource);
        var props = map(resources.resolve(resource.properties(), resource.path() + ".Properties"));
        String poolId = TemplateResources.scalar(props.get("UserPoolId"));
        var notes = new ArrayList<String>();
        notUsed(props, CLIENT_PROPERTIES).ifPresent(notes::add);
        try {
            for (UserPoolClientDescription c : cognito.listUserPoolClientsPaginator(b -> b.userPoolId(poolId).maxResults(60)).userPoolClients()) {
                if (c.clientName().equals(name)) {
                    resources.assign(resource.name(), c.clientId());
                    return new Provisioning.Entry(resource.name(), resource.type(), c.clientId(), Provisioning.Outcome.KEPT, String.join("; ", notes));
                }
            }
            String id = cognito.createUserPoolClient(b -> {
                b.userPoolId(poolId).clientName(name);
                if (props.containsKey("ExplicitAuthFlows")) b.explicitAuthFlowsWithStrings(strings(props.get("ExplicitAuthFlows")));
                if (props.containsKey("PreventUserExistenceErrors")) {
                    b.preventUserExistenceErrors(TemplateResources.scalar(props.get("PreventUserExistenceErrors")));
                }
                if (props.containsKey("GenerateSecret")) b.generateSecret(bool(props.get("GenerateSecret")));
                if (props.containsKey("ReadAttributes")) b.readAttributes(strings(props.get("ReadAttributes")));
            }).userPoolClient().clientId();
            resources.assign(resource.name(), id);
            return new Provisioning.Entry(resource.name(), resource.type(), id, Provisioning.Outcome.CREATED, String.join("; ", notes));
        } catch (CognitoIdentityProviderException e) {
            throw new TemplateException(resources.template().where(resource.path()) + ": Cognito refused app client " + name + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
    }

    static Provisioning.Entry createGroup(CognitoIdentityProviderClient cognito, TemplateResources resources, Template.Resource resource) {
        String name = resources.physicalName(resource);
        var props = map(resources.resolve(resource.properties(), resource.path() + ".Properties"));
        String poolId = TemplateResources.scalar(props.get("UserPoolId"));
        try {
            cognito.getGroup(b -> b.userPoolId(poolId).groupName(name));
            return new Provisioning.Entry(resource.name(), resource.type(), name, Provisioning.Outcome.KEPT, "");
        } catch (ResourceNotFoundException absent) {
            // create it below
        }
        try {
            cognito.createGroup(b -> {
                b.userPoolId(poolId).groupName(name);
                if (props.containsKey("Description")) b.description(TemplateResources.scalar(props.get("Description")));
                if (props.containsKey("Precedence")) b.precedence(integer(props.get("Precedence")));
            });
        } catch (CognitoIdentityProviderException e) {
            throw new TemplateException(resources.template().where(resource.path()) + ": Cognito refused group " + name + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        return new Provisioning.Entry(resource.name(), resource.type(), name, Provisioning.Outcome.CREATED, "");
    }

    private static Optional<UserPoolDescriptionType> findPool(CognitoIdentityProviderClient cognito, String name) {
        return cognito.listUserPoolsPaginator(b -> b.maxResults(60)).userPools().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Optional<String> notUsed(Map<String, Object> props, Set<String> mapped) {
        var left = new TreeSet<>(props.keySet());
        left.removeAll(mapped);
        return left.isEmpty() ? Optional.empty() : Optional.of("not applied locally: " + String.join(", ", left));
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(TemplateResources::scalar).toList();
    }

    private static boolean bool(Object value) {
        return Boolean.parseBoolean(TemplateResources.scalar(value));
    }

    private static int integer(Object value) {
        return Integer.parseInt(TemplateResources.scalar(value));
    }
}
