package vn.motcua.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A function triggered by an S3 event on a bucket of the same template must not refer to that
 * bucket anywhere else ({@code !Ref}, {@code !GetAtt}, {@code ${Bucket...}} in policies or
 * environment). SAM writes the function into the bucket's NotificationConfiguration, so the bucket
 * depends on the function; a reference back makes the function (or its role) depend on the bucket,
 * and CloudFormation refuses the stack with "Circular dependency between resources". Only a deploy
 * would show it otherwise.
 */
final class S3EventCycleCheck {

    List<TemplateProblem> check(Template template) {
        var problems = new ArrayList<TemplateProblem>();
        for (SamFunction function : SamFunction.all(template)) {
            for (var event : function.events().entrySet()) {
                Map<String, Object> body = Template.map(event.getValue());
                if (!"S3".equals(body.get("Type"))) continue;
                if (!(Template.map(body.get("Properties")).get("Bucket") instanceof Intrinsic.Ref ref)) continue;
                String bucket = ref.target();
                function.own().forEach((property, value) -> {
                    if (property.equals("Events")) return;
                    TemplateValues.walk(value, function.path() + ".Properties." + property, (path, v) -> {
                        if (refersTo(v, bucket)) {
                            problems.add(TemplateProblem.error(template, path, function.name() + " refers to " + bucket
                                    + ", whose notifications refer to " + function.name() + " (S3 event " + event.getKey()
                                    + "): a circular dependency CloudFormation refuses; name the bucket with !Sub as its"
                                    + " BucketName does, or read it from the S3 record"));
                        }
                    });
                });
            }
        }
        return problems;
    }

    private static boolean refersTo(Object value, String bucket) {
        if (value instanceof Intrinsic.Ref r) return r.target().equals(bucket);
        if (value instanceof Intrinsic.GetAtt a) return a.resource().equals(bucket);
        if (value instanceof Intrinsic.Sub s) {
            return s.references().stream().anyMatch(name -> name.equals(bucket) || name.startsWith(bucket + "."));
        }
        return false;
    }
}
