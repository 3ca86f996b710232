package vn.motcua.domain.catalog;

import java.util.List;

/**
 * The catalog files were refused. Every problem names the file and the field (a JSON pointer),
 * so an operator can fix them all in one pass; nothing of the files was loaded.
 */
public final class CatalogException extends RuntimeException {

    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem: {@code procedures.json /procedures/3/timeLimit/unit: unknown time limit unit 'weeks' ...}. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        var text = new StringBuilder("catalog refused, nothing loaded (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }
}
