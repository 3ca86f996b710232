package vn.motcua.local.template;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fn::ForEach expanded as AWS::LanguageExtensions does, before anything else reads the template. */
class ForEachExpansionTest {

    static final String LOOPS = """
            Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
            Parameters:
              Stage: {Type: String, Default: dev}
              DepartmentIds:
                Type: CommaDelimitedList
                Default: 'so-a, so-b-c'
            Resources:
              Fn::ForEach::Departments:
                - AgencyId
                - !Ref DepartmentIds
                - 'Queue&{AgencyId}':
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub 'demo-${Stage}-${AgencyId}'
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt [!Join ['', [Dead, !Join ['', !Split ['-', !Ref AgencyId]]]], Arn]
                        maxReceiveCount: 5
                  'Dead&{AgencyId}':
                    Type: AWS::SQS::Queue
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      QUEUES:
                        Fn::ToJsonString:
                          Fn::ForEach::Urls:
                            - AgencyId
                            - !Ref DepartmentIds
                            - '${AgencyId}':
                                Ref: !Join ['', [Queue, !Join ['', !Split ['-', !Ref AgencyId]]]]
                  Events:
                    Fn::ForEach::Sources:
                      - Id
                      - [a, b]
                      - 'From${Id}':
                          Type: SQS
                          Properties:
                            Queue: !GetAtt [!Sub 'Queue${Id}', Arn]
            """;

    static Template parse(String yaml) {
        return Template.parse(Path.of("template.yaml"), yaml);
    }

    @Test
    void each_department_gets_its_resources_with_alphanumeric_logical_ids_and_names_from_the_value() {
        var template = parse(LOOPS);
        assertThat(template.resources().keySet()).containsExactly("Queuesoa", "Deadsoa", "Queuesobc", "Deadsobc", "Worker");
        var queue = template.resource("Queuesobc").orElseThrow();
        assertThat(queue.properties().get("QueueName")).isEqualTo(new Intrinsic.Sub("demo-${Stage}-so-b-c", Map.of()));
        // the static Join/Split inside GetAtt is resolved, so the redrive names the generated DLQ
        assertThat(Template.map(queue.properties().get("RedrivePolicy")).get("deadLetterTargetArn"))
                .isEqualTo(new Intrinsic.GetAtt("Deadsobc", "Arn"));
    }

    @Test
    void loops_inside_properties_build_maps_and_nested_intrinsics_resolve() {
        var worker = parse(LOOPS).resource("Worker").orElseThrow();
        var variables = Template.map(Template.map(worker.properties().get("Environment")).get("Variables"));
        var json = (Intrinsic.Other) variables.get("QUEUES");
        assertThat(json.function()).isEqualTo("Fn::ToJsonString");
        assertThat(json.argument()).isEqualTo(Map.of("so-a", new Intrinsic.Ref("Queuesoa"), "so-b-c", new Intrinsic.Ref("Queuesobc")));
        var events = Template.map(worker.properties().get("Events"));
        assertThat(events.keySet()).containsExactly("Froma", "Fromb");
        assertThat(Template.map(Template.map(events.get("Fromb")).get("Properties")).get("Queue"))
                .isEqualTo(new Intrinsic.GetAtt("Queueb", "Arn"));
    }

    @Test
    void a_parameter_override_changes_the_expansion_and_the_source_keeps_the_loop() {
        var template = parse(LOOPS);
        var three = template.withParameters(Map.of("DepartmentIds", "x,y,z"));
        assertThat(three.resources().keySet()).containsExactly("Queuex", "Deadx", "Queuey", "Deady", "Queuez", "Deadz", "Worker");
        assertThat(template.withParameters(Map.of())).isSameAs(template);
        assertThat(Template.map(template.sourceRoot().get("Resources"))).containsKey("Fn::ForEach::Departments");
    }

    @Test
    void generated_resources_report_the_line_of_their_fragment() {
        var template = parse(LOOPS);
        assertThat(template.where("Resources.Queuesobc.Properties.QueueName")).isEqualTo("template.yaml:14 (Resources.Queuesobc.Properties.QueueName)");
    }

    @Test
    void the_transform_is_required_and_must_precede_sam() {
        assertThatThrownBy(() -> parse(LOOPS.replace("[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]", "AWS::Serverless-2016-10-31")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("needs the AWS::LanguageExtensions transform");
        assertThatThrownBy(() -> parse(LOOPS.replace("[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]",
                "[AWS::Serverless-2016-10-31, AWS::LanguageExtensions]")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("must come before");
    }

    @Test
    void an_ampersand_placeholder_in_a_value_is_refused_since_aws_leaves_it_unreplaced() {
        assertThatThrownBy(() -> parse(LOOPS.replace("!Sub 'demo-${Stage}-${AgencyId}'", "!Sub 'demo-${Stage}-&{AgencyId}'")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("template.yaml:14")
                .hasMessageContaining("&{AgencyId} is replaced in a Fn::ForEach output key only");
    }

    @Test
    void malformed_loops_are_refused_with_their_line() {
        assertThatThrownBy(() -> parse(LOOPS.replace("'Dead&{AgencyId}':", "'Dead':")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("must contain ${AgencyId} or &{AgencyId}");
        assertThatThrownBy(() -> parse(LOOPS.replace("Type: CommaDelimitedList", "Type: String")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("must be a CommaDelimitedList parameter");
        assertThatThrownBy(() -> parse(LOOPS.replace("Default: 'so-a, so-b-c'", "Default: 'so-a,so-a'")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("lists 'so-a' twice");
        assertThatThrownBy(() -> parse(LOOPS.replace("'Dead&{AgencyId}':", "'Queue${AgencyId}':").replace("Default: 'so-a, so-b-c'", "Default: 'soa'")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("'Queuesoa' is written twice");
    }

    @Test
    void a_template_without_loops_is_read_as_before() {
        var template = parse("""
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub 'x-${AWS::Region}'
                """);
        assertThat(template.root()).isSameAs(template.sourceRoot());
        assertThat(template.resources().keySet()).isEqualTo(java.util.Set.of("Q"));
        assertThat(List.copyOf(template.resources().keySet())).containsExactly("Q");
    }
}
