package vn.motcua.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list read from the store, in the list's order. {@code cursor} is present when more
 * may follow: pass it back unchanged to read the next page. It is opaque text (safe in a URL) and
 * belongs to the list it came from: another list, or another agency's, refuses it.
 * A page can be shorter than asked, even empty, while a cursor is still present.
 */
public record Page<T>(List<T> items, Optional<String> cursor) {
    public Page {
        items = List.copyOf(items);
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    /** Every item of a list, read page after page from {@code read} (given the cursor, empty for the first page). */
    public static <T> List<T> all(Function<Optional<String>, Page<T>> read) {
        var all = new ArrayList<T>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = read.apply(cursor);
            all.addAll(page.items());
            cursor = page.cursor();
        } while (cursor.isPresent());
        return all;
    }
}
