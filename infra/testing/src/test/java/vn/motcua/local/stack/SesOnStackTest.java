package vn.motcua.local.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@LocalAws
class SesOnStackTest {

    @Test
    void aSentEmailShowsUpInTheMailbox(TestStack aws) {
        aws.sesV2().sendEmail(b -> b.fromEmailAddress("motcua@buudien-quangngai.vn")
                .destination(d -> d.toAddresses("nguyen.van.a@example.vn"))
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data("Giấy tiếp nhận hồ sơ 000.00.53.H48-200305-0001").charset("UTF-8"))
                        .body(body -> body.text(t -> t.data("Ngày hẹn trả kết quả: 20/03/2020").charset("UTF-8"))))));

        assertThat(aws.sentEmails()).singleElement().satisfies(mail -> {
            assertThat(mail.from()).isEqualTo("motcua@buudien-quangngai.vn");
            assertThat(mail.to()).containsExactly("nguyen.van.a@example.vn");
            assertThat(mail.subject()).isEqualTo("Giấy tiếp nhận hồ sơ 000.00.53.H48-200305-0001");
            assertThat(mail.text()).contains("Ngày hẹn trả kết quả");
            assertThat(mail.json().path("messageId").asText()).isEqualTo(mail.messageId()).isNotEmpty();
        });
    }
}
