package vn.motcua.domain.dossier;

/** What the desk recorded when the fee was paid: the amount taken and the number of the receipt it gave. */
public record FeeReceipt(long amountVnd, String number) {
    public FeeReceipt {
        if (amountVnd <= 0) throw new IllegalArgumentException("a payment of " + amountVnd + " đồng");
        if (number == null || number.isBlank()) throw new IllegalArgumentException("a fee receipt needs its number");
    }
}
