package vn.motcua.reports;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotes_commas_and_quotes_and_defuses_formulas() {
        var text = new Csv().row(List.of("Mã", "Tên")).row(Arrays.asList("a,b", "say \"hi\"", "=HYPERLINK(\"x\")", null, 3)).toString();
        assertThat(text).isEqualTo("\uFEFFMã,Tên\r\n\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",,3\r\n");
    }
}
