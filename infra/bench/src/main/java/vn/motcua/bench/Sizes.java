package vn.motcua.bench;

import vn.motcua.bench.Targets.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/** Each deployment zip's size and what makes it up: the function's own classes and each jar of lib/, by compressed size. */
record Sizes(List<Artifact> artifacts) {

    record Artifact(String function, long bytes, Map<String, Long> parts) {
        double mib() { return bytes / 1024.0 / 1024.0; }
    }

    static Sizes of(List<Target> targets) {
        var list = new ArrayList<Artifact>();
        for (Target t : targets) {
            try (var zip = new ZipFile(t.artifact().toFile())) {
                var parts = new LinkedHashMap<String, Long>();
                for (var e : Collections.list(zip.entries())) {
                    if (e.isDirectory()) continue;
                    String part = e.getName().startsWith("lib/") ? e.getName().substring(4).replaceAll("-[0-9][^-]*\\.jar$", "")
                            : "(own classes and resources)";
                    parts.merge(part, e.getCompressedSize(), Long::sum);
                }
                var sorted = new LinkedHashMap<String, Long>();
                parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(p -> sorted.put(p.getKey(), p.getValue()));
                list.add(new Artifact(t.name(), Files.size(t.artifact()), sorted));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + t.artifact(), e);
            }
        }
        return new Sizes(List.copyOf(list));
    }
}
