package vn.motcua.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.motcua.local.runner.FunctionSpec;
import vn.motcua.local.runner.LocalFunction;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.template.TemplateResources;
import vn.motcua.local.stack.TestStack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming, for every function of the template, built and loaded as Lambda loads it (its zip,
 * its environment, the no-arg constructor): the priming is registered, runs through, and changes
 * nothing: the same items in every table, messages in every queue, objects in the bucket and mails in
 * the SES mailbox before and after every function's {@code beforeCheckpoint} and {@code afterRestore}.
 */
@LocalAws
class PrimingTest {

    @Test
    void everyFunctionPrimesWithoutWritingOrSending(TestStack aws, @TempDir Path unpacked) throws Exception {
        Path project = ProjectDirectory.find();
        SeedData.read(project.resolve("infra/seed")).publish(aws.dynamoDb(), aws.table("CatalogTable"));
        var specs = FunctionSpec.read(aws.template(), aws.resources(), project, aws.awsEnvironment());
        assertThat(specs).hasSizeGreaterThanOrEqualTo(15);

        var before = state(aws);
        var primed = new TreeMap<String, List<String>>();
        for (FunctionSpec spec : specs) {
            try (var function = LocalFunction.load(spec.logicalId(), spec.artifact(), spec.handler(), spec.environment(),
                    spec.memoryMb(), 60, unpacked.resolve(spec.logicalId()))) {
                primed.put(spec.logicalId(), function.beforeCheckpoint());
                function.afterRestore();
            }
        }

        assertThat(primed).allSatisfy((function, lines) -> assertThat(lines).as(function)
                .singleElement().satisfies(line -> assertThat(line).endsWith(": ok")));
        assertThat(state(aws)).isEqualTo(before);
    }

    /** Items per table, messages per queue (visible, in flight, delayed), objects in the bucket, mails sent. */
    private static Map<String, Integer> state(TestStack aws) {
        var counts = new TreeMap<String, Integer>();
        for (var entry : aws.report().entries()) {
            switch (entry.type()) {
                case TemplateResources.DYNAMODB_TABLE -> counts.put(entry.logicalId(), items(aws, aws.table(entry.logicalId())));
                case TemplateResources.SQS_QUEUE -> counts.put(entry.logicalId(), messages(aws, aws.queueUrl(entry.logicalId())));
                case TemplateResources.S3_BUCKET -> counts.put(entry.logicalId(),
                        aws.s3().listObjectVersions(b -> b.bucket(aws.bucket(entry.logicalId()))).versions().size());
                default -> { }
            }
        }
        counts.put("mails", aws.sentEmails().size());
        assertThat(counts.keySet()).contains("DossierTable", "CatalogTable", "RoutingQueue", "NotificationQueue", "DocumentsBucket");
        return counts;
    }

    private static int items(TestStack aws, String table) {
        int count = 0;
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            var from = start;
            var page = aws.dynamoDb().scan(s -> {
                s.tableName(table).select(Select.COUNT);
                if (from != null) s.exclusiveStartKey(from);
            });
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    private static int messages(TestStack aws, String queueUrl) {
        var names = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        var attributes = aws.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(names)).attributes();
        var total = new ArrayList<Integer>();
        names.forEach(n -> total.add(Integer.parseInt(attributes.getOrDefault(n, "0"))));
        return total.stream().mapToInt(Integer::intValue).sum();
    }
}
