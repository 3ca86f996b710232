package vn.motcua.desk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a printed receipt may send a citizen, and the link in the form the web app reads. */
class PublicLookupPageTest {

    @ParameterizedTest(name = "{0}://{1}")
    @CsvSource({
            "https, abcdef1234.execute-api.ap-southeast-1.amazonaws.com, https://abcdef1234.execute-api.ap-southeast-1.amazonaws.com",
            "HTTPS, Mot-Cua.QuangNgai.gov.vn:8443,                       https://mot-cua.quangngai.gov.vn:8443",
            "http,  127.0.0.1:3000,                                      http://127.0.0.1:3000",
            "http,  localhost:8080,                                      http://localhost:8080",
            "http,  localhost,                                           http://localhost",
    })
    void links_to_an_https_origin_or_to_this_machine(String scheme, String host, String origin) {
        assertThat(PublicLookupPage.at(scheme, host)).contains(new PublicLookupPage(origin));
    }

    @ParameterizedTest(name = "[{index}] {0}://{1}")
    @CsvSource(delimiter = '|', value = {
            "http   | abcdef1234.execute-api.ap-southeast-1.amazonaws.com", // plain http on the internet
            "http   | 127.0.0.2:3000",
            "http   | localhost.evil.example",
            "ftp    | mot-cua.quangngai.gov.vn",
            "https  | ''",
            "https  | mot-cua.quangngai.gov.vn/khac",                       // a path
            "https  | evil.example#",
            "https  | user@mot-cua.quangngai.gov.vn",
            "https  | mot-cua.quangngai.gov.vn:99999",
            "https  | mot-cua.quangngai.gov.vn:0",
            "https  | -mot-cua.quangngai.gov.vn",
            "https  | mot cua.quangngai.gov.vn",
            "https  | [::1]:3000",
            "https  | a.example,b.example",                                 // two values joined
            "'https,http' | mot-cua.quangngai.gov.vn",
            "javascript | alert(1)",
    })
    void any_other_origin_is_no_page(String scheme, String host) {
        assertThat(PublicLookupPage.at(scheme, host)).isEmpty();
    }

    @Test
    void nothing_known_is_no_page() {
        assertThat(PublicLookupPage.at(null, "mot-cua.quangngai.gov.vn")).isEmpty();
        assertThat(PublicLookupPage.at("https", null)).isEmpty();
        assertThatThrownBy(() -> new PublicLookupPage("http://example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_link_is_the_one_the_web_app_reads() {
        // infra/system-tests/browser/desk-app.mjs opens `${base}/#tra-cuu?ma=${encodeURIComponent(code)}&bimat=${secret}`
        assertThat(new PublicLookupPage("http://127.0.0.1:3000").link("000.00.53.H48-220921-0099", "K7M2QXPA"))
                .isEqualTo("http://127.0.0.1:3000/#tra-cuu?ma=000.00.53.H48-220921-0099&bimat=K7M2QXPA");
    }

    @Test
    void values_are_encoded_as_encodeURIComponent_does() {
        // expected values from node: encodeURIComponent("a b&c/d?é#=+~*'()!_.-")
        assertThat(PublicLookupPage.uriComponent("a b&c/d?é#=+~*'()!_.-"))
                .isEqualTo("a%20b%26c%2Fd%3F%C3%A9%23%3D%2B~*'()!_.-");
    }
}
