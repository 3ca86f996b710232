package vn.motcua.local.stack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test class's view of the local stack: its own copy of the template's resources (under
 * {@link #namePrefix()}), found by logical id, and the shared stack's clients. {@code report} is what creating
 * this class's copy did, resource by resource; {@code emailsBefore} how much mail the shared SES held before.
 */
public record TestStack(LocalAwsStack stack, TemplateResources resources, Provisioning.Report report, int emailsBefore) {

    public Template template() { return resources.template(); }

    /** Put before every table, queue and bucket name of this class's copy. */
    public String namePrefix() { return resources.naming().namePrefix(); }

    public DynamoDbClient dynamoDb() { return stack.dynamoDb(); }

    public SqsClient sqs() { return stack.sqs(); }

    public S3Client s3() { return stack.s3(); }

    public S3Presigner s3Presigner() { return stack.s3Presigner(); }

    public SesV2Client sesV2() { return stack.sesV2(); }

    /** This class's name for a table of the template, e.g. {@code table("DossierTable")}. */
    public String table(String logicalId) { return resources.tableName(logicalId); }

    public String queueUrl(String logicalId) { return resources.queueUrl(logicalId); }

    public String bucket(String logicalId) { return resources.bucketName(logicalId); }

    /** Region, fake credentials and the {@code AWS_ENDPOINT_URL_*} of the emulators. */
    public Map<String, String> awsEnvironment() { return stack.awsEnvironment(); }

    /**
     * The environment the function would get: {@link #awsEnvironment()} plus its Environment.Variables from
     * the template (Globals first), resolved against this class's copy. For {@code Environment.useForLocalRun}.
     */
    public Map<String, String> environmentFor(String functionLogicalId) {
        var env = new LinkedHashMap<>(stack.awsEnvironment());
        env.putAll(resources.functionEnvironment(functionLogicalId));
        return env;
    }

    /**
     * Mail the local SES accepted since this class started, oldest first. The mailbox is shared by the
     * whole JVM: this assumes test classes run one after another (JUnit's default).
     */
    public List<SentEmail> sentEmails() {
        var all = stack.sentEmails();
        return all.size() <= emailsBefore ? List.of() : all.subList(emailsBefore, all.size());
    }
}
