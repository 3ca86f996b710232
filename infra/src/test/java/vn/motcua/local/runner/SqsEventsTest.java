package vn.motcua.local.runner;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's reading of a partial batch answer, for a batch of messages a, b and c. */
class SqsEventsTest {

    private static final Set<String> BATCH = Set.of("a", "b", "c");

    @ParameterizedTest(name = "{0} -> failed [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                  | '' |
            null                                                                | '' |
            {}                                                                  | '' |
            {"batchItemFailures": null}                                         | '' |
            {"batchItemFailures": []}                                           | '' |
            {"batchItemFailures": [{"itemIdentifier": "b"}]}                    | b |
            {"batchItemFailures": [{"itemIdentifier": "a"}, {"itemIdentifier": "c"}]} | a c |
            {"batchItemFailures": [{"itemIdentifier": "z"}]}                    | a b c | not a messageId of the batch
            {"batchItemFailures": [{"itemIdentifier": ""}]}                     | a b c | no itemIdentifier
            {"batchItemFailures": [{"itemIdentifier": null}]}                   | a b c | no itemIdentifier
            {"batchItemFailures": [{"id": "b"}]}                                | a b c | no itemIdentifier
            {"batchItemFailures": "b"}                                          | a b c | not a list
            all good!                                                           | a b c | not JSON
            {"batchItemFailures": []} trailing                                  | a b c | not JSON
            "ok"                                                                | a b c | not a JSON object
            """)
    void failures(String answer, String failed, String why) {
        var result = SqsEvents.failures(answer.getBytes(StandardCharsets.UTF_8), BATCH);

        assertThat(new TreeSet<>(result.messageIds())).containsExactlyElementsOf(
                failed.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(failed.split(" "))));
        if (why == null) {
            assertThat(result.whyAll()).isNull();
        } else {
            assertThat(result.whyAll()).contains(why);
        }
    }
}
