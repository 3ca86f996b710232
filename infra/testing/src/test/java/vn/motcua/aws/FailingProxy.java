package vn.motcua.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A local HTTP proxy put between an SDK client and an emulator, to fail on purpose: requests that match
 * a rule are answered by the rule (a throttling error, say) instead of the emulator, or forwarded and
 * their reply dropped (the connection closed without an answer, as when a reply is lost on the way).
 * Everything else is forwarded as it came, byte for byte, so SigV4 signatures stay valid. One request per
 * upstream connection ({@code Connection: close} added, the reply read to its end), plain HTTP/1.1.
 */
public final class FailingProxy implements AutoCloseable {

    /** What was asked of the proxy: the first request line and headers (lower-case names) of each request. */
    public record Seen(String requestLine, String headers) {
        public boolean has(String text) { return requestLine.contains(text) || headers.contains(text.toLowerCase(Locale.ROOT)); }
    }

    /** A canned failure: the raw HTTP answer to send. */
    public static String answer(int status, String reason, String contentType, String extraHeader, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType + "\r\n"
                + (extraHeader == null ? "" : extraHeader + "\r\n")
                + "x-amzn-RequestId: failing-proxy\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private record Rule(Predicate<Seen> matches, String answer, int[] times) {}

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "failing-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Rule> rules = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FailingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public String url() { return "http://127.0.0.1:" + server.getLocalPort(); }

    public List<Seen> seen() { return List.copyOf(seen); }

    public long count(String text) { return seen.stream().filter(s -> s.has(text)).count(); }

    /** The next {@code times} requests matching {@code matches} get {@code answer} (a raw HTTP answer, see {@link #answer}). */
    public synchronized FailingProxy answer(Predicate<Seen> matches, int times, String answer) {
        rules.add(new Rule(matches, answer, new int[] {times}));
        return this;
    }

    /** The next {@code times} requests matching are forwarded and done, but their reply never reaches the client. */
    public synchronized FailingProxy dropReply(Predicate<Seen> matches, int times) {
        rules.add(new Rule(matches, null, new int[] {times}));
        return this;
    }

    private synchronized Rule ruleFor(Seen request) {
        for (Rule r : rules) {
            if (r.times()[0] > 0 && r.matches().test(request)) {
                r.times()[0]--;
                return r;
            }
        }
        return null;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                if (!closed) throw new IllegalStateException(e);
            }
        }
    }

    /** One client connection, request after request (keep-alive), until the client closes it or a reply is dropped. */
    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) return;
                int length = contentLength(head);
                byte[] body = in.readNBytes(length);
                int firstLine = head.indexOf("\r\n");
                var request = new Seen(head.substring(0, firstLine), head.substring(firstLine).toLowerCase(Locale.ROOT));
                seen.add(request);
                Rule rule = ruleFor(request);
                if (rule != null && rule.answer() != null) {
                    out.write(rule.answer().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return; // the answer says Connection: close
                }
                byte[] reply = forward(head, body);
                if (rule != null) return; // forwarded and done upstream; the reply is lost: close without a word
                out.write(reply);
                out.flush();
                return; // the upstream reply was read to its end with Connection: close, which the client now sees
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private byte[] forward(String head, byte[] body) throws IOException {
        String withClose = head.replaceAll("(?im)^connection:.*\\r\\n", "");
        withClose = withClose.substring(0, withClose.length() - 2) + "Connection: close\r\n\r\n";
        try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
            OutputStream o = up.getOutputStream();
            o.write(withClose.getBytes(StandardCharsets.ISO_8859_1));
            o.write(body);
            o.flush();
            return up.getInputStream().readAllBytes();
        }
    }

    /** The request line and headers, up to and with the blank line; null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        var buffer = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            buffer.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) return buffer.toString(StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        threads.shutdownNow();
    }
}
