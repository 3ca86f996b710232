package vn.motcua.local.runner;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.local.stack.Provisioning;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

/**
 * The local stack for the runner's event-source tests, one per test JVM, with the template's bucket and
 * queues. They cannot use {@code @LocalAws}: it lives in {@code infra/testing}, a module that depends on this one.
 */
final class RunnerStack {

    private static RunnerStack shared;

    private final LocalAwsStack stack;
    private final TemplateResources resources;

    private RunnerStack(LocalAwsStack stack, TemplateResources resources) {
        this.stack = stack;
        this.resources = resources;
    }

    static synchronized RunnerStack shared() {
        if (shared == null) {
            var options = LocalAwsStack.Options.inMemory();
            var stack = LocalAwsStack.start(options);
            var resources = stack.resources(Template.load(options.projectDir().resolve("template.yaml")),
                    TemplateResources.Naming.defaults().withPrefix("runner-"));
            Provisioning.createOn(stack, resources);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            shared = new RunnerStack(stack, resources);
        }
        return shared;
    }

    LocalAwsStack stack() { return stack; }

    SqsClient sqs() { return stack.sqs(); }

    S3Client s3() { return stack.s3(); }

    S3Presigner s3Presigner() { return stack.s3Presigner(); }

    String bucket(String logicalId) { return resources.bucketName(logicalId); }

    String namePrefix() { return resources.naming().namePrefix(); }
}
