package vn.motcua.deploy;

import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.ProjectDirectory;

import java.util.HashMap;

/**
 * Publishes the reference data of {@code infra/seed} (the catalog of agencies and procedures, the holiday
 * calendars) to a deployed stack's catalog table, with the code the local run and the tests publish it
 * with: every file is validated first, and nothing is half-loaded (a new version, then the pointer to it).
 * Credentials and region as for the AWS CLI (AWS_PROFILE, or the environment's keys).
 *
 * <p>Usage: {@code infra/publish-seed --table motcua-dev-catalog [--region ap-southeast-1]}
 */
public final class PublishSeed {

    private PublishSeed() {}

    public static void main(String[] args) {
        String table = null;
        String region = "ap-southeast-1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--table" -> table = args[++i];
                case "--region" -> region = args[++i];
                default -> table = null;
            }
        }
        if (table == null) {
            System.err.println("usage: infra/publish-seed --table motcua-<stage>-catalog [--region ap-southeast-1]");
            System.exit(2);
        }
        var environment = new HashMap<>(System.getenv());
        environment.put("AWS_REGION", region);
        var seed = SeedData.read(ProjectDirectory.find().resolve("infra/seed"));
        try (var dynamoDb = AwsClients.newDynamoDb(AwsSettings.from(environment))) {
            System.out.println("reference data published to " + table + " in " + region + ", version " + seed.publish(dynamoDb, table));
        }
    }
}
