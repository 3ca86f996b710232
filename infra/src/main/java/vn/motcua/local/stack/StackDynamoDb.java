package vn.motcua.local.stack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * The stack's DynamoDB client: the item operations go through the functions' own signed client (so every
 * test, the local run and the bench exercise it), the table administration and scans that only the stack
 * and tests do go through the SDK client.
 */
final class StackDynamoDb implements DynamoDbClient {

    private final DynamoDbClient items;
    private final DynamoDbClient admin;

    StackDynamoDb(DynamoDbClient items, DynamoDbClient admin) {
        this.items = items;
        this.admin = admin;
    }

    @Override public PutItemResponse putItem(PutItemRequest r) { return items.putItem(r); }
    @Override public GetItemResponse getItem(GetItemRequest r) { return items.getItem(r); }
    @Override public UpdateItemResponse updateItem(UpdateItemRequest r) { return items.updateItem(r); }
    @Override public DeleteItemResponse deleteItem(DeleteItemRequest r) { return items.deleteItem(r); }
    @Override public QueryResponse query(QueryRequest r) { return items.query(r); }
    @Override public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) { return items.batchGetItem(r); }

    @Override public CreateTableResponse createTable(CreateTableRequest r) { return admin.createTable(r); }
    @Override public DescribeTableResponse describeTable(DescribeTableRequest r) { return admin.describeTable(r); }
    @Override public DeleteTableResponse deleteTable(DeleteTableRequest r) { return admin.deleteTable(r); }
    @Override public ListTablesResponse listTables(ListTablesRequest r) { return admin.listTables(r); }
    @Override public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest r) { return admin.updateTimeToLive(r); }
    @Override public ScanResponse scan(ScanRequest r) { return admin.scan(r); }
    @Override public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) { return admin.batchWriteItem(r); }

    @Override public String serviceName() { return SERVICE_NAME; }

    @Override
    public void close() {
        try (admin) {
            items.close();
        }
    }
}
