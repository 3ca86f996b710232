package vn.motcua.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static vn.motcua.local.template.Template.list;
import static vn.motcua.local.template.Template.map;

/**
 * The template evaluated for a local copy: intrinsics ({@code !Ref}, {@code !GetAtt}, {@code !Sub},
 * ...) resolved to local physical ids, parameters to their overrides or defaults, the tables, queues
 * and buckets in the order they can be created. The names come from the template itself
 * ({@code TableName}, {@code QueueName}, {@code BucketName} after resolving), so there is no second
 * list of resources; {@code vn.motcua.local.stack.Provisioning} creates them on the local stack.
 *
 * <p>A {@linkplain Naming#namePrefix() name prefix} gives an isolated copy of every resource (each test
 * class has its own).
 */
public final class TemplateResources {

    public static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";
    public static final String SQS_QUEUE = "AWS::SQS::Queue";
    public static final String S3_BUCKET = "AWS::S3::Bucket";
    public static final String USER_POOL = "AWS::Cognito::UserPool";
    public static final String USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient";
    public static final String USER_POOL_GROUP = "AWS::Cognito::UserPoolGroup";
    private static final Set<String> CREATED_LOCALLY = Set.of(DYNAMODB_TABLE, SQS_QUEUE, S3_BUCKET, USER_POOL, USER_POOL_CLIENT, USER_POOL_GROUP);
    /** Types whose physical id the service makes up at creation (a pool's id, a client's id): known once created. */
    private static final Set<String> ASSIGNED_BY_SERVICE = Set.of(USER_POOL, USER_POOL_CLIENT);
    private static final Set<String> FUNCTIONS = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A value that removes its property, as {@code !Ref AWS::NoValue} does. */
    private static final Object NO_VALUE = new Object() {
        @Override public String toString() { return "AWS::NoValue"; }
    };

    /**
     * How the local copy is named.
     *
     * @param namePrefix put before every table, queue and bucket name ({@code ""} for the local run);
     *                   lower case letters, digits and '-', since it becomes part of a bucket name
     * @param parameters values for the template's Parameters, over their defaults
     * @param stackName  what {@code AWS::StackName} resolves to
     */
    public record Naming(String namePrefix, Map<String, String> parameters, String stackName) {
        public Naming {
            Objects.requireNonNull(namePrefix, "namePrefix");
            if (!namePrefix.matches("[a-z0-9-]{0,24}")) {
                throw new IllegalArgumentException("name prefix '" + namePrefix
                        + "': lower case letters, digits and '-' only, at most 24 (it becomes part of a bucket name)");
            }
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(stackName, "stackName");
        }

        /** No prefix, the parameters' defaults (Stage = dev), stack name {@code motcua-local}. */
        public static Naming defaults() { return new Naming("", Map.of(), "motcua-local"); }

        public Naming withPrefix(String prefix) { return new Naming(prefix, parameters, stackName); }

        public Naming withParameter(String name, String value) {
            var p = new LinkedHashMap<>(parameters);
            p.put(name, value);
            return new Naming(namePrefix, p, stackName);
        }

        public Naming withStackName(String name) { return new Naming(namePrefix, parameters, name); }
    }

    private final Template template;
    private final String region;
    private final String accountId;
    private final URI sqsEndpoint;
    private final Naming naming;
    private final Map<String, String> assigned = new java.util.concurrent.ConcurrentHashMap<>();

    public TemplateResources(Template template, String region, String accountId, URI sqsEndpoint, Naming naming) {
        // Fn::ForEach loops over a parameter expand with the values given here, as a deployment's overrides would.
        this.template = template.withParameters(naming.parameters());
        this.region = region;
        this.accountId = accountId;
        this.sqsEndpoint = sqsEndpoint;
        this.naming = naming;
        for (String name : naming.parameters().keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new TemplateException(template.where("Parameters") + ": no parameter " + name
                        + " to override (the template has " + template.parameters().keySet() + ")");
            }
        }
    }

    public Template template() { return template; }

    public Naming naming() { return naming; }

    /**
     * Records the id a service gave a resource when it was created (a user pool's id, an app client's id):
     * {@code !Ref} and {@code !GetAtt} resolve to it from then on, as CloudFormation's would after creation.
     */
    public void assign(String logicalId, String physicalId) {
        resource(logicalId, "Resources." + logicalId);
        assigned.put(logicalId, physicalId);
    }

    /** The id recorded by {@link #assign}, if the resource was created. */
    public java.util.Optional<String> assigned(String logicalId) {
        return java.util.Optional.ofNullable(assigned.get(logicalId));
    }

    // ================================================================== resolving

    /** A parameter's value: the override, else its Default. */
    public String parameter(String name) {
        String override = naming.parameters().get(name);
        if (override != null) return override;
        var declared = map(template.parameters().get(name));
        if (!template.parameters().containsKey(name)) {
            throw new TemplateException(template.where("Parameters") + ": no parameter " + name);
        }
        if (!declared.containsKey("Default")) {
            throw new TemplateException(template.where("Parameters." + name) + ": parameter " + name
                    + " has no Default; give it a value in TemplateResources.Naming");
        }
        return scalar(declared.get("Default"));
    }

    /** What {@code !Ref logicalId} gives: table name, queue URL, bucket name, function name, or a local placeholder. */
    public String physicalId(String logicalId) {
        return ref(logicalId, "Resources." + logicalId);
    }

    public String tableName(String logicalId) { return physicalIdOf(logicalId, DYNAMODB_TABLE); }

    public String queueUrl(String logicalId) { return physicalIdOf(logicalId, SQS_QUEUE); }

    public String queueName(String logicalId) { return attribute(logicalId, "QueueName"); }

    public String bucketName(String logicalId) { return physicalIdOf(logicalId, S3_BUCKET); }

    private String physicalIdOf(String logicalId, String type) {
        var resource = resource(logicalId, "Resources." + logicalId);
        if (!type.equals(resource.type())) {
            throw new TemplateException(template.where(resource.path()) + ": " + logicalId + " is a "
                    + resource.type() + ", not an " + type);
        }
        return physicalId(logicalId);
    }

    /** What {@code !GetAtt logicalId.attribute} gives. */
    public String attribute(String logicalId, String attribute) {
        return getAtt(logicalId, attribute, "Resources." + logicalId);
    }

    /**
     * A function's environment as the template gives it: Globals.Function.Environment.Variables, then
     * the function's own, resolved. Add the local stack's AWS environment to run it locally.
     */
    public Map<String, String> functionEnvironment(String functionLogicalId) {
        var function = resource(functionLogicalId, "Resources." + functionLogicalId);
        if (!FUNCTIONS.contains(function.type())) {
            throw new TemplateException(template.where(function.path()) + ": " + functionLogicalId + " is a "
                    + function.type() + ", not a function");
        }
        var env = new LinkedHashMap<String, String>();
        addVariables(env, map(map(template.functionGlobals().get("Environment")).get("Variables")),
                "Globals.Function.Environment.Variables");
        addVariables(env, map(map(function.properties().get("Environment")).get("Variables")),
                function.path() + ".Properties.Environment.Variables");
        return env;
    }

    private void addVariables(Map<String, String> env, Map<String, Object> variables, String path) {
        variables.forEach((name, value) -> {
            Object resolved = resolveValue(value, path + "." + name);
            if (resolved == NO_VALUE) env.remove(name);
            else env.put(name, scalar(resolved));
        });
    }

    /**
     * Resolves every intrinsic in a template value. {@code path} is the value's dotted path in the
     * template ({@code Resources.X.Properties.Y}) so that errors name the line.
     */
    public Object resolve(Object value, String path) {
        Object resolved = resolveValue(value, path);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** {@link #resolve} for a value that must end up a string (a name, an ARN). */
    public String resolveString(Object value, String path) {
        Object resolved = resolveValue(value, path);
        if (resolved instanceof Map<?, ?> || resolved instanceof List<?> || resolved == null || resolved == NO_VALUE) {
            throw new TemplateException(template.where(path) + ": expected a string, got " + resolved);
        }
        return scalar(resolved);
    }

    private Object resolveValue(Object value, String path) {
        if (value instanceof Intrinsic intrinsic) return intrinsic(intrinsic, path);
        if (value instanceof Map<?, ?> m) {
            var result = new LinkedHashMap<String, Object>();
            for (var entry : m.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object resolved = resolveValue(entry.getValue(), path + "." + key);
                if (resolved != NO_VALUE) result.put(key, resolved);
            }
            return result;
        }
        if (value instanceof List<?> l) {
            var result = new ArrayList<Object>();
            for (int i = 0; i < l.size(); i++) {
                Object resolved = resolveValue(l.get(i), path + "[" + i + "]");
                if (resolved != NO_VALUE) result.add(resolved);
            }
            return result;
        }
        return value;
    }

    private Object intrinsic(Intrinsic intrinsic, String path) {
        if (intrinsic instanceof Intrinsic.Ref ref) {
            return ref.target().equals("AWS::NoValue") ? NO_VALUE : ref(ref.target(), path);
        }
        if (intrinsic instanceof Intrinsic.GetAtt att) return getAtt(att.resource(), att.attribute(), path);
        if (intrinsic instanceof Intrinsic.Sub sub) return sub(sub, path);
        return other((Intrinsic.Other) intrinsic, path);
    }

    private String ref(String name, String path) {
        String pseudo = pseudo(name, path);
        if (pseudo != null) return pseudo;
        if (template.parameters().containsKey(name)) return parameter(name);
        var resource = resource(name, path);
        String assignedId = assigned.get(name);
        if (assignedId != null) return assignedId;
        return switch (resource.type()) {
            case DYNAMODB_TABLE, S3_BUCKET -> physicalName(resource);
            case USER_POOL_GROUP -> resolveString(resource.properties().get("GroupName"), resource.path() + ".Properties.GroupName");
            case SQS_QUEUE -> sqsEndpoint + "/" + accountId + "/" + physicalName(resource);
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> physicalName(resource);
            // Not emulated here: a stable placeholder, so a function's environment still resolves.
            default -> naming.namePrefix() + naming.stackName() + "-" + name;
        };
    }

    private String pseudo(String name, String path) {
        return switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> accountId;
            case "AWS::StackName" -> naming.stackName();
            case "AWS::StackId" -> "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + naming.stackName() + "/local";
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> {
                if (name.startsWith("AWS::")) {
                    throw new TemplateException(template.where(path) + ": pseudo parameter " + name + " is not known locally");
                }
                yield null;
            }
        };
    }

    private String getAtt(String logicalId, String attribute, String path) {
        var resource = resource(logicalId, path);
        String type = resource.type();
        String name = switch (type) {
            case DYNAMODB_TABLE, SQS_QUEUE, S3_BUCKET, "AWS::Serverless::Function", "AWS::Lambda::Function" -> physicalName(resource);
            default -> null;
        };
        String value = switch (type + "." + attribute) {
            case DYNAMODB_TABLE + ".Arn" -> "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
            // dynalite has no streams: the ARN is well formed but nothing reads from it locally
            case DYNAMODB_TABLE + ".StreamArn" -> "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name + "/stream/local";
            case SQS_QUEUE + ".Arn" -> "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
            case SQS_QUEUE + ".QueueUrl" -> sqsEndpoint + "/" + accountId + "/" + name;
            case SQS_QUEUE + ".QueueName" -> name;
            case S3_BUCKET + ".Arn" -> "arn:aws:s3:::" + name;
            case S3_BUCKET + ".DomainName" -> name + ".s3.amazonaws.com";
            case S3_BUCKET + ".RegionalDomainName" -> name + ".s3." + region + ".amazonaws.com";
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
                    "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
            case USER_POOL + ".Arn" -> "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + ref(logicalId, path);
            case USER_POOL + ".UserPoolId" -> ref(logicalId, path);
            case USER_POOL + ".ProviderName" -> "cognito-idp." + region + ".amazonaws.com/" + ref(logicalId, path);
            case USER_POOL + ".ProviderURL" -> "https://cognito-idp." + region + ".amazonaws.com/" + ref(logicalId, path);
            case USER_POOL_CLIENT + ".ClientId" -> ref(logicalId, path);
            default -> null;
        };
        if (value == null) {
            throw new TemplateException(template.where(path) + ": !GetAtt " + logicalId + "." + attribute
                    + " cannot be resolved locally (" + type + (name == null ? " is not emulated)" : " has no such attribute here)"));
        }
        return value;
    }

    private String sub(Intrinsic.Sub sub, String path) {
        var local = new LinkedHashMap<String, String>();
        sub.variables().forEach((k, v) -> local.put(k, resolveString(v, path + "[1]." + k)));
        Matcher m = PLACEHOLDER.matcher(sub.text());
        var out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}"; // ${!Literal} stays literal
            } else if (local.containsKey(name)) {
                replacement = local.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = getAtt(name.substring(0, dot), name.substring(dot + 1), path);
            } else {
                replacement = ref(name, path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object other(Intrinsic.Other other, String path) {
        Object arg = resolveValue(other.argument(), path);
        switch (other.function()) {
            case "Fn::Join": {
                var args = list(arg);
                if (args.size() == 2) {
                    var parts = new ArrayList<String>();
                    for (Object part : list(args.get(1))) parts.add(scalar(part));
                    return String.join(scalar(args.get(0)), parts);
                }
                break;
            }
            case "Fn::Select": {
                var args = list(arg);
                if (args.size() == 2) {
                    int index = Integer.parseInt(scalar(args.get(0)));
                    var items = list(args.get(1));
                    if (index >= 0 && index < items.size()) return items.get(index);
                }
                break;
            }
            case "Fn::Split": {
                var args = list(arg);
                if (args.size() == 2) {
                    return new ArrayList<Object>(List.of(scalar(args.get(1)).split(Pattern.quote(scalar(args.get(0))), -1)));
                }
                break;
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(scalar(arg).getBytes(StandardCharsets.UTF_8));
            case "Fn::ToJsonString": // AWS::LanguageExtensions: a map or list as compact JSON text
                if (arg instanceof Map<?, ?> || arg instanceof List<?>) {
                    try {
                        return JSON.writeValueAsString(arg);
                    } catch (JsonProcessingException e) {
                        throw new TemplateException(template.where(path) + ": " + e.getMessage(), e);
                    }
                }
                break;
            case "Fn::GetAZs":
                return new ArrayList<Object>(List.of(region + "a", region + "b", region + "c"));
            default:
                throw new TemplateException(template.where(path) + ": " + other.function()
                        + " is not supported by the local stack");
        }
        throw new TemplateException(template.where(path) + ": " + other.function() + " has a malformed argument: " + arg);
    }

    private Template.Resource resource(String logicalId, String path) {
        return template.resource(logicalId).orElseThrow(() -> new TemplateException(template.where(path)
                + ": no parameter or resource named " + logicalId));
    }

    /** The physical name of a table, queue, bucket or function: its name property, else one made up as CloudFormation would. */
    public String physicalName(Template.Resource resource) {
        String property = switch (resource.type()) {
            case DYNAMODB_TABLE -> "TableName";
            case SQS_QUEUE -> "QueueName";
            case S3_BUCKET -> "BucketName";
            case USER_POOL -> "UserPoolName";
            case USER_POOL_CLIENT -> "ClientName";
            case USER_POOL_GROUP -> "GroupName";
            default -> "FunctionName";
        };
        Object declared = resource.properties().get(property);
        String base;
        if (declared != null) {
            base = resolveString(declared, resource.path() + ".Properties." + property);
        } else {
            base = naming.stackName() + "-" + resource.name();
            if (resource.type().equals(S3_BUCKET)) base = base.toLowerCase(Locale.ROOT);
            if (resource.type().equals(SQS_QUEUE) && Boolean.TRUE.equals(resource.properties().get("FifoQueue"))) base += ".fifo";
        }
        // functions keep their names; a group's name is what the tokens carry and the handlers check
        return FUNCTIONS.contains(resource.type()) || resource.type().equals(USER_POOL_GROUP) ? base : naming.namePrefix() + base;
    }

    /** A resolved scalar as text: a whole number read as a double loses its ".0". */
    public static String scalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) return String.valueOf(d.longValue());
        return String.valueOf(value);
    }

    // ================================================================== order

    /** The resources whose type the local stack does not create (functions, policies, the API...). */
    public List<Template.Resource> notCreatedLocally() {
        return template.resources().values().stream().filter(r -> !CREATED_LOCALLY.contains(r.type())).toList();
    }

    /** Whether the service names the resource at creation (its id is known only after {@link #assign}). */
    public static boolean assignedByService(String type) { return ASSIGNED_BY_SERVICE.contains(type); }

    /** The tables, queues, buckets and the Cognito pool, clients and groups (what the local stack creates), each after the ones it refers to. */
    public List<Template.Resource> creationOrder() {
        var creatable = new LinkedHashMap<String, Template.Resource>();
        template.resources().values().stream().filter(r -> CREATED_LOCALLY.contains(r.type()))
                .forEach(r -> creatable.put(r.name(), r));
        var ordered = new LinkedHashSet<String>();
        for (String name : creatable.keySet()) visit(name, creatable, ordered, new LinkedHashSet<>());
        return ordered.stream().map(creatable::get).toList();
    }

    private void visit(String name, Map<String, Template.Resource> creatable, Set<String> done, Set<String> visiting) {
        if (done.contains(name)) return;
        if (!visiting.add(name)) {
            throw new TemplateException(template.where("Resources." + name) + ": circular reference through " + visiting);
        }
        var references = new HashSet<String>();
        collectReferences(creatable.get(name).properties(), references);
        for (String target : references) {
            if (creatable.containsKey(target) && !target.equals(name)) visit(target, creatable, done, visiting);
        }
        visiting.remove(name);
        done.add(name);
    }

    private static void collectReferences(Object value, Set<String> into) {
        if (value instanceof Intrinsic.Ref ref) into.add(ref.target());
        else if (value instanceof Intrinsic.GetAtt att) into.add(att.resource());
        else if (value instanceof Intrinsic.Sub sub) {
            sub.references().forEach(r -> into.add(r.contains(".") ? r.substring(0, r.indexOf('.')) : r));
            sub.variables().values().forEach(v -> collectReferences(v, into));
        } else if (value instanceof Intrinsic.Other other) collectReferences(other.argument(), into);
        else if (value instanceof Map<?, ?> m) m.values().forEach(v -> collectReferences(v, into));
        else if (value instanceof List<?> l) l.forEach(v -> collectReferences(v, into));
    }
}
