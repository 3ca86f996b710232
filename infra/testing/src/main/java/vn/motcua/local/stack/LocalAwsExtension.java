package vn.motcua.local.stack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JUnit 5 side of {@link LocalAws}. The stack lives in the root store, so it is started once per
 * test JVM and closed when the JVM's tests are done; each outermost test class gets its own copy of
 * the template's resources (nested classes share their outer class's).
 */
public final class LocalAwsExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);
    private static final AtomicInteger CLASSES = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        testStack(context); // start here, so the time shows on the class, not on its first test
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return testStack(context);
    }

    private static TestStack testStack(ExtensionContext context) {
        ExtensionContext classContext = outermostClass(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(TestStack.class, key -> {
            Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> Shared.start(), Shared.class);
            String prefix = "t" + CLASSES.incrementAndGet() + "-";
            var resources = shared.stack.resources(shared.template,
                    TemplateResources.Naming.defaults().withPrefix(prefix)
                            // as in the local run: the dev department secrets, not SSM
                            .withParameter("DepartmentSecrets", vn.motcua.local.LocalRun.localDepartmentSecrets(ProjectDirectory.find())));
            int emailsBefore = shared.stack.sentEmails().size();
            return new TestStack(shared.stack, resources, Provisioning.createOn(shared.stack, resources), emailsBefore);
        }, TestStack.class);
    }

    private static ExtensionContext outermostClass(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The JVM's one stack and the template it serves; closed by JUnit with the root store. */
    @SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13; AutoCloseable after
    static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final LocalAwsStack stack;
        final Template template;

        private Shared(LocalAwsStack stack, Template template) {
            this.stack = stack;
            this.template = template;
        }

        static Shared start() {
            var options = LocalAwsStack.Options.inMemory();
            var template = Template.load(options.projectDir().resolve("template.yaml"));
            return new Shared(LocalAwsStack.start(options), template);
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
