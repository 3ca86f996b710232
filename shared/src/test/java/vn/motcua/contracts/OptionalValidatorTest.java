package vn.motcua.contracts;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validator is an optional dependency of shared: a function that only sends messages does not
 * carry it. This loads the contracts in a class loader without the validator and writes a message.
 */
class OptionalValidatorTest {

    @Test
    void a_sender_writes_messages_without_the_validator_on_its_class_path() throws Exception {
        URL[] withoutValidator = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("json-schema-validator"))
                .map(OptionalValidatorTest::url).toArray(URL[]::new);
        try (var loader = new URLClassLoader(withoutValidator, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("com.networknt.schema.JsonSchema")).isInstanceOf(ClassNotFoundException.class);

            Class<?> code = loader.loadClass("vn.motcua.domain.dossier.DossierCode");
            Class<?> reason = loader.loadClass("vn.motcua.contracts.RoutingJob$Reason");
            Class<?> job = loader.loadClass("vn.motcua.contracts.RoutingJob");
            Object message = job.getConstructors()[0].newInstance("job-1", code.getConstructor(String.class).newInstance("000.00.92.H48-200302-0007"),
                    reason.getEnumConstants()[0], java.time.Instant.parse("2020-03-02T02:00:01Z"));

            assertThat(job.getMethod("toJson").invoke(message)).asString().contains("\"jobId\":\"job-1\"", "\"reason\":\"received\"");
        }
    }

    private static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
