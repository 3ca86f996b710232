package vn.motcua.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.store.SampleDossiers.*;

class DossierItemTest {

    @Test
    void aDossierWithEveryFieldFilledComesBackEqual() {
        var dossier = everything();

        var back = DossierItem.fromItem(DossierItem.toItem(dossier));

        assertThat(back).isEqualTo(dossier);
        assertThat(back.receivedAt()).isEqualTo(dossier.receivedAt()); // nanoseconds survive
        assertThat(back.pausedSince()).isPresent();
        assertThat(back.processControlSlip()).hasSize(2);
    }

    @Test
    void aBareDossierComesBackEqualWithItsOptionalsEmpty() {
        var dossier = bare();

        var item = DossierItem.toItem(dossier);
        var back = DossierItem.fromItem(item);

        assertThat(back).isEqualTo(dossier);
        assertThat(item.get(DossierItem.BODY).s()).doesNotContain("appointment", "supplements", "documents", "email");
    }

    @Test
    void aDossierLivedThroughTheLifecycleComesBackEqual() {
        var dossier = realistic();

        assertThat(DossierItem.fromItem(DossierItem.toItem(dossier))).isEqualTo(dossier);
    }

    @Test
    void theItemCarriesTheIndexKeysOfItsDossier() {
        var item = DossierItem.toItem(everything());

        assertThat(item.get("pk").s()).isEqualTo("DOSSIER#000.00.92.H48-200302-0007");
        assertThat(item.get("agencyState").s()).isEqualTo("so-khoa-hoc-cong-nghe#RESULT_READY");
        assertThat(item.get("dueKey").s()).isEqualTo("2020-03-23#000.00.92.H48-200302-0007"); // the date after the delay
        assertThat(item.get("receivedMonth").s()).isEqualTo("2020-03");
        assertThat(item.get("receivedKey").s()).isEqualTo("2020-03-02T09:05:00.123+07:00#000.00.92.H48-200302-0007");
        assertThat(item.get("version").n()).isEqualTo("17");
        assertThat(item.get("appliedEvents").ss()).containsExactlyInAnyOrder("ev-1", "ev-2", "ev-3", "ev-4");
        assertThat(item).doesNotContainKey("openShard"); // result ready: the department is done
    }

    @Test
    void anOpenDossierIsInTheOpenIndexAndOneWithoutATimeLimitSortsLast() {
        var item = DossierItem.toItem(bare());

        assertThat(item.get("openShard").s()).isEqualTo("OPEN");
        assertThat(item.get("dueKey").s()).isEqualTo("9999-12-31#000.00.92.H48-200301-0001");
    }

    @Test
    void theMonthAndTheReceiptKeyAreVietnamTime() {
        // 06:00 on 1 March in Vietnam is still February in UTC
        var item = DossierItem.toItem(bare());

        assertThat(bare().receivedAt()).isEqualTo(Instant.parse("2020-02-29T23:00:00Z"));
        assertThat(item.get("receivedMonth").s()).isEqualTo("2020-03");
        assertThat(item.get("receivedKey").s()).startsWith("2020-03-01T06:00:00.000+07:00#");
    }

    @Test
    void receiptKeysHaveAFixedWidthSoTheySortAsTimes() {
        var whole = DossierItem.timeKey(Instant.parse("2020-03-02T02:00:00Z"), "x");
        var later = DossierItem.timeKey(Instant.parse("2020-03-02T02:00:00.5Z"), "x");

        assertThat(whole).isLessThan(later); // Instant.toString would write "...00Z" after "...00.500Z"
    }

    @Test
    void aRealisticDossierTakesAFewKilobytes() {
        var dossier = realistic();
        int size = DossierItem.sizeBytes(DossierItem.toItem(dossier));

        System.out.printf("realistic dossier: %d events, %d documents, %d bytes%n", dossier.history().size(),
                dossier.documents().size(), size);
        assertThat(dossier.history()).hasSize(18);
        assertThat(size).isBetween(5_000, 16_000);
    }

    @Test
    void aDossierPastTheItemLimitIsMeasuredAsSuch() {
        var lifecycle = Lifecycle.standard();
        Dossier d = bare();
        // attachments with new keys grow both the documents and the history
        for (int i = 0; i < 1_200; i++) {
            d = SampleDossiers.apply(lifecycle, d, new DossierEvent.DocumentAttached(uuid(), CLERK, bare().receivedAt(),
                    new DossierDocument("Tài liệu bổ sung số " + i, "docs/x/" + uuid() + ".pdf", 1, "sha256:" + "cd".repeat(32),
                            CLERK, bare().receivedAt())));
        }

        assertThat(DossierItem.sizeBytes(DossierItem.toItem(d))).isGreaterThan(DossierItem.MAX_BYTES);
    }

    @Test
    void aDamagedBodyIsReportedWithTheItemAndTheField() {
        var item = new HashMap<>(DossierItem.toItem(everything()));
        var body = item.get("body").s().replace("\"kind\":\"TRANSFERRED\"", "\"kind\":\"TELEPORTED\"");
        item.put("body", AttributeValue.fromS(body));

        assertThatThrownBy(() -> DossierItem.fromItem(item))
                .hasMessageContaining("DOSSIER#000.00.92.H48-200302-0007")
                .hasMessageContaining("/history/1/kind")
                .hasMessageContaining("TELEPORTED");
    }

    @Test
    void aBodyOfAnUnknownFormatIsNotGuessedAt() {
        var item = new HashMap<>(DossierItem.toItem(bare()));
        item.put("format", AttributeValue.fromN("2"));

        assertThatThrownBy(() -> DossierItem.fromItem(item)).hasMessageContaining("format 2");
    }

    @Test
    void aDeskRefusalComesBackEqualAndKeepsToItsOwnMonthPartition() {
        var refusal = new DeskRefusal("r-1", DeskRefusal.Kind.GUIDED_TO_COMPLETE, "1.000173", AGENCY, applicant(),
                List.of("Thiếu bản vẽ mặt bằng", "Đơn chưa ký"), CLERK, at(4, 1, 6, 30));

        var item = DeskRefusalItem.toItem(refusal);

        assertThat(DeskRefusalItem.fromItem(item)).isEqualTo(refusal);
        assertThat(item.get("pk").s()).isEqualTo("REFUSAL#r-1");
        assertThat(item.get("receivedMonth").s()).isEqualTo("REFUSAL#2020-04");
        assertThat(item.get("receivedKey").s()).isEqualTo("2020-04-01T06:30:00.000+07:00#r-1");
        assertThat(item).doesNotContainKeys("agencyState", "dueKey", "openShard");
    }

    @Test
    void aDeskRefusalWithoutAnAgencyComesBackEqual() {
        var refusal = new DeskRefusal("r-2", DeskRefusal.Kind.REFUSED, "2.001914", null, applicant(),
                List.of("Không thuộc thẩm quyền"), CLERK, at(4, 2, 8, 0), "Trần Văn Hùng");

        assertThat(DeskRefusalItem.fromItem(DeskRefusalItem.toItem(refusal))).isEqualTo(refusal);
        assertThat(refusal.kind().form()).isEqualTo("03");
    }

    @Test
    void aDeskRefusalKeptBeforeTheClerksNameWasSignsWithTheLogin() throws Exception {
        var refusal = new DeskRefusal("r-3", DeskRefusal.Kind.GUIDED_TO_COMPLETE, "2.001914", null, applicant(),
                List.of("Thiếu đơn"), CLERK, at(4, 2, 8, 0), "Trần Văn Hùng");
        var item = new java.util.HashMap<>(DeskRefusalItem.toItem(refusal));
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) vn.motcua.edge.Json.tree(item.get("body").s());
        body.remove("clerkName");
        item.put("body", AttributeValue.fromS(vn.motcua.edge.Json.write(body)));

        assertThat(DeskRefusalItem.fromItem(item).clerkName()).isEqualTo(CLERK.id());
    }

    @Test
    void aCursorIsOpaqueAndRefusedByAnotherList() {
        var text = Cursor.after("agencyState/a#RECEIVED", "a#RECEIVED",
                Map.of("pk", AttributeValue.fromS("DOSSIER#x"), "agencyState", AttributeValue.fromS("a#RECEIVED"))).encode();

        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(java.util.Optional.of(text), "agencyState/a#RECEIVED")).isPresent();
        assertThatThrownBy(() -> Cursor.decode(java.util.Optional.of(text), "agencyState/b#RECEIVED"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another list");
        assertThatThrownBy(() -> Cursor.decode(java.util.Optional.of("not a cursor!"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyStateMapsToItsOwnAgencyStatePartition() {
        assertThat(DossierItem.agencyState("so-ngoai-vu", DossierState.SUPPLEMENT_REQUESTED)).isEqualTo("so-ngoai-vu#SUPPLEMENT_REQUESTED");
        assertThat(LocalDate.parse(DossierItem.NO_DUE_DATE)).isAfter(LocalDate.of(2999, 1, 1));
    }
}
