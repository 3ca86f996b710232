package vn.motcua.bench;

import vn.motcua.local.LocalRun;
import vn.motcua.local.departments.DepartmentSimulator;
import vn.motcua.local.stack.DevUsers;
import vn.motcua.local.runner.FunctionSpec;
import vn.motcua.local.runner.HttpApiServer;
import vn.motcua.local.runner.LocalRunner;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.local.stack.Provisioning;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The whole local run, in memory, as {@code infra/run} starts it (stack, template resources, the
 * department simulator with the catalog's callbacks pointed at it, every function from its zip, the
 * HTTP API with its JWT authorizer, every event source), assembled here so that the benchmark can
 * change the functions' environments before they load (counting proxies) and watch the SQS
 * batches. The same steps as {@link LocalRun}; nothing is faster or slower than there. {@code deskToken} is a
 * desk clerk's bearer token (an ID token of the local Cognito: an hour, as Cognito's).
 */
record LocalSystem(LocalAwsStack stack, TemplateResources resources, DepartmentSimulator simulator, LocalRunner runner,
                   HttpApiServer api, String deskToken) implements AutoCloseable {

    /**
     * @param concurrency how far each function scales (containers, SQS batches at once)
     * @param environment each function's environment from its spec (null: as the template says)
     */
    static LocalSystem start(Path project, Path work, LocalRunner.Concurrency concurrency,
                             Function<FunctionSpec, Map<String, String>> environment) {
        var stack = LocalAwsStack.start(LocalAwsStack.Options.inMemory().withProjectDir(project));
        DepartmentSimulator simulator = null;
        LocalRunner runner = null;
        try {
            Template template = Template.load(project.resolve("template.yaml"));
            String secrets = LocalRun.localDepartmentSecrets(project);
            var naming = TemplateResources.Naming.defaults().withParameter(LocalRun.LOCAL_DEPARTMENT_SECRETS_PARAMETER, secrets);
            var resources = stack.resources(template, naming);
            Provisioning.createOn(stack, resources);
            var apiUrl = new AtomicReference<URI>();
            // its failures only (one line per callback and answer would drown the output)
            simulator = DepartmentSimulator.start("127.0.0.1", 0, secrets, apiUrl::get, Clock.systemUTC(), failuresOnly());
            SeedData.read(project.resolve("infra/seed")).withCallbackBase(URI.create("http://127.0.0.1:" + simulator.url().getPort()))
                    .publish(stack.dynamoDb(), resources.tableName("CatalogTable"));
            runner = LocalRunner.read(new LocalRunner.Setup(resources.template(), resources, project, stack.awsEnvironment(),
                    stack.region(), stack.accountId()));
            if (environment != null) runner.changeEnvironments(environment);
            runner.concurrency(concurrency);
            runner.load(work.resolve("functions"));
            // a desk clerk signed in through the local Cognito, as the desk app signs in
            var pool = LocalRun.staffPool(resources);
            var users = DevUsers.read(project.resolve(LocalRun.DEV_USERS));
            users.createIn(stack.cognito(), pool.poolId(), pool.clientId());
            String deskToken = users.idToken(stack.cognito(), pool.clientId(), users.plainMemberOf("desk"));
            var api = runner.serveHttp("127.0.0.1", 0, Clock.systemUTC());
            apiUrl.set(api.url());
            runner.startEventSources(stack);
            return new LocalSystem(stack, resources, simulator, runner, api, deskToken);
        } catch (RuntimeException | Error e) {
            if (runner != null) runner.close();
            if (simulator != null) simulator.close();
            stack.close();
            throw e;
        }
    }

    static java.io.PrintStream failuresOnly() {
        return new java.io.PrintStream(new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b != '\n') { line.write(b); return; }
                String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
                line.reset();
                if (text.contains("failed") || text.contains("not-queued") || text.contains(": 5")) System.out.println(text);
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        runner.close();
        simulator.close();
        stack.close();
    }
}
