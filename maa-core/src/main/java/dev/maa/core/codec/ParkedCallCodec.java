package dev.maa.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.maa.api.Operation;
import dev.maa.api.PayloadIntegrityException;
import dev.maa.api.UnsupportedArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parks calls as canonical JSON and reads them back; the only way arguments are ever persisted.
 *
 * <p>Payload shape (keys sorted, no whitespace, BigDecimal plain, java.time values as ISO strings):
 * <pre>{@code {"args":[{"name":"app","type":"com.acme.App","value":{...}}],
 *   "operation":{"class":"com.acme.Apps","method":"create","parameterTypes":["com.acme.App"]},"v":1}}</pre>
 * Each argument carries an explicit type descriptor: the declared generic type of the parameter, or the
 * runtime class when it differs (then {@code declared} records the parameter's type, informational only).
 *
 * <p>Why not Java serialization or Jackson default typing: both let the stored bytes choose which classes to
 * instantiate. Here every class name read from a payload is checked against the {@link TypeAllowList} before
 * {@code Class.forName}, and Jackson only ever instantiates the declared types of allowed classes.
 *
 * <p>Park-time checks: every argument's type (and every type reachable through its properties) must be
 * allowed, and the argument must survive a JSON round trip byte for byte; otherwise
 * {@link UnsupportedArgumentException} names the parameter, its type and the setting that allows it.
 */
public final class ParkedCallCodec {

    private static final int VERSION = 1;

    private final TypeAllowList allowList;
    private final ClassLoader classLoader;
    private final JsonMapper mapper;
    private final TypeFactory types;
    private final TypeRules rules;

    private ParkedCallCodec(TypeAllowList allowList, ClassLoader classLoader) {
        this.allowList = allowList;
        this.classLoader = classLoader;
        this.mapper = canonicalMapper(allowList);
        this.types = mapper.getTypeFactory().withClassLoader(classLoader);
        this.rules = new TypeRules(allowList, mapper);
    }

    public static ParkedCallCodec of(TypeAllowList allowList, ClassLoader classLoader) {
        return new ParkedCallCodec(
                Objects.requireNonNull(allowList, "allowList"), Objects.requireNonNull(classLoader, "classLoader"));
    }

    /** A codec allowing the JDK value types plus {@code packages}, loading classes from this class's loader. */
    public static ParkedCallCodec allowing(String... packages) {
        return of(TypeAllowList.withPackages(List.of(packages)), ParkedCallCodec.class.getClassLoader());
    }

    public TypeAllowList allowList() {
        return allowList;
    }

    /** SHA-256 of the payload's UTF-8 bytes, lower-case hex. */
    public static String digest(String payload) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Parks a call.
     *
     * @throws UnsupportedArgumentException if an argument cannot be parked; nothing has been stored
     */
    public ParkedCall encode(Method method, Object[] args) {
        Operation operation = operation(method);
        Parameter[] params = method.getParameters();
        if (args.length != params.length) {
            throw new IllegalArgumentException(
                    operation.signature() + " takes " + params.length + " arguments, got " + args.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("args");
            for (int i = 0; i < args.length; i++) {
                writeArgument(g, method, operation, params[i], i, args[i]);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("operation");
            g.writeStringField("class", operation.className());
            g.writeStringField("method", operation.methodName());
            g.writeArrayFieldStart("parameterTypes");
            for (String t : operation.parameterTypes()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeNumberField("v", VERSION);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UnsupportedArgumentException(
                    "Cannot park a call of " + operation.signature() + ": " + e.getMessage(), e);
        }
        String payload = out.toString(StandardCharsets.UTF_8);
        return new ParkedCall(operation, payload, digest(payload));
    }

    private void writeArgument(
            JsonGenerator g, Method method, Operation operation, Parameter param, int index, Object value)
            throws IOException {
        String name = param.isNamePresent() ? param.getName() : "arg" + index;
        JavaType declared = types.constructType(method.getGenericParameterTypes()[index]);
        JavaType use = declared;
        if (value != null && !declared.isPrimitive() && !declared.isContainerType()) {
            Class<?> runtime = value.getClass();
            if (runtime.getSuperclass() != null && runtime.getSuperclass().isEnum()) {
                runtime = runtime.getSuperclass();
            }
            if (runtime != declared.getRawClass()) {
                use = types.constructType(runtime);
            }
        }
        String problem = rules.problem(use).orElse(null);
        byte[] valueBytes = null;
        if (problem == null) {
            try {
                valueBytes = mapper.writerFor(use).writeValueAsBytes(value);
                byte[] again = mapper.writerFor(use)
                        .writeValueAsBytes(mapper.readerFor(use).readValue(valueBytes));
                if (!Arrays.equals(valueBytes, again)) {
                    problem = "it does not read back as written (" + new String(valueBytes, StandardCharsets.UTF_8)
                            + " became " + new String(again, StandardCharsets.UTF_8) + "); give the type a creator"
                            + " for every property, e.g. make it a record";
                }
            } catch (IOException | RuntimeException e) {
                problem = "it cannot be written and read back as JSON ("
                        + e.getMessage().lines().findFirst().orElse("") + "); make it a record or a plain value type";
            }
        }
        if (problem != null) {
            throw new UnsupportedArgumentException("Cannot park argument '" + name + "' (parameter " + index + " of "
                    + operation.signature() + ", type " + TypeRules.describe(use) + "): " + problem
                    + ". Nothing was stored.");
        }
        g.writeStartObject();
        if (use != declared) {
            g.writeStringField("declared", TypeRules.describe(declared));
        }
        g.writeStringField("name", name);
        g.writeStringField("type", TypeRules.describe(use));
        g.writeFieldName("value");
        g.writeRawValue(new String(valueBytes, StandardCharsets.UTF_8));
        g.writeEndObject();
    }

    /**
     * Reads a parked call back, after checking its digest. Every type named in the payload is checked against the
     * allow-list before any class is loaded.
     *
     * @throws PayloadIntegrityException    if the payload's digest is not {@code expectedDigest}
     * @throws UnsupportedArgumentException if the payload names a type outside the allow-list, or is malformed
     */
    public DecodedCall decode(String requestId, String payload, String expectedDigest) {
        String actual = digest(payload);
        if (!actual.equals(expectedDigest)) {
            throw new PayloadIntegrityException(requestId, expectedDigest, actual);
        }
        try (JsonParser p = mapper.createParser(payload)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, requestId);
            List<Object> args = new ArrayList<>();
            Operation operation = null;
            int version = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "args" -> readArgs(p, requestId, args);
                    case "operation" -> operation = readOperation(mapper.readTree(p), requestId);
                    case "v" -> version = p.getIntValue();
                    default -> throw malformed(requestId, "unknown field '" + field + "'");
                }
            }
            if (version != VERSION || operation == null) {
                throw malformed(
                        requestId, "version " + version + " or operation missing; this build reads version " + VERSION);
            }
            return new DecodedCall(operation, args);
        } catch (IOException e) {
            throw malformed(requestId, e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void readArgs(JsonParser p, String requestId, List<Object> args) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, requestId);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            boolean hasValue = false;
            Object value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "declared" -> p.getText();
                    case "name" -> name = p.getText();
                    case "type" -> type = p.getText();
                    case "value" -> {
                        if (type == null) {
                            throw malformed(requestId, "argument " + args.size() + " has a value before its type");
                        }
                        value = mapper.readerFor(resolve(type, name, requestId)).readValue(p);
                        hasValue = true;
                    }
                    default -> throw malformed(requestId, "unknown argument field '" + field + "'");
                }
            }
            if (!hasValue) {
                throw malformed(requestId, "argument " + args.size() + " has no value");
            }
            args.add(value);
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY, requestId);
    }

    /** Resolves a type descriptor: every name is checked against the allow-list first, then loaded. */
    JavaType resolve(String descriptor, String argName, String requestId) {
        TypeDescriptor d;
        try {
            d = TypeDescriptor.parse(descriptor);
        } catch (IllegalArgumentException e) {
            throw malformed(requestId, e.getMessage());
        }
        List<String> names = new ArrayList<>();
        d.names(names);
        for (String n : names) {
            if (!allowList.allows(n)) {
                throw new UnsupportedArgumentException("Refusing parked call of request " + requestId + ": argument '"
                        + argName + "' names type " + n + ", which is not on the parked-call allow-list " + allowList
                        + "; the class was not loaded. If the request is genuine, allow the package with"
                        + " MaaEngine.builder().allowPackages(...); otherwise investigate who wrote it.");
            }
        }
        JavaType t = build(d, requestId);
        rules.problem(t).ifPresent(problem -> {
            throw new UnsupportedArgumentException(
                    "Refusing parked call of request " + requestId + ": argument '" + argName + "': " + problem + ".");
        });
        return t;
    }

    private JavaType build(TypeDescriptor d, String requestId) {
        JavaType t;
        int n = d.parameters().size();
        switch (d.name()) {
            case "java.util.List", "java.util.Set", "java.util.Optional" -> {
                if (n != 1) {
                    throw malformed(requestId, d.name() + " needs one type parameter in " + d);
                }
                JavaType e = build(d.parameters().get(0), requestId);
                t = d.name().equals("java.util.Optional")
                        ? types.constructReferenceType(java.util.Optional.class, e)
                        : types.constructCollectionType(d.name().equals("java.util.List") ? List.class : Set.class, e);
            }
            case "java.util.Map" -> {
                if (n != 2) {
                    throw malformed(requestId, "java.util.Map needs two type parameters in " + d);
                }
                t = types.constructMapType(
                        Map.class,
                        build(d.parameters().get(0), requestId),
                        build(d.parameters().get(1), requestId));
            }
            default -> {
                if (n != 0) {
                    throw malformed(requestId, "type parameters are only supported on List, Set, Map, Optional: " + d);
                }
                t = types.constructType(load(d.name(), requestId));
            }
        }
        for (int i = 0; i < d.arrayDimensions(); i++) {
            t = types.constructArrayType(t);
        }
        return t;
    }

    private Class<?> load(String name, String requestId) {
        switch (name) {
            case "boolean":
                return boolean.class;
            case "byte":
                return byte.class;
            case "short":
                return short.class;
            case "int":
                return int.class;
            case "long":
                return long.class;
            case "char":
                return char.class;
            case "float":
                return float.class;
            case "double":
                return double.class;
            default:
                try {
                    return Class.forName(name, false, classLoader);
                } catch (ClassNotFoundException e) {
                    throw new UnsupportedArgumentException(
                            "Cannot read parked call of request " + requestId + ": class " + name
                                    + " is not on this JVM's class path; complete it on a node that has it.",
                            e);
                }
        }
    }

    private static Operation readOperation(JsonNode node, String requestId) {
        if (!node.isObject()
                || !node.path("class").isTextual()
                || !node.path("method").isTextual()) {
            throw malformed(requestId, "operation must name class and method");
        }
        List<String> params = new ArrayList<>();
        node.path("parameterTypes").forEach(t -> params.add(t.asText()));
        return new Operation(node.get("class").asText(), node.get("method").asText(), params);
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String requestId) {
        if (actual != expected) {
            throw malformed(
                    requestId,
                    "expected " + expected + " but found " + actual + " at "
                            + p.currentLocation().getCharOffset());
        }
    }

    private static UnsupportedArgumentException malformed(String requestId, String why) {
        return new UnsupportedArgumentException("Cannot read parked call of request " + requestId + ": " + why
                + ". The payload is malformed; verify the audit log and check the store.");
    }

    private static Operation operation(Method m) {
        return dev.maa.core.internal.ProtectedMethodsSupport.operation(m);
    }

    private static JsonMapper canonicalMapper(TypeAllowList allowList) {
        SimpleModule collections = new SimpleModule("maa-canonical-collections");
        collections.addAbstractTypeMapping(Set.class, LinkedHashSet.class);
        collections.addAbstractTypeMapping(Map.class, LinkedHashMap.class);
        collections.addSerializer(new CanonicalSetSerializer());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(collections)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
                .polymorphicTypeValidator(new AllowListTypeValidator(allowList))
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /** Even {@code @JsonTypeInfo} on a host class can only name allowed classes. */
    private static final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {
        private static final long serialVersionUID = 1L;
        private final transient TypeAllowList allowList;

        AllowListTypeValidator(TypeAllowList allowList) {
            this.allowList = allowList;
        }

        @Override
        public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
            return allowList.allows(subClassName) ? Validity.ALLOWED : Validity.DENIED;
        }

        @Override
        public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
            return allowList.allows(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
        }
    }
}
