package vn.motcua.local.stack;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LocalAws
class DynamoDbOnStackTest {

    @Test
    void theDossierTableHasTheTemplatesKeysAndIndexes(TestStack aws) {
        var table = aws.dynamoDb().describeTable(b -> b.tableName(aws.table("DossierTable"))).table();

        assertThat(table.tableName()).isEqualTo(aws.namePrefix() + "motcua-dev-dossiers");
        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk");
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("byAgencyState", "openByDue", "byReceivedMonth", "owedWork", // owedWork: the outbox (issue 16)
                        "byApplicantName", "byApplicantId", "byApplicantPhone"); // the desk's search (issue 17)
    }

    @Test
    void aQueryOnAGlobalIndexFindsItemsInRangeKeyOrder(TestStack aws) {
        String table = aws.table("DossierTable");
        put(aws, table, "D-3", "H48-KHCN#RECEIVED", "2020-03-05");
        put(aws, table, "D-1", "H48-KHCN#RECEIVED", "2020-03-01");
        put(aws, table, "D-2", "H48-NGV#RECEIVED", "2020-03-02");

        var found = aws.dynamoDb().query(q -> q.tableName(table).indexName("byAgencyState")
                .keyConditionExpression("agencyState = :s")
                .expressionAttributeValues(Map.of(":s", s("H48-KHCN#RECEIVED")))).items();

        assertThat(found).extracting(item -> item.get("pk").s()).containsExactly("D-1", "D-3");
    }

    @Test
    void theCatalogTableHasACompositeKey(TestStack aws) {
        String table = aws.table("CatalogTable");
        aws.dynamoDb().putItem(p -> p.tableName(table).item(Map.of("pk", s("AGENCY"), "sk", s("H48-KHCN"))));
        aws.dynamoDb().putItem(p -> p.tableName(table).item(Map.of("pk", s("AGENCY"), "sk", s("H48-NGV"))));

        assertThat(aws.dynamoDb().query(q -> q.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("AGENCY")))).count()).isEqualTo(2);
    }

    private static void put(TestStack aws, String table, String pk, String agencyState, String due) {
        aws.dynamoDb().putItem(p -> p.tableName(table).item(Map.of(
                "pk", s(pk), "agencyState", s(agencyState), "dueKey", s(due + "#" + pk))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
