package io.grantflow.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.text.Messages;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleObjectStateException;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every refusal into RFC 9457 problem details; nothing leaks a stack trace or a framework name. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::fieldError)
                // two constraints of one field that say the same (a money amount's range and scale) are one fault
                .distinct()
                .sorted(Comparator.comparing(FieldError::field))
                .collect(Collectors.toList());
        return respond(ProblemException.badRequest(errors), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "$";
        if (e instanceof UnrecognizedPropertyException) {
            // a service that refuses unknown members (quarkus.jackson.fail-on-unknown-properties): a field
            // the caller may not set is refused by name, never silently ignored
            return respond(
                    ProblemException.invalidField(
                            field,
                            "UNKNOWN_FIELD",
                            "不接受该字段（未知字段，或调用者无权设置）",
                            "this field is not accepted (unknown, or not one the caller may set)"),
                    uri);
        }
        if (e instanceof StreamConstraintsException) {
            return respond(
                    ProblemException.invalidField(
                            field, "TOO_LARGE", "数值或文本超出允许的长度", "A number or text is longer than allowed"),
                    uri);
        }
        return respond(
                ProblemException.invalidField(
                        field,
                        "UNREADABLE",
                        "无法解析该字段（类型或格式错误）",
                        "cannot read this field (wrong type or malformed JSON)"),
                uri);
    }

    /** Overrides Quarkus's built-in mapper, which answers a type mismatch with an empty 400. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidAmount(Money.InvalidAmountException e, UriInfo uri) {
        return respond(
                ProblemException.invalidField(
                        "amount",
                        "INVALID_AMOUNT",
                        "金额须为非负且最多两位小数",
                        "An amount must be non-negative with at most two decimals"),
                uri);
    }

    /** Two people changed the same thing at once: the later one is told, nothing is half-applied. */
    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(
                ProblemException.conflict(
                        "CONCURRENT_CHANGE",
                        "该记录已被他人修改，请刷新后重试",
                        "Someone else changed this record at the same time; reload and try again"),
                uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problems.unauthorized(), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problems.forbiddenRole(), uri);
    }

    /** Anything unexpected is still a problem document, without internals. */
    @ServerExceptionMapper(priority = 20_000)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e.getCause() instanceof OptimisticLockException || e.getCause() instanceof StaleObjectStateException) {
            return concurrentChange(e, uri);
        }
        LOG.error("unexpected error", e);
        return respond(Problems.internal(), uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(ProblemException.notFound("资源", "resource", Problems.echo(uri.getPath())), uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException problem) {
            return respond(problem, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        ProblemException problem = switch (status) {
            case 401 -> Problems.unauthorized();
            case 403 -> Problems.forbiddenRole();
            case 405 -> Problems.methodNotAllowed();
            case 406 -> Problems.notAcceptable();
            case 413 -> Problems.tooLarge();
            case 415 -> Problems.unsupportedMediaType();
            default ->
                status >= 500
                        ? Problems.internal()
                        : new ProblemException(
                                status,
                                "HTTP_" + status,
                                "请求无法处理",
                                "Request not processed",
                                "请求无法处理",
                                "The request could not be processed",
                                null);
        };
        Response response = respond(problem, uri);
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                    .build();
        }
        if (status == 401) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return webApplication(e, uri);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return webApplication(e, uri);
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, UriInfo uri) {
        return webApplication(e, uri);
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "$" : Problems.echo(path);
    }

    /**
     * The field errors of violations a resource found itself (a bean it validates by hand, so that
     * its own checks join Bean Validation's in one answer), named as the mapper names them.
     */
    public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
        // a bean validated by hand has no method or parameter in its paths: the path is the field
        return violations.stream()
                .map(v ->
                        new FieldError(Problems.echo(element(v.getPropertyPath().toString())), "INVALID", message(v)))
                .distinct()
                .collect(Collectors.toList());
    }

    private static FieldError fieldError(ConstraintViolation<?> violation) {
        // Property paths look like "submit.request.facts": drop the method and parameter names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        if (parts.length == 2 && isBody(violation)) {
            field = "$"; // the body itself (missing or null): its Java name means nothing to a caller
        }
        return new FieldError(Problems.echo(element(field)), "INVALID", message(violation));
    }

    /** A list element's path reads "limits[0].<list element>": the element is the index itself. */
    private static String element(String field) {
        return field.replace(".<list element>", "")
                .replace("<list element>", "")
                .replace(".<map value>", "")
                .replace("<K>", "")
                .replace(".<map key>", "");
    }

    /**
     * The violation's message in both languages: a payload the validator attached, else the
     * bundle entry its template names ({@code "{code}"}), filled from the constraint's attributes.
     */
    static Bilingual message(ConstraintViolation<?> violation) {
        try {
            HibernateConstraintViolation<?> hibernate = violation.unwrap(HibernateConstraintViolation.class);
            Bilingual payload = hibernate.getDynamicPayload(Bilingual.class);
            if (payload != null) {
                return payload;
            }
        } catch (RuntimeException notHibernate) {
            // another provider: no payload, the template still names the message
        }
        String code = Messages.codeOf(violation.getMessageTemplate());
        Bilingual text = code == null
                ? null
                : Messages.find(code, violation.getConstraintDescriptor().getAttributes());
        if (text != null) {
            return text;
        }
        // A message written without a key (a library's constraint): shown as it is in both parts.
        LOG.warnf("constraint message without a bundle entry: %s", violation.getMessageTemplate());
        return new Bilingual(violation.getMessage(), violation.getMessage());
    }

    /** Whether the violation is on the request body: the one parameter without a JAX-RS parameter annotation. */
    private static boolean isBody(ConstraintViolation<?> violation) {
        String method = null;
        Integer index = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.getName();
            } else if (node.getKind() == ElementKind.PARAMETER) {
                index = node.as(Path.ParameterNode.class).getParameterIndex();
            }
        }
        if (method == null || index == null || violation.getRootBeanClass() == null) {
            return false;
        }
        // the root may be a generated subclass whose overriding methods carry no parameter annotations
        for (Class<?> type = violation.getRootBeanClass();
                type != null && type != Object.class;
                type = type.getSuperclass()) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (candidate.getName().equals(method)
                        && candidate.getParameterCount() > index
                        && Arrays.stream(candidate.getParameterAnnotations()[index])
                                .anyMatch(ProblemMappers::isParameter)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isParameter(Annotation a) {
        String pkg = a.annotationType().getPackageName();
        return pkg.equals("jakarta.ws.rs") || pkg.startsWith("org.jboss.resteasy");
    }

    private static Response respond(ProblemException e, UriInfo uri) {
        if (e.status() >= 500 && e.status() != 503) {
            LOG.error("server error", e);
        }
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(e.toBody(uri == null ? null : Problems.instance(uri.getPath())));
        if (e.retryAfter() > 0) {
            builder.header("Retry-After", e.retryAfter());
        }
        return builder.build();
    }
}
