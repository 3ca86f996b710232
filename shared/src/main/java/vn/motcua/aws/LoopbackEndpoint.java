package vn.motcua.aws;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 endpoint on the loopback interface, inside this process, answering every request with one canned
 * body: what a dry run's clients ({@link DryClients}) talk to, so that their requests go down the function's own
 * HTTP client (the URL-connection client: connection, request, keep-alive, response) and never leave the machine.
 * One connection at a time, requests read to their end ({@code Content-Length}); written by hand because it is a
 * few lines and must not add a server library to every artifact.
 */
public final class LoopbackEndpoint implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] head;
    private final byte[] body;
    private final Thread thread;

    private LoopbackEndpoint(String contentType, String body) throws IOException {
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.head = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + this.body.length
                + "\r\nx-amzn-RequestId: dry-run\r\nx-amz-request-id: dry-run\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.thread = Thread.ofPlatform().daemon().name("dry-run-endpoint").start(this::serve);
    }

    /** An endpoint answering {@code body} as {@code contentType} to every request. */
    public static LoopbackEndpoint answering(String contentType, String body) {
        try {
            return new LoopbackEndpoint(contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException("no loopback port for the dry run", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                var in = new BufferedInputStream(connection.getInputStream());
                var out = connection.getOutputStream();
                while (answer(in, out)) {
                    out.flush();
                }
            } catch (IOException closedOrBroken) {
                // the endpoint was closed, or the client went away: the next connection, if any
            }
        }
    }

    /** Reads one request and answers it; false at the end of the connection. */
    private boolean answer(InputStream in, OutputStream out) throws IOException {
        String request = line(in);
        if (request.isEmpty()) return false;
        long length = 0;
        for (String header; !(header = line(in)).isEmpty(); ) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? "" : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1).trim();
            if (name.equals("content-length")) length = Long.parseLong(value);
            if (name.equals("expect") && value.equalsIgnoreCase("100-continue")) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        in.skipNBytes(length);
        out.write(head);
        if (!request.startsWith("HEAD ")) out.write(body);
        return true;
    }

    /** One line without its CRLF; "" at a blank line or the end of the stream. */
    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) if (c != '\r') line.append((char) c);
        return line.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
            thread.join(1_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
