package vn.motcua.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.LocalRun;
import vn.motcua.local.stack.ProjectDirectory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counter web app in headless Chromium (Debian's {@code chromium}, driven by playwright-core from
 * infra/node_modules) against the local run started here on free ports, staff signing in through the
 * local Cognito (moto) as on AWS. {@code browser/desk-app.mjs}: the happy path (create, upload, print the
 * receipt, the department approves, the board shows the result ready, hand back), the validation messages,
 * the public status page, the office's statistics after its TOTP code. {@code browser/sign-in.mjs}: a wrong
 * password, the right one, sign-out, a first sign-in's new password (a weak one refused), TOTP (a wrong code
 * refused). Screenshots in {@code target/screenshots/}. Without chromium the tests are skipped, except under
 * {@code CI=true}, where they fail.
 */
class DeskAppBrowserTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    static Path data;
    private static LocalRun run;

    @BeforeAll
    static void start() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean browser = Files.isExecutable(CHROMIUM);
        boolean driver = Files.isDirectory(PROJECT.resolve("infra/node_modules/playwright-core"));
        if (ci) {
            assertThat(browser).as("chromium at " + CHROMIUM + " (.ci/run installs it)").isTrue();
            assertThat(driver).as("playwright-core in infra/node_modules (npm ci in infra)").isTrue();
        }
        Assumptions.assumeTrue(browser, "skipped: no chromium at " + CHROMIUM + " (apt-get install chromium)");
        Assumptions.assumeTrue(driver, "skipped: playwright-core is not installed (cd infra && npm ci)");
        run = LocalRun.start(LocalRun.Options.ephemeral(PROJECT, data).build());
    }

    @AfterAll
    static void stop() {
        if (run != null) run.close();
    }

    @Test
    void theCounterAppDoesTheHappyPathTheChecksAndThePublicPage() throws Exception {
        Path shots = PROJECT.resolve("infra/system-tests/target/screenshots");
        Path script = PROJECT.resolve("infra/system-tests/browser/desk-app.mjs");
        Path output = data.resolve("browser.log");
        var process = new ProcessBuilder("node", script.toString(), run.apiUrl().toString(), shots.toString(), simulatorUrl(), officeTotpKey())
                .directory(PROJECT.resolve("infra/system-tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly();
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the browser tests finished within 5 minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("all checks passed");
        try (var files = Files.list(shots)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(10);
        }
    }

    /**
     * {@code browser/desk-day.mjs}, the desk's day (issue 17): menus by role, the new dossier form's fixes, the worklist and
     * the search, an upload's verdict and a stored scan opened, the fee and the hand-over recorded, by post first for a
     * dossier registered for post. Keyboard first, at 1366x768.
     */
    @Test
    void theDesksDay_worklistSearchUploadsFeeAndHandOver() throws Exception {
        Path shots = PROJECT.resolve("infra/system-tests/target/screenshots");
        Path output = data.resolve("desk-day.log");
        var process = new ProcessBuilder("node", PROJECT.resolve("infra/system-tests/browser/desk-day.mjs").toString(),
                run.apiUrl().toString(), shots.toString(), simulatorUrl(), officeTotpKey())
                .directory(PROJECT.resolve("infra/system-tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly();
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the desk's day finished within 5 minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("all checks passed");
        try (var files = Files.list(shots)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("day-") && f.toString().endsWith(".png")).count())
                    .isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void staffSignInThroughTheLocalCognito_wrongPasswordFirstSignInTotpAndSignOut() throws Exception {
        Path shots = PROJECT.resolve("infra/system-tests/target/screenshots");
        Path output = data.resolve("sign-in.log");
        var process = new ProcessBuilder("node", PROJECT.resolve("infra/system-tests/browser/sign-in.mjs").toString(),
                run.apiUrl().toString(), shots.toString(), officeTotpKey())
                .directory(PROJECT.resolve("infra/system-tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly();
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the sign-in tests finished within 3 minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("all checks passed").contains("InitiateAuth").contains("RespondToAuthChallenge");
        try (var files = Files.list(shots)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("sign-in-")).count()).isGreaterThanOrEqualTo(9);
        }
    }

    /**
     * Issue 17: a dossier received through the API by one clerk; in a fresh browser another clerk signs in and the
     * server prints its receipt again (form 01: name, place and date, tracking-book line, hour, legal basis, the app's
     * font, one A5 page); the applicant's email links to this run's public page, followed in Chromium on a phone.
     * After signing out and in again: today's guidance (02) and refusal (03) found on the board and printed again, and
     * form 04 of a dossier whose department announced a delay, each measured on one A5 page; yesterday's refusal found
     * with the board's day picker and printed again.
     * Before: the receipt lived only in the receiving tab, and every email linked to http://localhost:8080/tra-cuu?code=.
     */
    @Test
    void formsPrintAgainAfterANewSignIn_andTheEmailLinkOpensThePublicPage() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var intake = mapper.readTree(Files.readString(PROJECT.resolve("events/intake-post.json"))).path("body").asText();
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(api("/dossiers"))
                .header("authorization", "Bearer " + run.idToken("quay01@buudien.quangngai.vn"))
                .header("content-type", "application/json").header("idempotency-key", java.util.UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(intake)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var received = mapper.readTree(response.body());
        String code = received.path("code").asText();
        String secret = received.path("receipt").path("lookupSecret").asText();
        for (int i = 0; i < 60 && run.stack().sentEmails().stream().noneMatch(m -> m.text().contains(code)); i++) Thread.sleep(500);
        assertThat(run.stack().sentEmails()).as("the receipt notice was sent").anyMatch(m -> m.text().contains(code));

        String delayed = delayedDossier(mapper, intake);
        String earlierDay = refusedYesterday();

        Path shots = PROJECT.resolve("infra/system-tests/target/screenshots");
        Path output = data.resolve("forms.log");
        var process = new ProcessBuilder("node", PROJECT.resolve("infra/system-tests/browser/forms.mjs").toString(),
                run.apiUrl().toString().replaceAll("/$", ""), shots.toString(), run.stack().sesMailbox().toString(), code, secret,
                officeTotpKey(), delayed, earlierDay, EARLIER_NAME)
                .directory(PROJECT.resolve("infra/system-tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly();
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the forms tests finished within 3 minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("all checks passed");
    }

    static final String EARLIER_NAME = "Võ Minh Tuấn";

    /**
     * A refusal at the desk from yesterday (Vietnam), written through the store as the desk writes it (the API only
     * records today's): the board's day picker finds it on its day, not today. Returns that day, yyyy-MM-dd.
     */
    private static String refusedYesterday() {
        var table = run.runner().functions().stream().filter(f -> f.logicalId().equals("DeskFunction")).findFirst().orElseThrow()
                .environment().get("DOSSIER_TABLE");
        var at = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        var applicant = new vn.motcua.domain.dossier.Applicant(EARLIER_NAME, "051090000456", "0905111222", java.util.Optional.empty(),
                "3 Phan Đình Phùng, phường Trần Hưng Đạo, TP Quảng Ngãi");
        var refusal = new vn.motcua.domain.dossier.DeskRefusal("refused-" + java.util.UUID.randomUUID(),
                vn.motcua.domain.dossier.DeskRefusal.Kind.REFUSED, "2.001914", "so-giao-duc-dao-tao", applicant,
                List.of("Hồ sơ không thuộc thẩm quyền tiếp nhận của Bộ phận Một cửa."), vn.motcua.domain.dossier.Actor.clerk("quay02"),
                at, "Lê Văn Tám");
        assertThat(new vn.motcua.store.DossierRepository(run.stack().dynamoDb(), table).recordDeskRefusal(refusal)).isTrue();
        return java.time.LocalDate.ofInstant(at, vn.motcua.domain.dossier.Dossier.ZONE).toString();
    }

    /** A dossier received through the API whose department, through the simulator, accepts it and then announces a delay (form 04). */
    private static String delayedDossier(com.fasterxml.jackson.databind.ObjectMapper json, String intake) throws Exception {
        String token = run.idToken("quay01@buudien.quangngai.vn");
        String code = json.readTree(post(token, "/dossiers", intake)).path("code").asText();
        assertThat(code).isNotBlank();
        var dossier = json.readTree(get(token, "/dossiers/" + code));
        String agency = dossier.path("agency").path("id").asText();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.simulator().received(agency).stream().noneMatch(r -> r.dossierCode().equals(code)) && System.nanoTime() < end) Thread.sleep(200);
        assertThat(run.simulator().answer(agency, code, json.readTree("{\"accepted\":{}}")).status()).isEqualTo(202);
        var later = java.time.LocalDate.parse(dossier.path("appointment").path("current").asText()).plusDays(7);
        var delay = json.createObjectNode();
        delay.putObject("delayed").put("reason", "Cần xác minh thêm hồ sơ gốc tại cơ sở.").put("newAppointment", later.toString());
        assertThat(run.simulator().answer(agency, code, delay).status()).isEqualTo(202);
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!json.readTree(get(token, "/dossiers/" + code)).path("appointment").path("rescheduled").asBoolean() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(json.readTree(get(token, "/dossiers/" + code)).path("appointment").path("current").asText())
                .as("the department's new date").isEqualTo(later.toString());
        return code;
    }

    @Test
    void theCitizenRatesOnAPhoneOnceAndTheOfficeSeesItOnTheDashboardAndInTheCsv() throws Exception {
        // a dossier received (with SMS consent) and taken to its return through the API and the simulated department
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String token = run.idToken("quay01@buudien.quangngai.vn");
        var request = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                vn.motcua.local.stack.LambdaEvents.load("intake-post.json").path("body").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) request.path("applicant")).put("smsConsent", true);
        var received = json.readTree(post(token, "/dossiers", request.toString()));
        String code = received.path("code").asText(), secret = received.path("receipt").path("lookupSecret").asText();
        assertThat(code).as(received.toString()).isNotBlank();
        assertThat(secret).isNotBlank();
        String agency = json.readTree(get(token, "/dossiers/" + code)).path("agency").path("id").asText();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.simulator().received(agency).stream().noneMatch(r -> r.dossierCode().equals(code)) && System.nanoTime() < end) Thread.sleep(200);
        for (String answer : List.of("{\"accepted\":{}}", "{\"resultReady\":{\"outcome\":\"approved\",\"documents\":[\"SIM/ket-qua.pdf\"]}}")) {
            assertThat(run.simulator().answer(agency, code, json.readTree(answer)).status()).isEqualTo(202);
        }
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!json.readTree(get(token, "/dossiers/" + code)).path("state").path("code").asText().equals("RESULT_READY") && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        post(token, "/dossiers/" + code + "/returned", "{\"method\":\"at_desk\",\"collector\":{\"name\":\"Nguyễn Thị Thu Hà\",\"idNumber\":\"051190001234\"}}");

        Path shots = PROJECT.resolve("infra/system-tests/target/screenshots");
        Path output = data.resolve("rating.log");
        var process = new ProcessBuilder("node", PROJECT.resolve("infra/system-tests/browser/rating.mjs").toString(),
                run.apiUrl().toString(), shots.toString(), code, secret, officeTotpKey())
                .directory(PROJECT.resolve("infra/system-tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly();
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the rating tests finished within 3 minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("rated 5 from the phone", "dashboard and CSV show the rating", "all checks passed");
        try (var files = Files.list(shots)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("rating-")).count()).isGreaterThanOrEqualTo(6);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private static String post(String token, String path, String body) throws Exception {
        var r = HTTP.send(java.net.http.HttpRequest.newBuilder(run.apiUrl().resolve(path)).header("Authorization", "Bearer " + token)
                .header("content-type", "application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 201);
        return r.body();
    }

    private static String get(String token, String path) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(run.apiUrl().resolve(path)).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The authenticator key of the office's dev user (TOTP on), as the local Cognito gave it. */
    private static String officeTotpKey() {
        var users = run.devUsers();
        return users.totpKey(users.user("vanphong01@quangngai.gov.vn")).orElseThrow();
    }

    // ------------------------------------------------------------------ the department

    /** The local run's department simulator: the callback reaches it, and its answers go through the API. */
    private static String simulatorUrl() {
        return run.simulator().url().toString();
    }

    private static URI api(String path) { return run.apiUrl().resolve(path); }
}
