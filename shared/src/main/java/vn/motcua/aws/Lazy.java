package vn.motcua.aws;

import java.util.function.Supplier;

/**
 * A value built on first use, once. A failed build is not remembered, so the next call reports the
 * same clear error again instead of a bare NoClassDefFoundError from a failed static initializer.
 */
public final class Lazy<T> {
    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) value = v = factory.get();
            }
        }
        return v;
    }

    /** Whether the value has been built (nothing is built by asking). */
    public boolean isBuilt() {
        return value != null;
    }
}
