package vn.motcua.desk;

import vn.motcua.edge.BadInput;

import java.util.Optional;

/** The {@code Idempotency-Key} header of the desk's writes, checked at the edge. */
final class IdempotencyKey {

    private IdempotencyKey() {}

    /**
     * 1 to {@code max} visible ASCII characters (a UUID, typically); a blank header counts as none. The
     * limit is the use case's: the key becomes part of an id that has a length limit of its own.
     */
    static Optional<String> checked(Optional<String> header, int max) throws BadInput {
        if (header == null || header.isEmpty() || header.get().isBlank()) return Optional.empty();
        String k = header.get().strip();
        if (k.length() > max || k.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new BadInput("INVALID_IDEMPOTENCY_KEY", "Khóa Idempotency-Key phải gồm 1 đến " + max + " ký tự ASCII nhìn thấy được "
                    + "(ví dụ một UUID).", "Idempotency-Key");
        }
        return Optional.of(k);
    }
}
