/**
 * Where things are kept. The ports the use cases talk to, in the domain's words: {@link vn.motcua.store.Dossiers}
 * (with the desk's refusals and the intake's idempotency keys), {@link vn.motcua.store.CodeCounters},
 * {@link vn.motcua.store.SentNotices}, {@link vn.motcua.store.SeenMessages}, {@link vn.motcua.store.Rejections},
 * {@link vn.motcua.store.UploadedFiles}, {@link vn.motcua.store.LinkSigner}. Their AWS side: the dossier table
 * ({@link vn.motcua.store.DossierRepository}, {@link vn.motcua.store.DossierCodes}, {@link vn.motcua.store.NoticeLedger},
 * {@link vn.motcua.store.DepartmentMessages}, {@link vn.motcua.store.DepartmentRejections}), the catalog table
 * ({@link vn.motcua.store.ReferenceData}) and the documents bucket ({@link vn.motcua.store.S3UploadedFiles},
 * {@link vn.motcua.store.S3LinkSigner}); and the same in memory ({@code InMemory*}: production code, for SnapStart
 * priming and the services' unit tests). Only domain types cross this package's boundary; items
 * ({@code Map<String, AttributeValue>}) stay inside.
 *
 * <p>The dossier table holds four kinds of item under one hash key {@code pk}:
 * <pre>
 *   pk                               what                 other attributes
 *   DOSSIER#&lt;code&gt;                   a dossier            version, appliedEvents (SS), body (JSON), format,
 *                                                         agencyState, dueKey, openShard (open only),
 *                                                         receivedMonth, receivedKey, plain copies for the console
 *   COUNTER#&lt;e-id&gt;#&lt;yymmdd&gt;         a daily code counter seq
 *   IDEMPOTENCY#&lt;key&gt;               an intake's claim    requestHash, claimedAt, code (once bound), expiresAt (TTL)
 *   REFUSAL#&lt;id&gt;                    a desk refusal       body (JSON), receivedMonth = REFUSAL#yyyy-MM, receivedKey
 * </pre>
 * Index keys: {@code agencyState} = {@code <agency id>#<STATE>}, {@code dueKey} = {@code <current due date or
 * 9999-12-31>#<code>}, {@code openShard} = {@code OPEN}, {@code receivedMonth} = {@code yyyy-MM} and
 * {@code receivedKey} = {@code <received at, Vietnam time, fixed width>#<code>}. Only dossiers carry the
 * first three, so counters, claims and refusals never show in the desk's lists.
 */
package vn.motcua.store;
