package vn.motcua.local.stack;

import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creates template.yaml's tables, queues and bucket on any AWS-compatible endpoint (LocalStack at
 * {@code http://localhost:4566} by default) and publishes the seed data, with the same code that
 * builds the Docker-free stack: one template, one list of resources.
 * Used by {@code infra/localstack/up.sh}; not exercised by CI (no Docker engine there).
 */
public final class LocalStackSetup {

    private LocalStackSetup() {}

    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : "http://localhost:4566";
        Path project = ProjectDirectory.find();
        var settings = AwsSettings.from(Map.of(
                "AWS_REGION", LocalAwsStack.REGION,
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL", endpoint));
        var template = Template.load(project.resolve("template.yaml"));
        // LocalStack's default account id is 000000000000, as the local stack's.
        var resources = new TemplateResources(template, LocalAwsStack.REGION, LocalAwsStack.ACCOUNT_ID, URI.create(endpoint),
                TemplateResources.Naming.defaults());
        try (var dynamo = AwsClients.newDynamoDb(settings); var sqs = AwsClients.newSqs(settings); var s3 = AwsClients.newS3(settings)) {
            System.out.print(Provisioning.create(resources, dynamo, sqs, s3, true));
            String version = SeedData.read(project.resolve("infra/seed")).publish(dynamo, resources.tableName("CatalogTable"));
            System.out.println("reference data published, version " + version);
        }
    }
}
