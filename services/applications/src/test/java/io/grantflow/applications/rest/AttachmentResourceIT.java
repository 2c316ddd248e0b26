package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.attachment.Attachments;
import io.grantflow.applications.application.attachment.TestFiles;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.domain.attachment.DocumentType;
import io.grantflow.applications.domain.audit.AuditChain;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.http.entity.mime.HttpMultipartMode;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments over HTTP against the real database: the applicant uploads, the readers of the
 * application download with the SHA-256 kept, everyone else finds nothing, and what the content
 * check or the size refuses is never stored. Each test makes its own application of alpha in
 * the industry department.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class AttachmentResourceIT {
    private static final String ALPHA = "91320214AY4CL12T29";
    private static final String BETA = "913202117BYC46N175";
    private static final long MB = 1024 * 1024;

    @Inject
    SubmitApplication submit;

    @Inject
    CreditCommitments commitments;

    @Inject
    Attachments attachments;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    String uploads;

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path dir;

    // ---- fixtures ------------------------------------------------------------------------------

    /** A new application of alpha, evaluated into the industry department (its reviewers may read it). */
    private UUID application() throws Throwable {
        UUID id = VertxContextSupport.subscribeAndAwait(() -> submit.submit(new SubmitApplication.SubmitCommand(
                        ALPHA,
                        "enterprise",
                        "xinwu",
                        "S4-EDGE-COMPUTE",
                        Map.of("edge_purchase_cost", 1000000),
                        null,
                        "ent-alpha",
                        commitments.current())))
                .id();
        update("UPDATE application SET department = 'industry' WHERE id = ?", id);
        return id;
    }

    private static byte[] pdf(String marker) {
        return ("%PDF-1.7\n% " + marker + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Multipart as browsers send it: file names in UTF-8 (HTML's form submission, RFC 7578 4.2). */
    private static RequestSpecification multipart() {
        return given().config(RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE))
                .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8)));
    }

    /**
     * An upload as a browser sends it: the body's length known up front (RestAssured would stream
     * a part given as bytes in chunks, which the edge refuses with 411, so each file goes from disk).
     */
    private Response upload(UUID application, String type, String name, byte[] content, String declared)
            throws IOException {
        Path folder = Files.createDirectories(dir.resolve(UUID.randomUUID().toString()));
        Path file = Files.write(folder.resolve(name), content);
        return multipart()
                .multiPart("type", type)
                .multiPart("file", file.toFile(), declared)
                .when()
                .post("/applications/" + application + "/attachments");
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The audit trail's entries of an upload to {@code application}: as the database holds them. */
    private long uploadEntries(UUID application) throws SQLException {
        return count(
                "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'attachment.upload'",
                application.toString());
    }

    private long attachments(UUID application) throws SQLException {
        return count("SELECT count(*) FROM attachment WHERE application_id = ?", application);
    }

    private long chunks() throws SQLException {
        return count("SELECT count(*) FROM attachment_chunk");
    }

    private static void problem(Response r, int status, String code) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("code")).isEqualTo(code);
        assertThat(r.jsonPath().getString("title")).contains(" / ");
        assertThat(r.jsonPath().getString("detail")).contains(" / ");
    }

    /**
     * Sends only a request's head, announcing a body of {@code length} bytes that never comes:
     * the edge must answer from the head alone.
     */
    private String headOnly(String path, long length, String contentType) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + root.getHost() + "\r\nContent-Type: " + contentType
                            + "\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // the server closes the connection after its answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    // ---- the applicant -------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void theApplicantUploadsAndDownloadsTheSameBytesWithTheirSha256() throws Throwable {
        UUID application = application();
        byte[] content = pdf("licence " + UUID.randomUUID());
        // declared as an image and named .bin: the content says PDF, and PDF it is
        String requestId = "upload-it-" + UUID.randomUUID();
        Path file = Files.write(
                Files.createDirectories(dir.resolve(UUID.randomUUID().toString()))
                        .resolve("营业执照 2025.bin"),
                content);
        Response created = multipart()
                .header("X-Request-Id", requestId)
                .multiPart("type", "BUSINESS_LICENCE")
                .multiPart("file", file.toFile(), "image/png")
                .when()
                .post("/applications/" + application + "/attachments");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.jsonPath().getString("id");
        // recorded in the audit trail as the applicant's, correlated with the request (enterprises do not read
        // GET /audit: operatorsSeeAnUploadInTheAuditTrail reads it there)
        assertThat(count(
                        "SELECT count(*) FROM audit_entry WHERE subject = ? AND action = 'attachment.upload'"
                                + " AND actor_id = 'ent-alpha' AND actor_role = 'enterprise' AND correlation_id = ?"
                                + " AND before_state IS NULL AND after_state::jsonb ->> 'attachmentId' = ?"
                                + " AND after_state::jsonb ->> 'sha256' = ?",
                        application.toString(),
                        requestId,
                        id,
                        sha256(content)))
                .isEqualTo(1);
        assertThat(created.header("Location")).endsWith("/applications/" + application + "/attachments/" + id);
        assertThat(created.jsonPath().getString("sha256")).isEqualTo(sha256(content));
        assertThat(created.jsonPath().getLong("size")).isEqualTo(content.length);
        assertThat(created.jsonPath().getString("format")).isEqualTo("PDF");
        assertThat(created.jsonPath().getString("mediaType")).isEqualTo("application/pdf");
        assertThat(created.jsonPath().getString("type")).isEqualTo("BUSINESS_LICENCE");
        assertThat(created.jsonPath().getString("typeZh")).isEqualTo("营业执照或法人登记证书");
        assertThat(created.jsonPath().getString("fileName")).isEqualTo("营业执照 2025.bin");
        assertThat(count(
                        "SELECT count(*) FROM attachment WHERE id = ? AND sha256 = ? AND size_bytes = ?",
                        UUID.fromString(id),
                        sha256(content),
                        content.length))
                .isEqualTo(1);

        Response download = given().when().get("/applications/" + application + "/attachments/" + id + "/content");
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] bytes = download.asByteArray();
        assertThat(bytes).isEqualTo(content);
        assertThat(download.contentType()).isEqualTo("application/pdf");
        String digest = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(download.header("Repr-Digest")).isEqualTo("sha-256=:" + digest + ":");
        assertThat(download.header("Digest")).isEqualTo("sha-256=" + digest);
        assertThat(download.header("ETag")).isEqualTo("\"" + sha256(content) + "\"");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"____ 2025.bin.pdf\"; "
                        + "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%202025.bin.pdf");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Response listed = given().when().get("/applications/" + application + "/attachments");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.jsonPath().getList("items.id", String.class)).containsExactly(id);
        assertThat(listed.jsonPath().getLong("total")).isEqualTo(1);
        Response one = given().when().get("/applications/" + application + "/attachments/" + id);
        assertThat(one.jsonPath().getString("sha256")).isEqualTo(sha256(content));
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void theSameBytesUploadedAgainAnswerTheAttachmentKeptAndAreStoredOnce() throws Throwable {
        UUID application = application();
        byte[] content = pdf("twice " + UUID.randomUUID());
        Response first = upload(application, "INVOICE", "invoice.pdf", content, "application/pdf");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        long chunks = chunks();
        Response again = upload(application, "OTHER", "copy of invoice.pdf", content, "application/octet-stream");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(again.jsonPath().getString("type")).as("the one kept").isEqualTo("INVOICE");
        assertThat(attachments(application)).isEqualTo(1);
        assertThat(chunks()).isEqualTo(chunks);
        assertThat(uploadEntries(application))
                .as("nothing changed, nothing recorded")
                .isEqualTo(1);
        // other bytes are another attachment, and so are the same bytes for another application
        assertThat(upload(application, "INVOICE", "b.pdf", pdf("other " + UUID.randomUUID()), "application/pdf")
                        .statusCode())
                .isEqualTo(201);
        UUID second = application();
        assertThat(upload(second, "INVOICE", "invoice.pdf", content, "application/pdf")
                        .statusCode())
                .isEqualTo(201);
        assertThat(attachments(application)).isEqualTo(2);
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aProgramRenamedAsPdfIsRefusedByItsContentAndNotStored() throws Throwable {
        UUID application = application();
        byte[] exe = new byte[8192];
        exe[0] = 'M';
        exe[1] = 'Z';
        long chunks = chunks();
        Response refused = upload(application, "BUSINESS_LICENCE", "licence.pdf", exe, "application/pdf");
        problem(refused, 422, "UNSUPPORTED_FILE_TYPE");
        assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo("file");
        assertThat(refused.jsonPath().getString("errors[0].messageZh"))
                .contains("可执行程序")
                .doesNotContain(" / ");
        assertThat(refused.jsonPath().getString("errors[0].messageEn")).contains("executable");
        assertThat(attachments(application)).isZero();
        assertThat(chunks()).isEqualTo(chunks);
        assertThat(uploadEntries(application))
                .as("a refused upload records nothing")
                .isZero();
        // and a cut-off PDF
        byte[] pdf = pdf("cut");
        problem(
                upload(application, "OTHER", "a.pdf", Arrays.copyOf(pdf, pdf.length - 7), "application/pdf"),
                422,
                "INCOMPLETE_FILE");
        assertThat(attachments(application)).isZero();
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aFileAboveTwentyMegabytesIsRefusedWithoutBeingStoredOrLeftOnDisk() throws Throwable {
        UUID application = application();
        Path big = dir.resolve("big.pdf");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(20 * MB + 1);
            f.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        }
        long chunks = chunks();
        Response refused = given().multiPart("type", "AUDIT_REPORT")
                .multiPart("file", big.toFile(), "application/pdf")
                .when()
                .post("/applications/" + application + "/attachments");
        problem(refused, 413, "ATTACHMENT_TOO_LARGE");
        assertThat(refused.jsonPath().getString("detail")).contains("20 MB");
        assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo("file");
        assertThat(attachments(application)).isZero();
        assertThat(chunks()).isEqualTo(chunks);
        // the upload's temporary file is gone once the request ended
        Awaitility.await("the uploads folder is emptied")
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    Path folder = Path.of(uploads);
                    if (!Files.isDirectory(folder)) {
                        return true;
                    }
                    try (Stream<Path> files = Files.list(folder)) {
                        return files.noneMatch(Files::isRegularFile);
                    }
                });

        // exactly 20 MB of real content is accepted
        Path limit = dir.resolve("limit.pdf");
        try (RandomAccessFile f = new RandomAccessFile(limit.toFile(), "rw")) {
            f.setLength(20 * MB);
            f.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            f.seek(20 * MB - 6);
            f.write("%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        }
        Response accepted = given().multiPart("type", "AUDIT_REPORT")
                .multiPart("file", limit.toFile(), "application/pdf")
                .when()
                .post("/applications/" + application + "/attachments");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(201);
        assertThat(accepted.jsonPath().getLong("size")).isEqualTo(20 * MB);
        assertThat(count(
                        "SELECT count(*) FROM attachment_chunk WHERE attachment_id = ?",
                        UUID.fromString(accepted.jsonPath().getString("id"))))
                .isEqualTo(80);
        byte[] back = given().when()
                .get(accepted.header("Location").replaceFirst("^https?://[^/]+", "") + "/content")
                .asByteArray();
        assertThat(back).hasSize((int) (20 * MB));
        assertThat(sha256(back)).isEqualTo(accepted.jsonPath().getString("sha256"));
    }

    @Test
    void theEdgeRefusesABodyAboveTheUploadsLimitAndOneMegabyteEverywhereElseBeforeReadingIt() throws IOException {
        String upload = headOnly(
                "/applications/" + UUID.randomUUID() + "/attachments", 21 * MB, "multipart/form-data; boundary=x");
        assertThat(upload)
                .startsWith("HTTP/1.1 413")
                .contains("application/problem+json")
                .contains("20 MB");
        // 2 MB is fine for an upload's route as far as the edge goes (the caller is then asked who it is) …
        String uploadSmall = headOnly(
                "/applications/" + UUID.randomUUID() + "/attachments", 2 * MB, "multipart/form-data; boundary=x");
        assertThat(uploadSmall).doesNotStartWith("HTTP/1.1 413");
        // … but not anywhere else
        String json = headOnly("/applications", 2 * MB, "application/json");
        assertThat(json)
                .startsWith("HTTP/1.1 413")
                .contains("application/problem+json")
                .contains("1 MB");
        String attachmentsList = headOnly(
                "/applications/" + UUID.randomUUID() + "/attachments/" + UUID.randomUUID(),
                2 * MB,
                "multipart/form-data; boundary=x");
        assertThat(attachmentsList).startsWith("HTTP/1.1 413").contains("1 MB");
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aMissingOrUnknownTypeOrFileIsBadInputNamingTheField() throws Throwable {
        UUID application = application();
        Response noFile =
                given().multiPart("type", "INVOICE").when().post("/applications/" + application + "/attachments");
        problem(noFile, 400, "INVALID_REQUEST");
        assertThat(noFile.jsonPath().getList("errors.field", String.class)).containsExactly("file");
        Response badType = upload(application, "SELFIE", "a.pdf", pdf("x"), "application/pdf");
        problem(badType, 400, "INVALID_REQUEST");
        assertThat(badType.jsonPath().getList("errors.field", String.class)).containsExactly("type");
        assertThat(badType.jsonPath().getString("errors[0].messageZh")).isEqualTo("未知的材料类型");
        assertThat(badType.jsonPath().getString("errors[0].messageEn")).isEqualTo("unknown document type");
        // no multipart body at all: 415 (the problem says what is accepted)
        Response nothing = given().when().post("/applications/" + application + "/attachments");
        problem(nothing, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(nothing.jsonPath().getString("detail")).contains("multipart/form-data");
        Response json = given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/applications/" + application + "/attachments");
        problem(json, 415, "UNSUPPORTED_MEDIA_TYPE");
        Response noBodyBadId = given().when().post("/applications/not-a-uuid/attachments");
        problem(noBodyBadId, 400, "INVALID_REQUEST");
        Response badId = multipart().multiPart("type", "INVOICE").when().post("/applications/not-a-uuid/attachments");
        problem(badId, 400, "INVALID_REQUEST");
        assertThat(badId.jsonPath().getList("errors.field", String.class)).containsExactly("id");
        assertThat(attachments(application)).isZero();
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void officeDocumentsAndImagesAreAcceptedAsTheirContentShows() throws Throwable {
        UUID application = application();
        Map<String, byte[]> files = Map.of(
                "DOCX", TestFiles.docx(),
                "XLSX", TestFiles.xlsx(),
                "PNG", TestFiles.image("png"),
                "XLS", TestFiles.xls());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Response r = upload(application, "FINANCIAL_STATEMENT", "file.pdf", f.getValue(), "application/pdf");
            assertThat(r.statusCode()).as(f.getKey() + ": " + r.asString()).isEqualTo(201);
            assertThat(r.jsonPath().getString("format")).isEqualTo(f.getKey());
            byte[] back = given().accept(ContentType.ANY)
                    .when()
                    .get("/applications/" + application + "/attachments/"
                            + r.jsonPath().getString("id") + "/content")
                    .asByteArray();
            assertThat(back).as(f.getKey()).isEqualTo(f.getValue());
        }
    }

    // ---- who else may read --------------------------------------------------------------------

    /** An application of alpha's with one attachment, and that attachment's id and bytes. */
    private record Uploaded(UUID application, String attachment, byte[] content) {}

    private Uploaded uploadedByAlpha() throws Throwable {
        UUID application = application();
        byte[] content = pdf("shared " + UUID.randomUUID());
        String sha = sha256(content);
        UUID id = UUID.randomUUID();
        update(
                "INSERT INTO attachment (id, application_id, document_type, file_name, format, size_bytes, sha256,"
                        + " chunk_count, uploaded_by, uploaded_at) VALUES (?, ?, 'CONTRACT', 'contract.pdf', 'PDF', ?,"
                        + " ?, 1, 'ent-alpha', now())",
                id,
                application,
                content.length,
                sha);
        update("INSERT INTO attachment_chunk (attachment_id, seq, bytes) VALUES (?, 0, ?)", id, content);
        return new Uploaded(application, id.toString(), content);
    }

    private static void readable(Uploaded u) throws Exception {
        String base = "/applications/" + u.application() + "/attachments";
        assertThat(given().get(base).jsonPath().getList("items.id", String.class))
                .containsExactly(u.attachment());
        assertThat(given().get(base + "/" + u.attachment()).statusCode()).isEqualTo(200);
        Response download = given().get(base + "/" + u.attachment() + "/content");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.asByteArray()).isEqualTo(u.content());
        assertThat(download.header("ETag")).isEqualTo("\"" + sha256(u.content()) + "\"");
    }

    private static void notThere(Uploaded u) {
        String base = "/applications/" + u.application() + "/attachments";
        for (String path : new String[] {base, base + "/" + u.attachment(), base + "/" + u.attachment() + "/content"}) {
            Response r = given().get(path);
            problem(r, 404, "NOT_FOUND");
            assertThat(r.asString())
                    .as("nothing of the application leaks")
                    .doesNotContain(ALPHA)
                    .doesNotContain("contract");
        }
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "industry"))
    void aReviewerOfTheProgrammesDepartmentReadsAndDownloadsButUploadsNothing() throws Throwable {
        Uploaded u = uploadedByAlpha();
        readable(u);
        Response upload = upload(u.application(), "OTHER", "x.pdf", pdf("reviewer"), "application/pdf");
        problem(upload, 403, "FORBIDDEN");
        assertThat(attachments(u.application())).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "rev-science", roles = "reviewer")
    @OidcSecurity(claims = @Claim(key = "department", value = "science"))
    void aReviewerOfAnotherDepartmentFindsNothing() throws Throwable {
        notThere(uploadedByAlpha());
    }

    @Test
    @TestSecurity(user = "ent-beta", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = BETA))
    void anotherEnterpriseFindsNothingAndCannotUpload() throws Throwable {
        Uploaded u = uploadedByAlpha();
        notThere(u);
        Response upload = upload(u.application(), "OTHER", "x.pdf", pdf("beta"), "application/pdf");
        problem(upload, 404, "NOT_FOUND");
        assertThat(attachments(u.application())).isEqualTo(1);
    }

    /**
     * The city approver reads the files of what awaits the city's approval, and of what it
     * decided on since (approved after it awaited the city); of anything else it finds nothing.
     */
    @Test
    @TestSecurity(user = "city-approver", roles = "city_approver")
    void theCityApproverReadsTheFilesOfWhatAwaitsOrAwaitedTheCity() throws Throwable {
        Uploaded awaiting = uploadedByAlpha();
        update("UPDATE application SET status = 'AWAITING_CITY_APPROVAL' WHERE id = ?", awaiting.application());
        readable(awaiting);

        Uploaded decided = uploadedByAlpha();
        update(
                "INSERT INTO application_history (application_id, from_status, to_status, actor, at)"
                        + " VALUES (?, 'IN_ANNOUNCEMENT', 'AWAITING_CITY_APPROVAL', 'applications.deadline-job', now())",
                decided.application());
        update("UPDATE application SET status = 'APPROVED' WHERE id = ?", decided.application());
        readable(decided);

        Uploaded other = uploadedByAlpha();
        update("UPDATE application SET status = 'APPROVED' WHERE id = ?", other.application());
        notThere(other);
        Response upload = upload(awaiting.application(), "OTHER", "x.pdf", pdf("city"), "application/pdf");
        problem(upload, 403, "FORBIDDEN");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void financeReadsAndDownloads() throws Throwable {
        readable(uploadedByAlpha());
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void operatorsReadAndDownload() throws Throwable {
        readable(uploadedByAlpha());
    }

    /**
     * 审计 (issue #10): an upload is in the application's audit trail as operators read it, who
     * (the applicant), in which role, when, the file added (no before) and the request it answered,
     * chained like every other entry; the same bytes again add none, and the chain verifies.
     */
    @Test
    @TestSecurity(user = "ops", roles = "operator")
    void operatorsSeeAnUploadInTheAuditTrail() throws Throwable {
        UUID application = application();
        byte[] content = pdf("audited " + UUID.randomUUID());
        Path file = Files.write(dir.resolve("audited.pdf"), content);
        // the applicant's upload, through the use case its request runs (this test reads as an operator)
        Viewer alpha = new Viewer("ent-alpha", Set.of("enterprise"), ALPHA, null);
        String requestId = "upload-audit-" + UUID.randomUUID();
        Attachments.Upload upload = attachments.upload(
                alpha,
                application,
                DocumentType.AUDIT_REPORT,
                "审计报告.pdf",
                file,
                new AuditContext("ent-alpha", "enterprise", requestId));
        assertThat(upload.created()).isTrue();
        assertThat(attachments
                        .upload(
                                alpha,
                                application,
                                DocumentType.OTHER,
                                "again.pdf",
                                file,
                                new AuditContext("ent-alpha", "enterprise", "again-" + requestId))
                        .created())
                .isFalse();

        Response page = given().queryParam("subject", application.toString()).get("/audit");
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        List<Map<String, Object>> items = page.jsonPath().getList("items");
        assertThat(items)
                .extracting(e -> e.get("action"))
                .containsExactly("application.create-draft", "application.submit", "attachment.upload");
        Map<String, Object> entry = items.get(2);
        assertThat(entry)
                .containsEntry("actorId", "ent-alpha")
                .containsEntry("actorRole", "enterprise")
                .containsEntry("subject", application.toString())
                .containsEntry("correlationId", requestId);
        assertThat(entry.get("before")).as("the file did not exist before").isNull();
        assertThat(entry.get("at")).isNotNull();
        Map<String, Object> after = json.readValue((String) entry.get("after"), Map.class);
        assertThat(after)
                .containsEntry("attachmentId", upload.attachment().id().toString())
                .containsEntry("documentType", "AUDIT_REPORT")
                .containsEntry("fileName", "审计报告.pdf")
                .containsEntry("format", "PDF")
                .containsEntry("sha256", sha256(content))
                .containsEntry("applicationStatus", "SUBMITTED");
        assertThat(((Number) after.get("size")).longValue()).isEqualTo(content.length);
        // chained after the application's previous entry, and its hash is what its fields give
        assertThat(AuditChain.hashOf(AuditResourceIT.entry(entry))).isEqualTo(entry.get("hash"));
        assertThat(((Number) entry.get("seq")).longValue())
                .isGreaterThan(((Number) items.get(1).get("seq")).longValue());

        Response verification = given().get("/audit/verification");
        assertThat(verification.statusCode()).as(verification.asString()).isEqualTo(200);
        assertThat(verification.jsonPath().getBoolean("intact"))
                .as(verification.asString())
                .isTrue();
        assertThat(verification.jsonPath().getLong("headSequence"))
                .isGreaterThanOrEqualTo(((Number) entry.get("seq")).longValue());
    }

    @Test
    @TestSecurity(user = "admin-user", roles = "admin")
    void adminsReadAndDownload() throws Throwable {
        readable(uploadedByAlpha());
    }

    @Test
    @TestSecurity(user = "ent-alpha", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = ALPHA))
    void aClosedApplicationTakesNoMoreAttachments() throws Throwable {
        UUID application = application();
        update("UPDATE application SET status = 'REJECTED' WHERE id = ?", application);
        problem(upload(application, "OTHER", "late.pdf", pdf("late"), "application/pdf"), 409, "APPLICATION_CLOSED");
        assertThat(attachments(application)).isZero();
    }
}
