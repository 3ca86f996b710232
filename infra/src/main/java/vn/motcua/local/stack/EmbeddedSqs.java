package vn.motcua.local.stack;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder$;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.util.Either;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ElasticMQ (SQS) inside this JVM. With a data directory, queues and their messages are kept in an
 * H2 database there (ElasticMQ's own SQL persistence), so a restart finds them again.
 */
final class EmbeddedSqs implements AutoCloseable {

    // ElasticMQ's SQL persistence keeps one JVM-wide connection pool: one persistent SQS per JVM.
    private static final AtomicBoolean PERSISTENT_RUNNING = new AtomicBoolean();

    private final ActorSystem system;
    private final SQSRestServer server;
    private final int port;
    private final boolean persistent;

    private EmbeddedSqs(ActorSystem system, SQSRestServer server, int port, boolean persistent) {
        this.system = system;
        this.server = server;
        this.port = port;
        this.persistent = persistent;
    }

    int port() { return port; }

    static EmbeddedSqs start(int requestedPort, Optional<Path> dataDir, String region, String accountId) {
        // The queue URLs ElasticMQ hands out carry its address: fix the port before binding so they are right.
        int port = requestedPort == 0 ? Ports.free() : requestedPort;
        if (dataDir.isPresent() && !PERSISTENT_RUNNING.compareAndSet(false, true)) {
            throw new LocalStackException("Another local stack with a data directory already runs in this JVM;"
                    + " ElasticMQ can persist only one (close it first, or start this one in memory)");
        }
        ActorSystem system = null;
        try {
            var config = ConfigFactory.parseString("""
                    pekko.loglevel = WARNING
                    pekko.stdout-loglevel = WARNING
                    pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                    pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                    pekko.daemonic = on
                    pekko.jvm-shutdown-hooks = off
                    pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                    pekko.coordinated-shutdown.terminate-actor-system = on
                    """).withFallback(ConfigFactory.load(EmbeddedSqs.class.getClassLoader()));
            system = ActorSystem.create("motcua-sqs", config, EmbeddedSqs.class.getClassLoader());

            TheSQSRestServerBuilder builder = SQSRestServerBuilder$.MODULE$
                    .withActorSystem(system)
                    .withInterface("127.0.0.1")
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId);
            ActorRef queueManager = null;
            ActorRef store = null;
            if (dataDir.isPresent()) {
                store = persistence(system, dataDir.get());
                ActorRef listener = store;
                queueManager = system.actorOf(Props.create(QueueManagerActor.class, () -> new QueueManagerActor(
                        new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(listener))), "queue-manager");
                builder = builder.withQueueManagerActor(queueManager).withQueueEventListener(store);
            }
            SQSRestServer server = builder.start();
            var binding = server.waitUntilStarted();
            int bound = binding.localAddress().getPort();
            if (store != null) restore(store, queueManager);
            return new EmbeddedSqs(system, server, bound, dataDir.isPresent());
        } catch (LocalStackException e) {
            stopQuietly(system, dataDir.isPresent());
            throw e;
        } catch (Exception e) {
            stopQuietly(system, dataDir.isPresent());
            if (Ports.isBindFailure(e)) {
                throw new LocalStackException("SQS (ElasticMQ): port " + port + " on 127.0.0.1 is already in use", e);
            }
            throw new LocalStackException("SQS (ElasticMQ) did not start: " + e, e);
        }
    }

    private static ActorRef persistence(ActorSystem system, Path dir) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("queues");
        // Point the JVM-wide pool at this directory ourselves: ElasticMQ sets it only the first time.
        var pools = scalikejdbc.ConnectionPool$.MODULE$;
        var settings = pools.singleton$default$4();
        pools.singleton(url, "", "", settings, pools.singleton$default$5(url, "", "", settings));
        var config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "", "", false);
        @SuppressWarnings("unchecked")
        var noQueuesFromConfig = (scala.collection.immutable.List<CreateQueueMetadata>) (Object) scala.collection.immutable.Nil$.MODULE$;
        return system.actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, noQueuesFromConfig)), "queue-store");
    }

    private static void restore(ActorRef store, ActorRef queueManager) throws Exception {
        Object answer = Patterns.ask(store, new QueueEvent.Restore(queueManager), Duration.ofSeconds(20))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        if (answer instanceof Either<?, ?> either && either.isLeft()) {
            throw new LocalStackException("SQS (ElasticMQ) could not restore its queues from the data directory: "
                    + either.left().get());
        }
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException ignored) {
            // stopping anyway
        }
        stopQuietly(system, persistent);
    }

    private static void stopQuietly(ActorSystem system, boolean persistent) {
        try {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // best effort
        } finally {
            if (persistent) {
                try {
                    scalikejdbc.ConnectionPool$.MODULE$.closeAll(); // closes H2, releasing its file
                } catch (RuntimeException ignored) {
                    // best effort
                }
                PERSISTENT_RUNNING.set(false);
            }
        }
    }
}
