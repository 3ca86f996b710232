package vn.motcua.testing;

import vn.motcua.local.seed.Receipts;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;
import vn.motcua.store.DepartmentMessages;
import vn.motcua.store.DepartmentRejections;
import vn.motcua.store.DossierCodes;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.NoticeLedger;
import vn.motcua.store.ReferenceData;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What every function test starts from: this test class's copy of the tables with the seed catalog and
 * holiday tables published (as the local run publishes them), the reference data read back (never cached:
 * a test sees what it publishes), and the adapters of the dossier table. Dossiers are received through
 * {@link #receipts()}, the way the desk receives them.
 */
public final class SeededTables {

    private final TestStack aws;
    private final ReferenceData reference;
    private final DossierRepository dossiers;
    private final Receipts receipts;

    private SeededTables(TestStack aws) {
        this.aws = aws;
        this.reference = new ReferenceData(aws.dynamoDb(), aws.table("CatalogTable"), Duration.ZERO, Clock.systemUTC());
        this.dossiers = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        this.receipts = new Receipts(reference.current().catalog(), dossiers);
    }

    /** The seed of {@code infra/seed} published to {@code aws}'s catalog table. */
    public static SeededTables publish(TestStack aws) {
        return publish(aws, seed -> seed);
    }

    /** The seed, changed first (e.g. {@link SeedData#withCallbackBase(URI)}), published to {@code aws}'s catalog table. */
    public static SeededTables publish(TestStack aws, UnaryOperator<SeedData> change) {
        change.apply(SeedData.read(ProjectDirectory.find().resolve("infra/seed"))).publish(aws.dynamoDb(), aws.table("CatalogTable"));
        return new SeededTables(aws);
    }

    public TestStack aws() { return aws; }

    /** The published reference data, read at every call. */
    public ReferenceData reference() { return reference; }

    public DossierRepository dossiers() { return dossiers; }

    /** Dossiers received against the seed catalog and stored, then moved on through the repository. */
    public Receipts receipts() { return receipts; }

    public DossierCodes codes() { return new DossierCodes(aws.dynamoDb(), aws.table("DossierTable")); }

    public vn.motcua.store.RatingItems ratings() { return new vn.motcua.store.RatingItems(aws.dynamoDb(), aws.table("DossierTable")); }

    public NoticeLedger notices() { return new NoticeLedger(aws.dynamoDb(), aws.table("DossierTable")); }

    public DepartmentRejections rejections() { return new DepartmentRejections(aws.dynamoDb(), aws.table("DossierTable")); }

    public DepartmentMessages messages() { return new DepartmentMessages(aws.dynamoDb(), aws.table("DossierTable")); }
}
