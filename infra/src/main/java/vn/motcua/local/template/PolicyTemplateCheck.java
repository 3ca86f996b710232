package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every SAM policy template a function uses ({@code - SQSSendMessagePolicy: {QueueName: ...}})
 * exists in policy_templates.json and is given exactly its parameters.
 */
final class PolicyTemplateCheck {

    /** Policy templates whose QueueName wants a queue's name, which {@code !Ref} of a queue is not (it is the URL). */
    private static final Set<String> QUEUE_NAME_TEMPLATES = Set.of("SQSSendMessagePolicy", "SQSPollerPolicy");

    /** Template name -> its parameter names. */
    private final Map<String, Set<String>> templates = new LinkedHashMap<>();

    PolicyTemplateCheck(Path policyTemplates) {
        try {
            JsonNode root = new ObjectMapper().readTree(policyTemplates.toFile());
            root.path("Templates").fields().forEachRemaining(t -> {
                Set<String> parameters = new LinkedHashSet<>();
                t.getValue().path("Parameters").fieldNames().forEachRemaining(parameters::add);
                templates.put(t.getKey(), parameters);
            });
        } catch (IOException e) {
            throw new TemplateException(policyTemplates + ": cannot be read: " + e.getMessage(), e);
        }
    }

    List<TemplateProblem> check(Template template) {
        var problems = new ArrayList<TemplateProblem>();
        for (SamFunction function : SamFunction.all(template)) {
            Object policies = function.own().get("Policies");
            String path = function.path() + ".Properties.Policies";
            if (policies instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) checkPolicy(template, list.get(i), path + "[" + i + "]", problems);
            } else if (policies != null) {
                checkPolicy(template, policies, path, problems);
            }
        }
        return problems;
    }

    private void checkPolicy(Template template, Object policy, String path, List<TemplateProblem> problems) {
        if (!(policy instanceof Map<?, ?> raw)) return; // a managed policy's name or ARN, or an intrinsic
        Map<String, Object> map = Template.map(raw);
        if (map.containsKey("Statement")) return; // an inline policy document
        if (map.size() != 1) {
            problems.add(TemplateProblem.error(template, path, "a policy must be a managed policy name, one policy template"
                    + " (- SQSSendMessagePolicy: {QueueName: ...}) or a policy document with a Statement"));
            return;
        }
        String name = map.keySet().iterator().next();
        Set<String> parameters = templates.get(name);
        if (parameters == null) {
            problems.add(TemplateProblem.error(template, path + "." + name, "unknown SAM policy template '" + name + "'"
                    + Text.didYouMean(name, templates.keySet())));
            return;
        }
        Object value = map.get(name);
        if (!(value instanceof Map<?, ?> given)) {
            problems.add(TemplateProblem.error(template, path + "." + name, "policy template " + name + " takes a mapping of its parameters"
                    + (parameters.isEmpty() ? ": write {}" : " (" + String.join(", ", parameters) + ")")));
            return;
        }
        Map<String, Object> arguments = Template.map(given);
        for (String parameter : parameters) {
            if (!arguments.containsKey(parameter)) {
                problems.add(TemplateProblem.error(template, path + "." + name, "policy template " + name
                        + " needs its parameter '" + parameter + "'"));
            }
        }
        for (String argument : arguments.keySet()) {
            if (!parameters.contains(argument)) {
                problems.add(TemplateProblem.error(template, path + "." + name + "." + argument, "policy template " + name
                        + " has no parameter '" + argument + "'" + (parameters.isEmpty() ? " (it takes none)"
                        : " (it takes " + String.join(", ", parameters) + ")")));
            }
        }
        if (QUEUE_NAME_TEMPLATES.contains(name) && arguments.get("QueueName") instanceof Intrinsic.Ref ref
                && template.resources().containsKey(ref.target())
                && "AWS::SQS::Queue".equals(template.resources().get(ref.target()).type())) {
            problems.add(TemplateProblem.error(template, path + "." + name + ".QueueName", "QueueName wants the queue's name, but !Ref "
                    + ref.target() + " is its URL: use !GetAtt " + ref.target() + ".QueueName"));
        }
    }
}
