package vn.motcua.local.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.aws.Environment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a function test does: install the function's environment, then reach AWS as production code would. */
@LocalAws
class FunctionEnvironmentTest {

    @AfterEach
    void restore() {
        Environment.clearLocalRun();
    }

    @Test
    void theCatalogFunctionsEnvironmentReachesItsTableOnTheStack(TestStack aws) {
        var env = aws.environmentFor("CatalogFunction");
        assertThat(env).containsEntry("CATALOG_TABLE", aws.table("CatalogTable"))
                .containsEntry("STAGE", "dev")
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", aws.stack().dynamoDbEndpoint().toString());

        Environment.useForLocalRun(env);
        try (var dynamoDb = AwsClients.newDynamoDb(AwsSettings.fromEnvironment())) {
            String table = Environment.require("CATALOG_TABLE");
            assertThat(dynamoDb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("x"))))
                    .count()).isZero();
        }
    }
}
