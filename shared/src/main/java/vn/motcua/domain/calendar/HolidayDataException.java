package vn.motcua.domain.calendar;

import java.util.List;

/**
 * A holiday table that cannot be loaded. Carries every problem found, each naming the file and the
 * field (a JSON pointer), so an operator can fix them all in one pass; nothing is half-loaded.
 */
public final class HolidayDataException extends RuntimeException {
    private final List<String> problems;

    public HolidayDataException(List<String> problems) {
        super(problems.size() == 1
                ? problems.get(0)
                : problems.size() + " problems in the holiday tables:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
