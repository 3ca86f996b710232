package vn.motcua.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The edge of every HTTP function: read the event, call {@link #handle}, answer. Bad input becomes
 * a 4xx with words; anything else is a bug that reaches the logs with the request id, and the
 * caller gets a 500 that says nothing was lost by retrying. A stream handler, so no reflection-driven
 * POJO serialization runs at cold start.
 */
public abstract class HttpFunction implements RequestStreamHandler {

    /**
     * The largest body a route reads (bytes): a desk form or a department's update is a few kilobytes. A larger one is
     * refused by its size, before it is parsed (API Gateway takes up to 10 MB, Lambda 6 MB).
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** This function's limit; a function that takes more says so. */
    protected int maxBodyBytes() { return MAX_BODY_BYTES; }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpRequest request = HttpRequest.from(Json.read(input));
        HttpResponse response;
        try {
            if (request.rawBody().length > maxBodyBytes()) {
                throw new BadInput(413, "BODY_TOO_LARGE", "Nội dung yêu cầu quá lớn (tối đa " + maxBodyBytes() / 1024
                        + " KB); xin kiểm tra lại dữ liệu gửi lên.", java.util.List.of());
            }
            response = handle(request, context);
        } catch (BadInput e) {
            Log.warn("http.refused").with("route", request.routeKey()).with("requestId", request.requestId())
                    .with("code", e.code()).with("status", e.status()).write();
            response = HttpResponse.problem(e);
        } catch (RuntimeException e) {
            Log.error("http.failed").with("route", request.routeKey()).with("requestId", request.requestId()).error(e).write();
            response = HttpResponse.problem(new BadInput(500, "INTERNAL_ERROR",
                    "Hệ thống gặp lỗi, xin thử lại. Mã tra cứu lỗi: " + request.requestId() + ".", java.util.List.of()));
        }
        output.write(Json.write(response.toEvent()).getBytes(StandardCharsets.UTF_8));
    }

    protected abstract HttpResponse handle(HttpRequest request, Context context) throws BadInput;
}
