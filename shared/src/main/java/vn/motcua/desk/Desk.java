package vn.motcua.desk;

/**
 * The desk that receives: its id (kept on every dossier as the hand-over party on the desk's side),
 * and what the printed forms say about it. One desk for the pilot; a second one is a second value.
 */
public record Desk(String id, String nameVi, String hostVi, String addressVi, String provinceVi) {

    public static final Desk QUANG_NGAI_POST = new Desk("buu-dien-quang-ngai",
            "Bộ phận Tiếp nhận và Trả kết quả (Bưu điện tỉnh Quảng Ngãi)",
            "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi",
            "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi",
            "Quảng Ngãi");

    public Desk {
        if (id == null || id.isBlank() || nameVi == null || hostVi == null || addressVi == null || provinceVi == null) {
            throw new IllegalArgumentException("a desk needs its id, name, host, address and province");
        }
    }
}
