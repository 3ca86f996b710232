package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template against the published schemas: {@code AWS::Serverless::*} resources and Globals
 * against sam.schema.json, every other resource's Properties against its CloudFormation registry
 * schema. Problems name the property in template terms and say what is wrong in plain words.
 */
final class SchemaCheck {

    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "DeletionPolicy",
            "UpdateReplacePolicy", "Condition", "Metadata", "CreationPolicy", "UpdatePolicy");

    private final SchemaLibrary schemas;
    private final SchemaMessages messageText;

    SchemaCheck(SchemaLibrary schemas) {
        this.schemas = schemas;
        this.messageText = new SchemaMessages(schemas);
    }

    List<TemplateProblem> check(Template template) {
        var problems = new ArrayList<TemplateProblem>();
        template.root().keySet().stream().filter(k -> !SECTIONS.contains(k)).forEach(k ->
                problems.add(TemplateProblem.error(template, k, "unknown top-level section '" + k + "'")));
        if (!(template.root().get("Resources") instanceof Map<?, ?> r) || r.isEmpty()) {
            problems.add(TemplateProblem.error(template, "Resources", "a template needs a Resources section with at least one resource"));
        }
        if (template.root().containsKey("Globals")) {
            validate(template, schemas.samGlobals(), template.root().get("Globals"), "Globals", problems);
        }
        for (var resource : template.resources().values()) {
            checkResource(template, resource, problems);
        }
        return problems;
    }

    private void checkResource(Template template, Template.Resource resource, List<TemplateProblem> problems) {
        String path = resource.path();
        Object rawBody = Template.map(template.root().get("Resources")).get(resource.name());
        if (!(rawBody instanceof Map<?, ?>)) {
            problems.add(TemplateProblem.error(template, path, "a resource must be a mapping with a Type and Properties"));
            return;
        }
        Object type = resource.body().get("Type");
        if (!(type instanceof String typeName)) {
            problems.add(TemplateProblem.error(template, path, "the resource has no Type"));
            return;
        }
        if (typeName.startsWith("AWS::Serverless::")) {
            var schema = schemas.samResource(typeName);
            if (schema.isEmpty()) {
                problems.add(TemplateProblem.error(template, path + ".Type", "unknown SAM resource type '" + typeName + "'"));
            } else {
                validate(template, schema.get(), resource.body(), path, problems);
            }
            return;
        }
        resource.body().keySet().stream().filter(k -> !RESOURCE_ATTRIBUTES.contains(k)).forEach(k -> problems.add(
                TemplateProblem.error(template, path + "." + k, "'" + k + "' is not a resource attribute (did you mean to put it under Properties?)")));
        if (!typeName.matches("[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+") && !typeName.startsWith("Custom::")) {
            problems.add(TemplateProblem.error(template, path + ".Type", "'" + typeName + "' is not a resource type (Service::Group::Name)"));
            return;
        }
        var schema = schemas.cloudFormationProperties(typeName);
        if (schema.isEmpty()) {
            problems.add(TemplateProblem.note(template, path + ".Type", "no schema for " + typeName + " in "
                    + schemas.dir().resolve("cloudformation").resolve(SchemaLibrary.fileName(typeName))
                    + ": its properties are not checked"));
            return;
        }
        Object properties = resource.body().getOrDefault("Properties", Map.of());
        if (properties instanceof Intrinsic) {
            problems.add(TemplateProblem.note(template, path + ".Properties", "Properties is computed (an intrinsic function): not checked"));
            return;
        }
        validate(template, schema.get(), properties, path + ".Properties", problems);
        readOnly(template, resource, path, problems);
    }

    /** Properties the registry marks read-only (Arn, QueueUrl...) are results, never inputs. */
    private void readOnly(Template template, Template.Resource resource, String path, List<TemplateProblem> problems) {
        JsonNode doc = schemas.cloudFormationDocument(resource.type()).orElseThrow();
        for (JsonNode pointer : doc.path("readOnlyProperties")) {
            String p = pointer.asText();
            if (!p.startsWith("/properties/") || p.indexOf('/', "/properties/".length()) >= 0) continue;
            String name = p.substring("/properties/".length());
            if (resource.properties().containsKey(name)) {
                problems.add(TemplateProblem.error(template, path + ".Properties." + name,
                        "'" + name + "' is read-only: CloudFormation sets it (read it with !GetAtt " + resource.name() + "." + name + ")"));
            }
        }
    }

    private void validate(Template template, JsonSchema schema, Object value, String path, List<TemplateProblem> problems) {
        JsonNode instance = TemplateValues.toJson(value);
        var messages = new ArrayList<>(schema.validate(instance));
        messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        var seen = new java.util.HashSet<String>();
        for (ValidationMessage m : messageText.relevant(messages)) {
            String at = path + suffix(m.getInstanceLocation()) + SchemaMessages.member(m);
            String what = messageText.describe(m);
            // one rule can reach a value by two routes (cfn-lint's prefixItems beside items)
            if (seen.add(at + "\n" + what)) problems.add(TemplateProblem.error(template, at, what));
        }
    }

    /** A JSON location ({@code /Properties/Events/0}) as a template path suffix ({@code .Properties.Events[0]}). */
    static String suffix(JsonNodePath location) {
        var sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) sb.append('[').append(index).append(']');
            else sb.append('.').append(element);
        }
        return sb.toString();
    }
}
