package vn.motcua.local.stack;

import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates template.yaml's tables, queues, bucket (and, with {@code --cognito}, the staff user pool) on any AWS-compatible endpoint
 * (LocalStack at {@code http://localhost:4566} by default: one endpoint for every service), publishes the
 * seed data and puts the departments' dev secrets in its Parameter Store, with the same code that builds the
 * Docker-free stack: one template, one list of resources. Used by {@code infra/localstack/up.sh}. CI has no
 * Docker: {@code LocalStackSetupOnMotoTest} runs this against moto's server instead (LocalStack serves these
 * services from moto's code), see infra/localstack/README.md for what that proves and what it does not.
 */
public final class LocalStackSetup {

    private LocalStackSetup() {}

    /** What was made: the resources as evaluated (queue URLs on the endpoint), the provisioning report, the seed's version. */
    public record Result(TemplateResources resources, Provisioning.Report report, String seedVersion, int secrets,
                         Map<String, String> environment) {}

    /** LocalStack's (and this stack's) account; LocalStack's default test credentials. */
    public static Map<String, String> environment(URI endpoint) {
        var env = new LinkedHashMap<String, String>();
        env.put("AWS_REGION", LocalAwsStack.REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        return env;
    }

    /**
     * @param withCognito also the staff pool: LocalStack serves Cognito in its paid edition only (moto always)
     */
    public static Result setUp(Path project, URI endpoint, boolean withCognito) {
        var environment = environment(endpoint);
        var settings = AwsSettings.from(environment);
        var template = Template.load(project.resolve("template.yaml"));
        // LocalStack's default account id is 000000000000, as the local stack's.
        var resources = new TemplateResources(template, LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, endpoint,
                TemplateResources.Naming.defaults());
        try (var dynamo = AwsClients.newDynamoDb(settings); var sqs = AwsClients.newSqs(settings); var s3 = AwsClients.newS3(settings);
             var cognito = AwsClients.newCognitoIdentityProvider(settings); var ssm = AwsClients.newSsm(settings)) {
            var report = Provisioning.create(resources, dynamo, sqs, s3, withCognito ? cognito : null, true);
            var seed = SeedData.read(project.resolve("infra/seed"));
            String version = seed.publish(dynamo, resources.tableName("CatalogTable"));
            int secrets = LocalDepartmentSecrets.putInto(ssm, seed.catalog(), LocalDepartmentSecrets.read(project),
                    "alias/aws/ssm");
            return new Result(resources, report, version, secrets, environment);
        }
    }

    public static void main(String[] args) {
        var arguments = new java.util.ArrayList<>(java.util.List.of(args));
        boolean cognito = arguments.remove("--cognito");
        String endpoint = arguments.isEmpty() ? "http://localhost:4566" : arguments.get(0);
        var result = setUp(ProjectDirectory.find(), URI.create(endpoint), cognito);
        System.out.print(result.report());
        System.out.println("reference data published, version " + result.seedVersion());
        System.out.println(result.secrets() + " department secrets put in Parameter Store (SecureString)");
    }
}
