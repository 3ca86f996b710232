package vn.motcua.bench.ric;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** A function whose constructor throws: the client reports it to /init/error. */
public final class BrokenInitHandler implements RequestStreamHandler {
    public BrokenInitHandler() {
        throw new IllegalStateException("CATALOG_TABLE is not set");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
    }
}
