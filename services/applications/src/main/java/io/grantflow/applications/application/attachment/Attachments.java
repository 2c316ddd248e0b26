package io.grantflow.applications.application.attachment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.domain.attachment.Attachment;
import io.grantflow.applications.domain.attachment.DocumentType;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.persistence.AttachmentStore;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An application's attachments (ADR 0018): uploaded by the applicant enterprise, checked by
 * content and size, kept once per SHA-256, listed and downloaded by whoever may read the
 * application. Blocking (JDBC and files): called from worker threads.
 */
@ApplicationScoped
public class Attachments {
    /**
     * The states in which the applicant may add files: before and during the department's review
     * (a correction most of all). From the recommendation on, the file is what was reviewed and
     * announced, and stays so.
     */
    static final Set<ProcedureState> ACCEPTS_FILES = EnumSet.of(
            ProcedureState.DRAFT,
            ProcedureState.SUBMITTED,
            ProcedureState.ELIGIBLE,
            ProcedureState.UNDER_REVIEW,
            ProcedureState.CORRECTION_REQUESTED);

    private static final Logger LOG = Logger.getLogger(Attachments.class);
    /** The longest file name kept, in characters. */
    public static final int FILE_NAME = 255;
    /** Characters no file name keeps: those a download's header or a desktop's file system would take amiss. */
    private static final String UNSAFE = "\"<>:|?*;";

    /** The audit trail's action for a new attachment (its subject: the application). */
    public static final String UPLOAD_ACTION = "attachment.upload";

    private final AttachmentStore store;
    private final AttachmentConfig config;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public Attachments(AttachmentStore store, AttachmentConfig config, AuditTrail audit, ObjectMapper json) {
        this.store = store;
        this.config = config;
        this.audit = audit;
        this.json = json;
    }

    /** An upload's result: the attachment, and whether it was stored by this call. */
    public record Upload(Attachment attachment, boolean created) {}

    /**
     * Stores the file at {@code file} (the upload, already on disk) as an attachment of
     * {@code applicationId}, or answers the one with the same bytes. Nothing is stored when the
     * caller is not the applicant, the application is closed, the file is too large, or its
     * content is not an accepted format. A stored file is recorded in the audit trail
     * ({@value #UPLOAD_ACTION}, by {@code who}) in its own transaction; the same bytes again change
     * nothing and record nothing.
     */
    public Upload upload(
            Viewer viewer, UUID applicationId, DocumentType type, String fileName, Path file, AuditContext who) {
        AttachmentStore.Owner owner = readable(viewer, applicationId);
        if (!viewer.isEnterprise() || !owner.applicantId().equals(viewer.enterpriseId())) {
            // only the applicant adds evidence; to anyone else who may read it, it is refused outright
            throw ProblemException.forbidden(
                    "NOT_THE_APPLICANT", "只有申请企业可以上传附件", "Only the applicant enterprise may upload attachments");
        }
        ProcedureState status = ProcedureState.valueOf(owner.status());
        if (!ACCEPTS_FILES.contains(status)) {
            throw ProblemException.conflict(
                    "APPLICATION_CLOSED",
                    "申请当前为“" + status.label().zh() + "”，材料已锁定，不能再上传附件",
                    "The application is " + status.label().en()
                            + "; its file is locked and no attachments can be added");
        }
        long size = size(file);
        long max = config.maxSize().asLongValue();
        if (size > max) {
            throw new ProblemException(
                    413,
                    "ATTACHMENT_TOO_LARGE",
                    "附件过大",
                    "Attachment too large",
                    "附件不得超过" + Problems.size(max),
                    "An attachment must not exceed " + Problems.size(max),
                    List.of(new FieldError(
                            "file",
                            "ATTACHMENT_TOO_LARGE",
                            "不得超过" + Problems.size(max),
                            "at most " + Problems.size(max))));
        }
        ContentSniffer.Verdict verdict;
        try {
            verdict = ContentSniffer.sniff(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (verdict instanceof ContentSniffer.Refused refused) {
            throw ProblemException.unprocessable(
                    refused.code(),
                    "文件内容不是可接受的格式：" + refused.reason().zh(),
                    "The file's content is not an accepted format: "
                            + refused.reason().en(),
                    List.of(new FieldError("file", refused.code(), refused.reason())));
        }
        Attachment attachment = new Attachment(
                UUID.randomUUID(),
                applicationId,
                type,
                cleanName(fileName),
                ((ContentSniffer.Accepted) verdict).format(),
                size,
                sha256(file),
                AttachmentStore.chunks(size),
                viewer.name(),
                Instant.now());
        AttachmentStore.Stored stored = store.insert(
                attachment,
                file,
                config.maxPerApplication(),
                // the head's lock is taken last, after the bytes: uploads of megabytes do not hold up
                // every other writer, and no writer waits for what an upload holds (its advisory lock)
                (c, created) -> audit.append(
                        c, who, UPLOAD_ACTION, applicationId.toString(), null, auditState(created, status)));
        if (stored instanceof AttachmentStore.Created created) {
            return new Upload(created.attachment(), true);
        }
        if (stored instanceof AttachmentStore.Existing existing) {
            return new Upload(existing.attachment(), false);
        }
        long full = ((AttachmentStore.Full) stored).max();
        throw ProblemException.conflict(
                "TOO_MANY_ATTACHMENTS", "每件申请最多" + full + "个附件", "An application has at most " + full + " attachments");
    }

    /**
     * What the trail records of a new attachment: which file, told by content (its SHA-256), and
     * the state of the application it was added in.
     */
    private String auditState(Attachment a, ProcedureState status) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("attachmentId", a.id().toString());
        state.put("documentType", a.type().name());
        state.put("fileName", a.fileName());
        state.put("format", a.format().name());
        state.put("size", a.size());
        state.put("sha256", a.sha256());
        state.put("applicationStatus", status.name());
        return Json.write(json, state);
    }

    public Page<Attachment> list(Viewer viewer, UUID applicationId, PageRequest page) {
        readable(viewer, applicationId);
        return new Page<>(
                store.list(applicationId, page.limit(), page.offset()),
                store.count(applicationId),
                page.limit(),
                page.offset());
    }

    public Attachment get(Viewer viewer, UUID applicationId, UUID id) {
        readable(viewer, applicationId);
        return store.find(applicationId, id)
                .orElseThrow(() -> ProblemException.notFound("附件", "attachment", id.toString()));
    }

    /**
     * Writes the bytes of {@code attachment} to {@code out}, one chunk at a time (each read with a
     * connection of its own, so that a slow reader holds none), checking them against the SHA-256
     * kept: a mismatch is logged, since the answer is already under way.
     */
    public void write(Attachment attachment, OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        long written = 0;
        for (int seq = 0; seq < attachment.chunks(); seq++) {
            byte[] chunk = store.chunk(attachment.id(), seq);
            digest.update(chunk);
            out.write(chunk);
            written += chunk.length;
        }
        out.flush();
        if (written != attachment.size() || !Attachment.hex(digest.digest()).equals(attachment.sha256())) {
            LOG.errorf(
                    "attachment %s of application %s does not match its SHA-256 or size as stored",
                    attachment.id(), attachment.applicationId());
        }
    }

    /**
     * The application, when the viewer may read it; 404 otherwise (what it may not read does not
     * exist for it). A city approver reads the files of what awaits the city's approval, and keeps
     * reading those it decided on (its decision's evidence).
     */
    private AttachmentStore.Owner readable(Viewer viewer, UUID applicationId) {
        Optional<AttachmentStore.Owner> owner = store.owner(applicationId);
        if (owner.isEmpty()
                || !(viewer.mayRead(owner.get().applicantId(), owner.get().department())
                        || (viewer.isCityApprover() && owner.get().cityApproval()))) {
            throw ProblemException.notFound("申请", "application", applicationId.toString());
        }
        return owner.get();
    }

    /**
     * The name as given, without any folder part, control, format (direction, zero-width) or reserved characters, cut to
     * {@link #FILE_NAME} characters; "attachment" when nothing is left.
     */
    static String cleanName(String given) {
        if (given == null) {
            return "attachment";
        }
        String name = given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(c -> {
            int kind = Character.getType(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                clean.append(' ');
            } else if (kind != Character.CONTROL
                    && kind != Character.FORMAT
                    && kind != Character.SURROGATE
                    && kind != Character.UNASSIGNED
                    && UNSAFE.indexOf(c) < 0) {
                clean.appendCodePoint(c);
            }
        });
        String result = clean.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        if (result.isEmpty()) {
            return "attachment";
        }
        return result.codePointCount(0, result.length()) > FILE_NAME
                ? result.substring(0, result.offsetByCodePoints(0, FILE_NAME))
                : result;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Attachment.hex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
