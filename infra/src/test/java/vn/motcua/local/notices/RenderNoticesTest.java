package vn.motcua.local.notices;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.notices.NoticeTemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The render command writes every notice, with Vietnamese text, dates as dd/MM/yyyy and typed values escaped in HTML. */
class RenderNoticesTest {

    @Test
    void everyNoticeIsRenderedToHtmlAndText(@TempDir Path out) throws IOException {
        var files = RenderNotices.render(ProjectDirectory.find().resolve("infra/seed"), out);

        assertThat(files).hasSize(2 * NoticeTemplates.NAMES.size());
        for (var name : NoticeTemplates.NAMES) {
            var html = Files.readString(out.resolve(name + ".html"));
            var text = Files.readString(out.resolve(name + ".txt"));
            assertThat(html).as(name).startsWith("<!DOCTYPE html>").contains("<html lang=\"vi\">", "</html>")
                    .doesNotContain("{{", "<Hoa>", "<X-quang>", "<sử dụng>");
            assertThat(text).as(name).startsWith("Subject: ").doesNotContain("{{", "&lt;", "&amp;", "&quot;", "<p>")
                    .containsPattern("\\d{2}/\\d{2}/\\d{4}");
            assertThat(text.lines().findFirst().orElseThrow()).as(name).doesNotEndWith(" ").hasSizeLessThan(200);
        }
        assertThat(Files.readString(out.resolve("received.html"))).contains("Trần Thị &quot;Bé&quot; &lt;Hoa&gt;");
        assertThat(Files.readString(out.resolve("received.txt"))).contains("Trần Thị \"Bé\" <Hoa>", "Ngày hẹn trả kết quả: 18/03/2020");
        assertThat(Files.readString(out.resolve("supplement-requested.html"))).contains("<li>Biên bản kiểm định thiết bị &lt;X-quang&gt;</li>");
        assertThat(Files.readString(out.resolve("delayed.txt"))).contains("Ngày hẹn trả kết quả mới: 31/03/2020", "Ngày hẹn trước đây: 24/03/2020");
        assertThat(Files.readString(out.resolve("fee-requested.txt"))).contains("2.500.000 đồng");
        assertThat(Files.readString(out.resolve("handed-to-post.txt"))).contains("EB123456789VN");
        assertThat(Files.readString(out.resolve("digest.txt"))).contains("Đến hạn trả kết quả hôm nay (0):", "Không có.");
    }
}
