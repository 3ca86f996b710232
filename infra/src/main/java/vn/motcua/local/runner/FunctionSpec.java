package vn.motcua.local.runner;

import vn.motcua.local.template.TemplateResources;
import vn.motcua.local.template.SamFunction;
import vn.motcua.local.template.Template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static vn.motcua.local.template.Template.map;

/**
 * One {@code AWS::Serverless::Function} of the template as the local runner runs it: Globals merged,
 * CodeUri resolved against the project root, its environment resolved as Lambda would set it.
 *
 * @param events              the function's Events, by name, properties unresolved (each event type resolves its own)
 * @param reservedConcurrency the template's ReservedConcurrentExecutions, -1 when it sets none
 */
public record FunctionSpec(String logicalId, String functionName, String handler, Path artifact, int memoryMb,
                           int timeoutSeconds, Map<String, String> environment, List<EventSpec> events, int reservedConcurrency) {

    /** One entry of a function's Events. */
    public record EventSpec(String name, String type, Map<String, Object> properties, String path) {}

    public FunctionSpec {
        environment = Map.copyOf(environment);
        events = List.copyOf(events);
    }

    /**
     * Every function of the template.
     *
     * @param awsEnvironment the local stack's region, credentials and endpoints; the template's own
     *                       variables come on top, and Lambda's reserved ones on top of those
     */
    public static List<FunctionSpec> read(Template template, TemplateResources resources, Path projectDir,
                                          Map<String, String> awsEnvironment) {
        var specs = new ArrayList<FunctionSpec>();
        for (SamFunction f : SamFunction.all(template)) {
            specs.add(read(template, resources, projectDir, awsEnvironment, f));
        }
        return specs;
    }

    private static FunctionSpec read(Template template, TemplateResources resources, Path projectDir,
                                     Map<String, String> awsEnvironment, SamFunction f) {
        if ("Image".equals(f.get("PackageType"))) {
            throw new RunnerException(template.where(f.pathOf("PackageType")) + ": image functions cannot run locally");
        }
        Object runtime = f.get("Runtime");
        if (!(runtime instanceof String r) || !r.startsWith("java")) {
            throw new RunnerException(template.where(f.pathOf("Runtime")) + ": runtime " + runtime
                    + " cannot run locally (the runner loads Java handlers)");
        }
        if (!(f.get("CodeUri") instanceof String codeUri) || codeUri.startsWith("s3://")) {
            throw new RunnerException(template.where(f.pathOf("CodeUri"))
                    + ": CodeUri must be a path in the project (the built function.zip)");
        }
        if (!(f.get("Handler") instanceof String handler) || handler.isBlank()) {
            throw new RunnerException(template.where(f.path() + ".Properties") + ": the function has no Handler");
        }
        int memory = integer(template, resources, f, "MemorySize", 128);
        int timeout = integer(template, resources, f, "Timeout", 3);
        int reserved = integer(template, resources, f, "ReservedConcurrentExecutions", -1);
        String name = resources.physicalId(f.name());
        String region = awsEnvironment.getOrDefault("AWS_REGION", "ap-southeast-1");

        var env = new LinkedHashMap<>(awsEnvironment);
        env.putAll(resources.functionEnvironment(f.name()));
        // Reserved by Lambda: a template cannot set them, the runtime always does.
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime);
        env.put("_HANDLER", handler);

        var events = new ArrayList<EventSpec>();
        f.events().forEach((eventName, body) -> {
            String path = f.path() + ".Properties.Events." + eventName;
            events.add(new EventSpec(eventName, String.valueOf(map(body).get("Type")), map(map(body).get("Properties")), path));
        });
        return new FunctionSpec(f.name(), name, handler, projectDir.resolve(codeUri).normalize(), memory, timeout, env, events, reserved);
    }

    private static int integer(Template template, TemplateResources resources, SamFunction f, String property, int fallback) {
        Object value = f.get(property) == null ? null : resources.resolve(f.get(property), f.pathOf(property));
        if (value == null) return fallback;
        if (value instanceof Number n) return n.intValue();
        if (value instanceof String s && s.trim().matches("\\d+")) return Integer.parseInt(s.trim());
        throw new RunnerException(template.where(f.pathOf(property)) + ": " + property + " must be a number locally, got " + value);
    }

    /** A copy with another environment. */
    public FunctionSpec withEnvironment(Map<String, String> environment) {
        return new FunctionSpec(logicalId, functionName, handler, artifact, memoryMb, timeoutSeconds, environment, events, reservedConcurrency);
    }

    public List<EventSpec> eventsOfType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
