package vn.motcua.domain.dossier;

import java.util.Optional;

/** Where the citizen chose, at intake, to receive the result: at the desk, or by post to an address. */
public record ResultReturn(Method method, Optional<String> postalAddress) {

    public enum Method { AT_DESK, BY_POST }

    public ResultReturn {
        if (method == null) throw new IllegalArgumentException("a return method is required");
        postalAddress = postalAddress == null ? Optional.empty() : postalAddress.filter(a -> !a.isBlank());
        if (method == Method.BY_POST && postalAddress.isEmpty()) {
            throw new IllegalArgumentException("returning the result by post needs a delivery address");
        }
        if (method == Method.AT_DESK && postalAddress.isPresent()) {
            throw new IllegalArgumentException("a result collected at the desk has no delivery address");
        }
    }

    public static ResultReturn atDesk() { return new ResultReturn(Method.AT_DESK, Optional.empty()); }

    public static ResultReturn byPost(String address) { return new ResultReturn(Method.BY_POST, Optional.ofNullable(address)); }

    public boolean byPost() { return method == Method.BY_POST; }
}
