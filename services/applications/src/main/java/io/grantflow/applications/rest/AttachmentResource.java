package io.grantflow.applications.rest;

import io.grantflow.applications.application.attachment.Attachments;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.domain.attachment.Attachment;
import io.grantflow.applications.domain.attachment.DocumentType;
import io.grantflow.platform.http.PublicUrls;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * An application's attachments over REST: the applicant enterprise uploads (multipart, the
 * format told by the content), whoever may read the application lists and downloads them with
 * their SHA-256 (ADR 0018).
 */
@Path("/applications/{id}/attachments")
@Tag(name = "attachments", description = "申请附件 / Application attachments")
public class AttachmentResource {
    private static final Set<String> TYPES =
            Arrays.stream(DocumentType.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    private static final String BINARY = "二进制内容 / the file's bytes";

    private final Attachments attachments;
    private final Caller caller;
    private final PublicUrls urls;

    public AttachmentResource(Attachments attachments, Caller caller, PublicUrls urls) {
        this.attachments = attachments;
        this.caller = caller;
        this.urls = urls;
    }

    /** An upload: the document's type and the file. */
    public static class UploadForm {
        @RestForm("type")
        public String type;

        @RestForm("file")
        public FileUpload file;
    }

    /** The upload's parts as the API document shows them (the form itself is read into {@link UploadForm}). */
    @Schema(
            name = "AttachmentUpload",
            requiredProperties = {"type", "file"})
    public record UploadDocument(
            @Schema(description = "材料类型 / what the document is")
            DocumentType type,

            @Schema(
                    type = SchemaType.STRING,
                    format = "binary",
                    description = "文件：PDF、PNG、JPEG、docx、xlsx、pptx、doc 或 xls，按内容识别，不超过20 MB / the file: "
                            + "PDF, PNG, JPEG, docx, xlsx, pptx, doc or xls, told by its content, at most 20 MB")
            String file) {}

    /** An attachment as its readers see it. */
    public record AttachmentView(
            UUID id,
            UUID applicationId,
            DocumentType type,
            String typeZh,
            String typeEn,
            String fileName,
            String format,
            String mediaType,
            long size,

            @Schema(
                    description = "内容的 SHA-256（十六进制小写） / the content's SHA-256 (lower-case hex)",
                    pattern = "^[0-9a-f]{64}$")
            String sha256,

            String uploadedBy,
            Instant uploadedAt) {}

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(
            operationId = "uploadAttachment",
            summary = "Upload an attachment to one's own application / 上传申请附件",
            description = "multipart/form-data：type（材料类型）与 file（文件）。格式按内容识别（PDF、PNG、JPEG、docx、xlsx、pptx、doc、xls），"
                    + "与文件名和声明的类型无关；不超过20 MB（grantflow.attachments.max-size）。同一申请再次上传相同内容（SHA-256 相同）"
                    + "返回已有附件（200），不重复保存。413：ATTACHMENT_TOO_LARGE、PAYLOAD_TOO_LARGE；422：UNSUPPORTED_FILE_TYPE、"
                    + "INCOMPLETE_FILE、DAMAGED_FILE、MACRO_DOCUMENT、ENCRYPTED_DOCUMENT、EMPTY_FILE；409：APPLICATION_CLOSED、"
                    + "TOO_MANY_ATTACHMENTS；403：NOT_THE_APPLICANT。 / multipart/form-data: type (what the document is) and "
                    + "file. The format is told by the content (PDF, PNG, JPEG, docx, xlsx, pptx, doc, xls), whatever the "
                    + "file name or declared type; at most 20 MB (grantflow.attachments.max-size). The same content (same "
                    + "SHA-256) uploaded again to the same application answers the attachment kept (200), stored once. "
                    + "413: ATTACHMENT_TOO_LARGE, PAYLOAD_TOO_LARGE; 422: UNSUPPORTED_FILE_TYPE, INCOMPLETE_FILE, "
                    + "DAMAGED_FILE, MACRO_DOCUMENT, ENCRYPTED_DOCUMENT, EMPTY_FILE; 409: APPLICATION_CLOSED, "
                    + "TOO_MANY_ATTACHMENTS; 403: NOT_THE_APPLICANT.")
    @APIResponse(
            responseCode = "201",
            description = "已保存 / stored",
            content = @Content(schema = @Schema(implementation = AttachmentView.class)),
            headers =
                    @Header(
                            name = "Location",
                            description = "该附件的地址 / the attachment's address",
                            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(
            responseCode = "200",
            description = "相同内容已上传过：返回原附件 / the same content was uploaded before: the attachment kept",
            content = @Content(schema = @Schema(implementation = AttachmentView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Response upload(
            @PathParam("id") UUID id,
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA,
                                            schema = @Schema(implementation = UploadDocument.class)))
                    UploadForm form,
            @Context HttpHeaders headers) {
        List<FieldError> errors = new ArrayList<>();
        if (form == null || form.type == null || form.type.isBlank()) {
            errors.add(new FieldError("type", "REQUIRED", "必填", "required"));
        } else if (!TYPES.contains(form.type)) {
            errors.add(new FieldError("type", "UNKNOWN_DOCUMENT_TYPE", "未知的材料类型", "unknown document type"));
        }
        if (form == null || form.file == null || form.file.uploadedFile() == null) {
            errors.add(new FieldError("file", "REQUIRED", "须附文件", "a file is required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        if (caller.enterpriseId().isEmpty()) {
            throw ProblemException.forbidden(
                    "NO_ENTERPRISE", "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)");
        }
        AuditContext who = new AuditContext(caller.name(), Caller.ENTERPRISE, RequestIds.of(headers));
        Attachments.Upload upload = attachments.upload(
                Viewers.of(caller),
                id,
                DocumentType.valueOf(form.type),
                form.file.fileName(),
                form.file.uploadedFile(),
                who);
        AttachmentView view = view(upload.attachment());
        if (!upload.created()) {
            return Response.ok(view).build();
        }
        return Response.created(urls.of("/applications/" + id + "/attachments/" + view.id()))
                .entity(view)
                .build();
    }

    /** Any other body: told what an upload is, rather than that a JSON body was expected. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(hidden = true)
    public Response notMultipart(@PathParam("id") UUID id) {
        throw new ProblemException(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "不支持的内容类型",
                "Unsupported media type",
                "附件须以 multipart/form-data 上传，字段为 type 与 file",
                "Upload an attachment as multipart/form-data with the fields type and file",
                null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(
            operationId = "listAttachments",
            summary = "Attachments of an application, oldest first, paged / 申请的附件",
            description =
                    "可读该申请者可见：申请企业、项目主管部门的审核人员、财政、运维与管理员。 / For whoever may read the "
                            + "application: the applicant, reviewers of the programme's department, finance, operators, admins.")
    @APIResponse(responseCode = "200", description = "一页附件 / a page of attachments")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Page<AttachmentView> list(
            @PathParam("id") UUID id, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return attachments
                .list(Viewers.of(caller), id, PageRequest.of(limit, offset))
                .map(AttachmentResource::view);
    }

    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(operationId = "getAttachment", summary = "One attachment's description / 附件信息")
    @APIResponse(responseCode = "200", description = "该附件 / the attachment")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public AttachmentView get(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        return view(attachments.get(Viewers.of(caller), id, attachmentId));
    }

    @GET
    @Path("/{attachmentId}/content")
    // any Accept: the content is what it is, its type told by Content-Type (and refusals are problem documents)
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(
            operationId = "downloadAttachment",
            summary = "Download an attachment's content / 下载附件",
            description = "原样返回所存内容，Content-Type 为识别出的格式；Repr-Digest（RFC 9530）与 Digest 给出所存的 SHA-256，"
                    + "ETag 为其十六进制值，可据此校验。 / The bytes as stored, Content-Type the format found; Repr-Digest "
                    + "(RFC 9530) and Digest carry the SHA-256 stored, the ETag its hex value, to check them against.")
    @APIResponse(
            responseCode = "200",
            description = "附件内容 / the attachment's content",
            content = {
                @Content(
                        mediaType = "application/pdf",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY)),
                @Content(
                        mediaType = "image/png",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY)),
                @Content(
                        mediaType = "image/jpeg",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY)),
                @Content(
                        mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY)),
                @Content(
                        mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY)),
                @Content(
                        mediaType = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY)),
                @Content(
                        mediaType = "application/msword",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY)),
                @Content(
                        mediaType = "application/vnd.ms-excel",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", description = BINARY))
            },
            headers = {
                @Header(
                        name = "Content-Disposition",
                        description = "attachment 及文件名（filename* 为 UTF-8） / attachment and the file name "
                                + "(filename* in UTF-8)",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Repr-Digest",
                        description = "sha-256=:Base64:（RFC 9530），所存内容的 SHA-256 / sha-256=:Base64: (RFC 9530), "
                                + "the SHA-256 of the content stored",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Digest",
                        description = "sha-256=Base64（RFC 3230，旧客户端） / sha-256=Base64 (RFC 3230, older clients)",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "ETag",
                        description = "SHA-256 的十六进制值 / the SHA-256 in hex",
                        schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Response download(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        Attachment attachment = attachments.get(Viewers.of(caller), id, attachmentId);
        StreamingOutput body = out -> attachments.write(attachment, out);
        String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(attachment.sha256()));
        return Response.ok(body, attachment.format().mediaType())
                .header(HttpHeaders.CONTENT_LENGTH, attachment.size())
                .header("Content-Disposition", contentDisposition(attachment.downloadName()))
                .header("Repr-Digest", "sha-256=:" + base64 + ":")
                .header("Digest", "sha-256=" + base64)
                .header(HttpHeaders.ETAG, "\"" + attachment.sha256() + "\"")
                .build();
    }

    static AttachmentView view(Attachment a) {
        return new AttachmentView(
                a.id(),
                a.applicationId(),
                a.type(),
                a.type().label().zh(),
                a.type().label().en(),
                a.fileName(),
                a.format().name(),
                a.format().mediaType(),
                a.size(),
                a.sha256(),
                a.uploadedBy(),
                a.uploadedAt());
    }

    /** RFC 6266: an ASCII {@code filename} for old clients and the real name as {@code filename*} in UTF-8. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean attrChar = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            encoded.append(attrChar ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
