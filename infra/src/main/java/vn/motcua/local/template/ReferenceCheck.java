package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code !Ref}, {@code !GetAtt}, {@code !Sub ${...}}, {@code DependsOn} and condition name
 * points at something that exists: a parameter, a resource, a pseudo parameter, or one of the few
 * resources SAM adds itself. For a {@code !GetAtt} on a type whose schema we have, the attribute
 * must be one the type has.
 */
final class ReferenceCheck {

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /** Null when the schemas folder is missing: attributes are then not checked. */
    private final SchemaLibrary schemas;

    ReferenceCheck(SchemaLibrary schemas) {
        this.schemas = schemas;
    }

    List<TemplateProblem> check(Template template) {
        var problems = new ArrayList<TemplateProblem>();
        Map<String, String> resources = new LinkedHashMap<>();
        template.resources().values().forEach(r -> resources.put(r.name(), r.type()));
        Map<String, String> generated = samGenerated(template, resources);
        Set<String> parameters = template.parameters().keySet();
        Set<String> conditions = Template.map(template.root().get("Conditions")).keySet();

        TemplateValues.walk(template.root(), "", (path, value) -> {
            if (value instanceof Intrinsic.Ref ref) {
                String target = ref.target();
                if (!PSEUDO_PARAMETERS.contains(target) && !parameters.contains(target)
                        && !resources.containsKey(target) && !generated.containsKey(target)) {
                    problems.add(TemplateProblem.error(template, path, "!Ref " + target + ": no parameter or resource is named '"
                            + target + "'" + guess(target, names(parameters, resources.keySet()))));
                }
            } else if (value instanceof Intrinsic.GetAtt att) {
                checkAttribute(template, path, "!GetAtt " + att.resource() + "." + att.attribute(),
                        att.resource(), att.attribute(), resources, generated, parameters, problems);
            } else if (value instanceof Intrinsic.Sub sub) {
                for (String name : sub.references()) {
                    if (PSEUDO_PARAMETERS.contains(name) || parameters.contains(name)) continue;
                    int dot = name.indexOf('.');
                    if (dot > 0) {
                        checkAttribute(template, path, "${" + name + "} in !Sub", name.substring(0, dot), name.substring(dot + 1),
                                resources, generated, parameters, problems);
                    } else if (!resources.containsKey(name) && !generated.containsKey(name)) {
                        problems.add(TemplateProblem.error(template, path, "${" + name + "} in !Sub: no parameter, resource or !Sub variable is named '"
                                + name + "'" + guess(name, names(parameters, resources.keySet()))));
                    }
                }
            } else if (value instanceof Intrinsic.Other other && other.function().equals("Condition")) {
                if (!conditions.contains(String.valueOf(other.argument()))) {
                    problems.add(TemplateProblem.error(template, path, "!Condition " + other.argument() + ": no condition is named '"
                            + other.argument() + "'" + guess(String.valueOf(other.argument()), conditions)));
                }
            } else if (value instanceof Intrinsic.Other other && other.function().equals("Fn::If")) {
                Object condition = Template.list(other.argument()).isEmpty() ? null : Template.list(other.argument()).get(0);
                if (condition != null && !conditions.contains(String.valueOf(condition))) {
                    problems.add(TemplateProblem.error(template, path, "!If " + condition + ": no condition is named '" + condition + "'"
                            + guess(String.valueOf(condition), conditions)));
                }
            }
        });

        for (var resource : template.resources().values()) {
            Object dependsOn = resource.body().get("DependsOn");
            List<Object> names = dependsOn instanceof List<?> l ? Template.list(l) : dependsOn == null ? List.of() : List.of(dependsOn);
            for (Object name : names) {
                if (!resources.containsKey(String.valueOf(name)) && !generated.containsKey(String.valueOf(name))) {
                    problems.add(TemplateProblem.error(template, resource.path() + ".DependsOn", "DependsOn " + name
                            + ": no resource is named '" + name + "'" + guess(String.valueOf(name), resources.keySet())));
                }
            }
            Object condition = resource.body().get("Condition");
            if (condition instanceof String c && !conditions.contains(c)) {
                problems.add(TemplateProblem.error(template, resource.path() + ".Condition", "Condition " + c + ": no condition is named '" + c + "'"));
            }
        }
        return problems;
    }

    private void checkAttribute(Template template, String path, String what, String resource, String attribute,
                                Map<String, String> resources, Map<String, String> generated, Set<String> parameters,
                                List<TemplateProblem> problems) {
        String type = resources.containsKey(resource) ? resources.get(resource) : generated.get(resource);
        if (type == null) {
            String also = parameters.contains(resource) ? " ('" + resource + "' is a parameter: use !Ref)"
                    : guess(resource, names(resources.keySet(), generated.keySet()));
            problems.add(TemplateProblem.error(template, path, what + ": no resource is named '" + resource + "'" + also));
            return;
        }
        Optional<Set<String>> attributes = attributes(type);
        if (attributes.isPresent() && !attributes.get().contains(attribute)) {
            problems.add(TemplateProblem.error(template, path, what + ": type " + type + " has no attribute '" + attribute
                    + "'" + guess(attribute, attributes.get())));
        }
    }

    /**
     * What {@code !GetAtt} can read from a CloudFormation type we have the schema of: its
     * read-only properties (Arn, QueueUrl...) and, leniently, its own properties (an SQS queue's
     * QueueName is both). Unknown for SAM and unknown types.
     */
    private Optional<Set<String>> attributes(String type) {
        if (schemas == null || type.startsWith("AWS::Serverless::")) return Optional.empty();
        return schemas.cloudFormationDocument(type).map(doc -> {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode pointer : doc.path("readOnlyProperties")) {
                String p = pointer.asText();
                if (p.startsWith("/properties/")) names.add(p.substring("/properties/".length()).replace('/', '.'));
            }
            doc.path("properties").fieldNames().forEachRemaining(names::add);
            return names;
        });
    }

    /**
     * The resources SAM creates from the template that the template may name: a function's role
     * ({@code <Function>Role}, when it has no Role of its own), the implicit APIs made for
     * events without an explicit API ({@code ServerlessHttpApi}, {@code ServerlessRestApi}),
     * and a function's alias and version when it publishes one.
     */
    private static Map<String, String> samGenerated(Template template, Map<String, String> resources) {
        Map<String, String> generated = new LinkedHashMap<>();
        for (SamFunction function : SamFunction.all(template)) {
            if (function.get("Role") == null) generated.put(function.name() + "Role", "AWS::IAM::Role");
            if (function.get("AutoPublishAlias") != null) {
                generated.put(function.name() + ".Alias", "AWS::Lambda::Alias");
                generated.put(function.name() + ".Version", "AWS::Lambda::Version");
            }
            for (Object event : function.events().values()) {
                var e = Template.map(event);
                var properties = Template.map(e.get("Properties"));
                if ("HttpApi".equals(e.get("Type")) && !properties.containsKey("ApiId")) {
                    generated.put("ServerlessHttpApi", "AWS::ApiGatewayV2::Api");
                }
                if ("Api".equals(e.get("Type")) && !properties.containsKey("RestApiId")) {
                    generated.put("ServerlessRestApi", "AWS::ApiGateway::RestApi");
                }
            }
        }
        generated.keySet().removeAll(resources.keySet());
        return generated;
    }

    private static Set<String> names(Set<String> a, Set<String> b) {
        var all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    static String guess(String name, Set<String> candidates) {
        return Text.didYouMean(name, candidates);
    }
}
