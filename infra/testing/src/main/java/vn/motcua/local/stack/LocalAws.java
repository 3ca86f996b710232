package vn.motcua.local.stack;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against the local AWS stack: one stack per test JVM, started on first use, and for
 * each test class its own copy of template.yaml's tables, queues and bucket (a name prefix), so classes
 * never see each other's data. Declare a {@link TestStack} parameter (constructor, {@code @BeforeAll},
 * {@code @BeforeEach} or test method) to reach it.
 *
 * <pre>{@code
 * @LocalAws
 * class CatalogHandlerTest {
 *     @Test
 *     void listsTheCatalog(TestStack aws) {
 *         Environment.useForLocalRun(aws.environmentFor("CatalogFunction"));
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalAwsExtension.class)
public @interface LocalAws {}
