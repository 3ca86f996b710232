package vn.motcua.bench.harness;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A POJO handler invoked the way the Lambda runtime does it: the event type read from the handler's
 * {@code RequestHandler<I, O>} declaration, the JSON turned into it and the answer back to JSON by
 * aws-lambda-java-serialization (the library the runtime interface client itself uses). Its own
 * class, so stream handlers never load the serialization library.
 */
final class PojoInvoker {

    private PojoInvoker() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void invoke(RequestHandler handler, byte[] event, OutputStream out, Context context) {
        Type[] types = requestHandlerTypes(handler.getClass());
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer in = LambdaEventSerializers.serializerFor((Class) raw(types[0]), loader);
        Object answer = handler.handleRequest(in.fromJson(new ByteArrayInputStream(event)), context);
        if (answer != null && raw(types[1]) != Void.class) {
            PojoSerializer o = LambdaEventSerializers.serializerFor((Class) raw(types[1]), loader);
            o.toJson(answer, out);
        }
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type i : c.getGenericInterfaces()) {
                if (i instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) return p.getActualTypeArguments();
            }
        }
        throw new IllegalArgumentException(type + " does not declare RequestHandler<I, O>");
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
