package vn.motcua.local.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's own rules for queues (product.md):
 * <ul>
 * <li>every SQS-triggered function reports partial batch failures
 *     ({@code FunctionResponseTypes: [ReportBatchItemFailures]}), so one bad message never makes
 *     the whole batch come back;</li>
 * <li>every queue (other than a dead-letter queue) has a RedrivePolicy to a dead-letter queue;</li>
 * <li>a queue that triggers a function keeps a message hidden at least 6 times the function's
 *     Timeout (AWS's advice), so a message is not handed out again while it is being worked on;</li>
 * <li>a function that has a queue in its environment (to send to it) is granted sending to it, and a
 *     SAM queue policy template is given the queue's name, not its URL ({@code !Ref} of a queue);</li>
 * <li>every dead-letter queue, and every queue a function's failed asynchronous invocations go to
 *     ({@code EventInvokeConfig.DestinationConfig.OnFailure}), has a CloudWatch alarm on its depth, so a
 *     message that landed there is seen by a person rather than expiring unnoticed after the retention period.</li>
 * </ul>
 * No linter knows these: they are this project's rules (product.md), or facts about two resources at once.
 */
final class QueueRulesCheck {

    static final String QUEUE = "AWS::SQS::Queue";
    private static final long DEFAULT_VISIBILITY_TIMEOUT = 30;

    List<TemplateProblem> check(Template template) {
        var problems = new ArrayList<TemplateProblem>();
        Set<String> deadLetterQueues = deadLetterQueues(template);
        Set<String> destinationQueues = onFailureDestinations(template).keySet();
        for (var queue : template.resourcesOfType(QUEUE)) {
            if (!deadLetterQueues.contains(queue.name()) && !destinationQueues.contains(queue.name())) checkRedrive(template, queue, problems);
        }
        for (String dlq : deadLetterQueues) {
            var queue = template.resources().get(dlq);
            if (queue != null && QUEUE.equals(queue.type()) && !hasDepthAlarm(template, dlq)) {
                problems.add(TemplateProblem.error(template, queue.path(), "dead-letter queue " + dlq + " has no alarm on its depth:"
                        + noAlarmAdvice(dlq)));
            }
        }
        var destinations = onFailureDestinations(template);
        destinations.forEach((queueName, function) -> {
            var queue = template.resources().get(queueName);
            if (queue != null && QUEUE.equals(queue.type()) && !deadLetterQueues.contains(queueName) && !hasDepthAlarm(template, queueName)) {
                problems.add(TemplateProblem.error(template, queue.path(), "queue " + queueName + " receives the failed invocations of "
                        + function + " but has no alarm on its depth:" + noAlarmAdvice(queueName)));
            }
        });
        for (SamFunction function : SamFunction.all(template)) {
            function.events().forEach((name, event) -> {
                var e = Template.map(event);
                if ("SQS".equals(e.get("Type"))) checkSqsEvent(template, function, name, Template.map(e.get("Properties")), problems);
            });
            checkSendPermissions(template, function, problems);
            checkQueueNames(template, function, problems);
        }
        return problems;
    }

    private static String noAlarmAdvice(String queue) {
        return " add an AWS::CloudWatch::Alarm with Namespace AWS/SQS, MetricName ApproximateNumberOfMessagesVisible and"
                + " Dimensions [{Name: QueueName, Value: !GetAtt " + queue + ".QueueName}], so a failed message is seen by someone";
    }

    /** Queues (by logical id) that functions' failed asynchronous invocations are sent to, with the first such function. */
    private static Map<String, String> onFailureDestinations(Template template) {
        var queues = new java.util.LinkedHashMap<String, String>();
        for (SamFunction function : SamFunction.all(template)) {
            var onFailure = Template.map(Template.map(Template.map(function.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure"));
            if ("SQS".equals(onFailure.get("Type")) && onFailure.get("Destination") instanceof Intrinsic.GetAtt att) {
                queues.putIfAbsent(att.resource(), function.name());
            }
        }
        return queues;
    }

    /** Policy templates whose QueueName wants a queue's name, which {@code !Ref} of a queue is not (it is the URL). */
    private static final Set<String> QUEUE_NAME_TEMPLATES = Set.of("SQSSendMessagePolicy", "SQSPollerPolicy");

    /** The SAM transform takes any string for QueueName; a URL there makes a policy on an ARN that names no queue. */
    private static void checkQueueNames(Template template, SamFunction function, List<TemplateProblem> problems) {
        List<Object> policies = Template.list(function.own().get("Policies"));
        for (int i = 0; i < policies.size(); i++) {
            for (var entry : Template.map(policies.get(i)).entrySet()) {
                if (QUEUE_NAME_TEMPLATES.contains(entry.getKey()) && Template.map(entry.getValue()).get("QueueName") instanceof Intrinsic.Ref ref
                        && template.resources().containsKey(ref.target()) && QUEUE.equals(template.resources().get(ref.target()).type())) {
                    problems.add(TemplateProblem.error(template, function.path() + ".Properties.Policies[" + i + "]." + entry.getKey() + ".QueueName",
                            "QueueName wants the queue's name, but !Ref " + ref.target() + " is its URL: use !GetAtt " + ref.target() + ".QueueName"));
                }
            }
        }
    }

    static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final Set<String> DEPTH_METRICS = Set.of("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage");

    /** An alarm on the queue's visible messages (or their age), by its QueueName dimension. */
    private static boolean hasDepthAlarm(Template template, String queue) {
        for (var alarm : template.resourcesOfType(ALARM)) {
            var p = alarm.properties();
            if (!"AWS/SQS".equals(p.get("Namespace")) || !DEPTH_METRICS.contains(String.valueOf(p.get("MetricName")))) continue;
            for (Object dimension : Template.list(p.get("Dimensions"))) {
                var d = Template.map(dimension);
                if ("QueueName".equals(d.get("Name")) && mentions(d.get("Value"), queue)) return true;
            }
        }
        return false;
    }

    /** Queues some queue's RedrivePolicy sends its failures to. */
    private static Set<String> deadLetterQueues(Template template) {
        var names = new HashSet<String>();
        for (var queue : template.resourcesOfType(QUEUE)) {
            Object target = Template.map(queue.properties().get("RedrivePolicy")).get("deadLetterTargetArn");
            if (target instanceof Intrinsic.GetAtt att) names.add(att.resource());
        }
        return names;
    }

    private static void checkRedrive(Template template, Template.Resource queue, List<TemplateProblem> problems) {
        Object redrive = queue.properties().get("RedrivePolicy");
        String path = queue.path() + ".Properties";
        if (redrive == null) {
            problems.add(TemplateProblem.error(template, queue.path(), "queue " + queue.name() + " has no dead-letter queue: give it a"
                    + " RedrivePolicy (deadLetterTargetArn: !GetAtt <DLQ>.Arn, maxReceiveCount: N), so a message that keeps failing"
                    + " ends somewhere instead of being retried until it expires"));
            return;
        }
        if (!(redrive instanceof Map<?, ?>)) return; // a JSON string or an intrinsic: not read here
        Object target = Template.map(redrive).get("deadLetterTargetArn");
        if (target == null) {
            problems.add(TemplateProblem.error(template, path + ".RedrivePolicy", "RedrivePolicy of " + queue.name()
                    + " has no deadLetterTargetArn"));
        } else if (target instanceof Intrinsic.GetAtt att && template.resources().containsKey(att.resource())
                && !QUEUE.equals(template.resources().get(att.resource()).type())) {
            problems.add(TemplateProblem.error(template, path + ".RedrivePolicy.deadLetterTargetArn", "the dead-letter target of "
                    + queue.name() + " is " + att.resource() + ", which is not an SQS queue"));
        }
        if (Template.map(redrive).get("maxReceiveCount") == null) {
            problems.add(TemplateProblem.error(template, path + ".RedrivePolicy", "RedrivePolicy of " + queue.name()
                    + " has no maxReceiveCount"));
        }
    }

    private static void checkSqsEvent(Template template, SamFunction function, String event, Map<String, Object> properties,
                                      List<TemplateProblem> problems) {
        String path = function.path() + ".Properties.Events." + event + ".Properties";
        if (!Template.list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")) {
            problems.add(TemplateProblem.error(template, path, "SQS event " + event + " of " + function.name()
                    + " must report partial batch failures: add FunctionResponseTypes: [ReportBatchItemFailures]"));
        }
        Object queueRef = properties.get("Queue");
        String queueName = queueRef instanceof Intrinsic.GetAtt att ? att.resource() : null;
        var queue = queueName == null ? null : template.resources().get(queueName);
        if (queue == null || !QUEUE.equals(queue.type())) {
            problems.add(TemplateProblem.note(template, path + ".Queue", "the queue is not an SQS queue of this template"
                    + " (!GetAtt <Queue>.Arn): its dead-letter queue and visibility timeout are not checked"));
            return;
        }
        long timeout = function.timeoutSeconds();
        long visibility = number(queue.properties().get("VisibilityTimeout"), DEFAULT_VISIBILITY_TIMEOUT);
        if (timeout < 0 || visibility < 0) {
            problems.add(TemplateProblem.note(template, path + ".Queue", "the Timeout of " + function.name() + " or the VisibilityTimeout of "
                    + queueName + " is computed: their ratio is not checked"));
        } else if (visibility < 6 * timeout) {
            String at = queue.properties().containsKey("VisibilityTimeout")
                    ? queue.path() + ".Properties.VisibilityTimeout" : queue.path();
            problems.add(TemplateProblem.error(template, at, "queue " + queueName + " hides a message for " + visibility + " s"
                    + (queue.properties().containsKey("VisibilityTimeout") ? "" : " (the default)")
                    + ", less than 6 x the Timeout of " + function.name() + " (" + timeout + " s) = " + 6 * timeout
                    + " s: a message could be handed out again while it is still being worked on"));
        }
    }

    /** A function with a queue in its environment must be allowed to send to it. */
    private static void checkSendPermissions(Template template, SamFunction function, List<TemplateProblem> problems) {
        Map<String, Object> variables = Template.map(Template.map(function.get("Environment")).get("Variables"));
        Object policies = function.own().get("Policies");
        variables.forEach((variable, value) -> {
            String queue = queueNamed(template, value);
            if (queue != null && !grantsSend(policies, queue)) {
                String path = Template.map(Template.map(function.own().get("Environment")).get("Variables")).containsKey(variable)
                        ? function.path() + ".Properties.Environment.Variables." + variable
                        : "Globals.Function.Environment.Variables." + variable;
                problems.add(TemplateProblem.error(template, path, function.name() + " has queue " + queue + " in " + variable
                        + " but no permission to send to it: add - SQSSendMessagePolicy: {QueueName: !GetAtt " + queue + ".QueueName}"));
            }
        });
    }

    /** The SQS queue of this template a value names (!Ref Q, !GetAtt Q.QueueUrl...), or null. */
    private static String queueNamed(Template template, Object value) {
        String name = value instanceof Intrinsic.Ref ref ? ref.target()
                : value instanceof Intrinsic.GetAtt att ? att.resource() : null;
        var resource = name == null ? null : template.resources().get(name);
        return resource != null && QUEUE.equals(resource.type()) ? name : null;
    }

    private static boolean grantsSend(Object policies, String queue) {
        List<Object> list = policies instanceof List<?> l ? Template.list(l) : policies == null ? List.of() : List.of(policies);
        for (Object policy : list) {
            Map<String, Object> map = Template.map(policy);
            if (mentions(map.get("SQSSendMessagePolicy"), queue)) return true;
            for (Object statement : Template.list(map.get("Statement"))) {
                var s = Template.map(statement);
                boolean sends = actions(s.get("Action")).stream().anyMatch(a -> a.equals("sqs:*") || a.startsWith("sqs:SendMessage"));
                if ("Allow".equals(s.get("Effect")) && sends && mentions(s.get("Resource"), queue)) return true;
            }
        }
        return false;
    }

    private static List<String> actions(Object action) {
        if (action instanceof String s) return List.of(s);
        return Template.list(action).stream().map(String::valueOf).toList();
    }

    /** Whether the value refers to the queue anywhere inside it. */
    private static boolean mentions(Object value, String queue) {
        var found = new boolean[1];
        TemplateValues.walk(value, "", (path, v) -> {
            if (v instanceof Intrinsic.Ref ref && ref.target().equals(queue)) found[0] = true;
            if (v instanceof Intrinsic.GetAtt att && att.resource().equals(queue)) found[0] = true;
            if (v instanceof Intrinsic.Sub sub && sub.references().stream().anyMatch(r -> r.equals(queue) || r.startsWith(queue + "."))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static long number(Object value, long absent) {
        if (value == null) return absent;
        if (value instanceof Number n) return n.longValue();
        if (value instanceof String s && s.trim().matches("\\d+")) return Long.parseLong(s.trim());
        return -1;
    }
}
