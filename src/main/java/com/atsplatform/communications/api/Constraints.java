package com.atsplatform.communications.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import com.atsplatform.communications.problem.Problem;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The Jakarta Bean Validation constraints the API declares (on resource method parameters, on the
 * components of the request records, on their list elements, and {@code @AssertTrue} methods), checked
 * with the same meaning and default messages, without a Bean Validation provider: Hibernate
 * Validator built the metadata of every constrained class at start-up, the longest single step of
 * it. Here a class's constraints are read on its first request and kept. The same annotations feed
 * the OpenAPI document, so what it documents is what is checked.
 * <p>
 * Supported: {@code NotNull}, {@code NotBlank}, {@code NotEmpty}, {@code Size}, {@code Min}, {@code Max},
 * {@code Pattern}, {@code Email}, {@code AssertTrue} and {@code Valid} on records; any other
 * constraint on a checked element is an error at its first use, not a silently skipped rule.
 */
final class Constraints {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();
    private static final String ATOM = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+";
    private static final String LABEL = "[a-zA-Z0-9\\u0080-\\uFFFF]([a-zA-Z0-9\\u0080-\\uFFFF-]{0,61}[a-zA-Z0-9\\u0080-\\uFFFF])?";
    private static final Pattern EMAIL = Pattern.compile("(" + ATOM + "(\\." + ATOM + ")*)@(" + LABEL + "(\\." + LABEL + ")*)");

    private static final Map<Method, Constraints> METHODS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, List<Element>> RECORDS = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** One checked value: its field name, its constraints, those of its list elements, and whether it cascades. */
    private record Element(String field, Method read, List<Annotation> constraints, List<Annotation> elementConstraints, boolean cascade) {
    }

    private final List<Element> parameters;

    private Constraints(List<Element> parameters) {
        this.parameters = parameters;
    }

    static Constraints of(Method method) {
        return METHODS.computeIfAbsent(method, Constraints::read);
    }

    /** Every broken constraint of a call with these arguments, by field name. */
    List<Problem.FieldError> violations(Object[] arguments) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Element parameter = parameters.get(i);
            check(parameter, arguments[i], parameter.field(), errors);
            if (parameter.cascade() && arguments[i] != null) {
                // A body's fields are named from its root, as they are written in the JSON.
                checkRecord(arguments[i], "", errors);
            }
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return errors;
    }

    private static Constraints read(Method method) {
        List<Element> parameters = new ArrayList<>();
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            parameters.add(new Element(parameterName(parameter), null, constraints(parameter.getAnnotations()), List.of(),
                    parameter.isAnnotationPresent(Valid.class)));
        }
        return new Constraints(parameters);
    }

    private static String parameterName(java.lang.reflect.Parameter parameter) {
        QueryParam query = parameter.getAnnotation(QueryParam.class);
        PathParam path = parameter.getAnnotation(PathParam.class);
        HeaderParam header = parameter.getAnnotation(HeaderParam.class);
        String name = query != null ? query.value() : path != null ? path.value() : header != null ? header.value() : parameter.getName();
        return header != null ? name : SNAKE_CASE.translate(name);
    }

    private static void check(Element element, Object value, String field, List<Problem.FieldError> errors) {
        for (Annotation constraint : element.constraints()) {
            String message = violation(constraint, value);
            if (message != null) {
                errors.add(new Problem.FieldError(field, message));
            }
        }
        if (value instanceof List<?> list) {
            for (int index = 0; index < list.size(); index++) {
                for (Annotation constraint : element.elementConstraints()) {
                    String message = violation(constraint, list.get(index));
                    if (message != null) {
                        errors.add(new Problem.FieldError(field + "[" + index + "]", message));
                    }
                }
            }
        }
    }

    private static void checkRecord(Object value, String prefix, List<Problem.FieldError> errors) {
        for (Element component : RECORDS.computeIfAbsent(value.getClass(), Constraints::components)) {
            Object componentValue = invoke(component.read(), value);
            check(component, componentValue, prefix + component.field(), errors);
            if (component.cascade() && componentValue != null) {
                checkRecord(componentValue, prefix + component.field() + ".", errors);
            }
        }
    }

    /** A record's components and its {@code @AssertTrue} methods. */
    private static List<Element> components(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException("@Valid is supported on records only: " + type.getName());
        }
        List<Element> elements = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true); // a request record need not be public
            elements.add(new Element(SNAKE_CASE.translate(component.getName()), accessor, constraints(accessor.getAnnotations()),
                    elementConstraints(component.getAnnotatedType()), accessor.isAnnotationPresent(Valid.class)));
        }
        for (Method method : type.getDeclaredMethods()) {
            AssertTrue assertion = method.getAnnotation(AssertTrue.class);
            if (assertion != null && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())) {
                method.setAccessible(true);
                String property = method.getName().replaceFirst("^(is|get)", "");
                elements.add(new Element(SNAKE_CASE.translate(Character.toLowerCase(property.charAt(0)) + property.substring(1)), method,
                        List.of(assertion), List.of(), false));
            }
        }
        return elements;
    }

    private static List<Annotation> elementConstraints(AnnotatedType type) {
        if (type instanceof AnnotatedParameterizedType parameterized && parameterized.getAnnotatedActualTypeArguments().length == 1) {
            return constraints(parameterized.getAnnotatedActualTypeArguments()[0].getAnnotations());
        }
        return List.of();
    }

    private static List<Annotation> constraints(Annotation[] annotations) {
        return Arrays.stream(annotations).filter(annotation -> {
            Class<? extends Annotation> type = annotation.annotationType();
            if (!type.getPackageName().equals(NotNull.class.getPackageName())) {
                return false;
            }
            if (type != AssertTrue.class && type != NotNull.class && type != NotBlank.class && type != NotEmpty.class && type != Size.class
                    && type != Min.class && type != Max.class && type != jakarta.validation.constraints.Pattern.class && type != Email.class) {
                throw new IllegalStateException("Constraint not supported by Constraints: " + type.getName());
            }
            return true;
        }).toList();
    }

    /** The message of the broken constraint, or null when {@code value} satisfies it. */
    private static String violation(Annotation constraint, Object value) {
        if (constraint instanceof NotNull notNull) {
            return value == null ? message(notNull.message(), "must not be null") : null;
        }
        if (constraint instanceof NotBlank notBlank) {
            return value == null || value.toString().isBlank() ? message(notBlank.message(), "must not be blank") : null;
        }
        if (constraint instanceof NotEmpty notEmpty) {
            return value == null || size(value) == 0 ? message(notEmpty.message(), "must not be empty") : null;
        }
        if (value == null) {
            return null; // every other constraint holds for a missing value
        }
        if (constraint instanceof AssertTrue assertion) {
            return Boolean.TRUE.equals(value) ? null : message(assertion.message(), "must be true");
        }
        if (constraint instanceof Size size) {
            int length = size(value);
            return length < size.min() || length > size.max()
                    ? message(size.message(), "size must be between " + size.min() + " and " + size.max())
                    : null;
        }
        if (constraint instanceof Min min) {
            return ((Number) value).longValue() < min.value() ? message(min.message(), "must be greater than or equal to " + min.value()) : null;
        }
        if (constraint instanceof Max max) {
            return ((Number) value).longValue() > max.value() ? message(max.message(), "must be less than or equal to " + max.value()) : null;
        }
        if (constraint instanceof jakarta.validation.constraints.Pattern pattern) {
            boolean matches = PATTERNS.computeIfAbsent(pattern.regexp(), Pattern::compile).matcher(value.toString()).matches();
            return matches ? null : message(pattern.message(), "must match \"" + pattern.regexp() + "\"");
        }
        if (constraint instanceof Email email) {
            return value.toString().isEmpty() || wellFormedEmail(value.toString()) ? null
                    : message(email.message(), "must be a well-formed email address");
        }
        throw new IllegalStateException("Constraint not supported: " + constraint);
    }

    private static boolean wellFormedEmail(String address) {
        var matcher = EMAIL.matcher(address);
        return matcher.matches() && matcher.group(1).length() <= 64 && matcher.group(3).length() <= 255;
    }

    private static int size(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        throw new IllegalStateException("No size for " + value.getClass().getName());
    }

    /** The constraint's own message, or the default one when it keeps Bean Validation's template. */
    private static String message(String declared, String fallback) {
        return declared.startsWith("{jakarta.validation.constraints.") ? fallback : declared;
    }

    private static Object invoke(Method read, Object target) {
        try {
            return read.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
