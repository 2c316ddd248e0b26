package io.grantflow.platform.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.grantflow.platform.text.Messages;
import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Bean Validation constraint a service declares names its message by a code of the
 * bilingual bundle ({@code message = "{code}"}), and the bundle holds that code in both
 * languages: a request refused for that constraint then reads in Chinese and English.
 */
public final class ConstraintMessages {
    private ConstraintMessages() {}

    /** The constraints of {@code servicePackage} whose message is not a code of the bundle, as "where: template". */
    public static List<String> unknown(String servicePackage) {
        List<String> found = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage)) {
            Class<?> type = c.reflect();
            inspect(type.getName(), type, found);
            for (Field f : type.getDeclaredFields()) {
                inspect(type.getName() + "." + f.getName(), f, found);
                inspect(type.getName() + "." + f.getName(), f.getAnnotatedType(), found);
            }
            if (type.isRecord()) {
                for (RecordComponent rc : type.getRecordComponents()) {
                    inspect(type.getName() + "." + rc.getName(), rc, found);
                    inspect(type.getName() + "." + rc.getName(), rc.getAnnotatedType(), found);
                }
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
            executables.addAll(List.of(type.getDeclaredConstructors()));
            for (Executable e : executables) {
                String where = type.getName() + "." + e.getName();
                if (e instanceof Method m) {
                    inspect(where, m, found);
                }
                for (Parameter p : e.getParameters()) {
                    inspect(where + "(" + p.getName() + ")", p, found);
                    inspect(where + "(" + p.getName() + ")", p.getAnnotatedType(), found);
                }
            }
        }
        return found;
    }

    private static void inspect(String where, AnnotatedElement element, List<String> found) {
        for (Annotation a : element.getDeclaredAnnotations()) {
            check(where, a, found);
        }
    }

    private static void inspect(String where, AnnotatedType type, List<String> found) {
        inspect(where, (AnnotatedElement) type, found);
        if (type instanceof AnnotatedParameterizedType parameterized) {
            for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                inspect(where + "<>", argument, found);
            }
        }
    }

    private static void check(String where, Annotation a, List<String> found) {
        Class<? extends Annotation> kind = a.annotationType();
        if (kind.isAnnotationPresent(Constraint.class)) {
            String template = message(a);
            String code = Messages.codeOf(template);
            if (code == null || !Messages.codes().contains(code)) {
                found.add(where + " @" + kind.getSimpleName() + ": " + template);
            }
            return;
        }
        // a container of repeated constraints (@Pattern.List) holds them in value()
        try {
            Method value = kind.getMethod("value");
            if (value.getReturnType().isArray()
                    && value.getReturnType().getComponentType().isAnnotation()) {
                for (Annotation inner : (Annotation[]) value.invoke(a)) {
                    check(where, inner, found);
                }
            }
        } catch (NoSuchMethodException notAContainer) {
            // nothing to look into
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(Annotation a) {
        try {
            return (String) a.annotationType().getMethod("message").invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(a + " has no message()", e);
        }
    }
}
