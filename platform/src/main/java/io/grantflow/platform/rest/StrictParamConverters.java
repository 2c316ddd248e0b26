package io.grantflow.platform.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;

/**
 * Path and query parameters of type UUID, int, long, boolean and LocalDate. JAX-RS answers a value it
 * cannot convert with 404, which hides a typo behind "not found"; a caller deserves a 400 problem
 * naming the parameter, with no more of the value than a short prefix.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked") // each branch returns a converter of exactly rawType
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, UUID::fromString, "须为UUID格式的编号", "must be a UUID");
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, Integer::valueOf, "须为整数", "must be a whole number");
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, Long::valueOf, "须为整数", "must be a whole number");
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>)
                    converter(name, StrictParamConverters::bool, "须为 true 或 false", "must be true or false");
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>)
                    converter(name, LocalDate::parse, "须为日期（YYYY-MM-DD）", "must be a date (YYYY-MM-DD)");
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, Function<String, V> parse, String zh, String en) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    if (value.length() > 64) {
                        throw new IllegalArgumentException("too long");
                    }
                    return parse.apply(value.strip());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    // the problem travels as the cause: WebApplicationExceptions pass the parameter handler as they are
                    throw new BadRequestException(ProblemException.invalidField(name, "INVALID_PARAMETER", zh, en));
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** Boolean.valueOf reads anything but "true" as false; a caller's typo deserves to be told. */
    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }
}
