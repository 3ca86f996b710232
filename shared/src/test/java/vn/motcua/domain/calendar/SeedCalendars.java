package vn.motcua.domain.calendar;

import vn.motcua.reference.HolidayTables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The holiday tables shipped under infra/seed/calendar, read the way an operator's files are read. */
final class SeedCalendars {
    private static WorkingCalendar shipped;

    private SeedCalendars() {
    }

    /** The project dir comes from surefire ({@code motcua.project.dir}); run from an IDE, the module dir is the working dir. */
    static Path directory() {
        String project = System.getProperty("motcua.project.dir");
        Path dir = project != null && !project.isBlank()
                ? Paths.get(project, "infra", "seed", "calendar")
                : Paths.get("..", "infra", "seed", "calendar");
        if (!Files.isDirectory(dir)) throw new IllegalStateException("no seed calendar directory at " + dir.toAbsolutePath());
        return dir;
    }

    static Map<String, String> files() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory())) {
            for (Path path : (Iterable<Path>) paths.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
                files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static synchronized WorkingCalendar shipped() {
        if (shipped == null) shipped = HolidayTables.validate(files());
        return shipped;
    }
}
