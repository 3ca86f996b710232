package vn.motcua.local.stack;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The emulators' ports: DynamoDB, SQS, S3, SES, and moto (Cognito and SSM). 0 lets the system pick a free
 * one (tests); {@link #LOCAL_RUN} are fixed, so that a developer's tools keep working across restarts.
 */
public record Ports(int dynamoDb, int sqs, int s3, int ses, int moto) {

    public static final Ports EPHEMERAL = new Ports(0, 0, 0, 0, 0);

    /**
     * DynamoDB Local's, ElasticMQ's and aws-ses-v2-local's usual ports; 9000 for S3 (8080 is the desk app);
     * 8010 for moto (its own default, 5000, is taken by the AirPlay receiver on macOS).
     */
    public static final Ports LOCAL_RUN = new Ports(8000, 9324, 9000, 8005, 8010);

    public Ports {
        for (int p : new int[] {dynamoDb, sqs, s3, ses, moto}) {
            if (p < 0 || p > 65535) throw new IllegalArgumentException("not a port: " + p);
        }
    }

    /** The four emulators of before, moto on a free port. */
    public Ports(int dynamoDb, int sqs, int s3, int ses) {
        this(dynamoDb, sqs, s3, ses, 0);
    }

    /** Fails with the service's name when a fixed port is taken, before anything starts. */
    void checkFree() {
        check("DynamoDB", dynamoDb);
        check("SQS", sqs);
        check("S3", s3);
        check("SES", ses);
        check("moto (Cognito, SSM)", moto);
    }

    private static void check(String service, int port) {
        if (port == 0) return;
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new LocalStackException(service + ": port " + port + " on 127.0.0.1 is already in use"
                    + " (another local stack still running? stop it, or choose other ports)");
        }
    }

    static int free() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("No free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) return true;
            if (t.getMessage() != null && t.getMessage().contains("Address already in use")) return true;
        }
        return false;
    }
}
