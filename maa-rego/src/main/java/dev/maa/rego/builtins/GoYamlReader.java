package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML the way OPA does ({@code sigs.k8s.io/yaml} over go-yaml v2): SnakeYAML only builds
 * the node tree; plain scalars are typed with go-yaml v2's rules ({@code y}, {@code yes},
 * {@code on} are booleans, {@code 0x1F}/{@code 0o17}/{@code 017}/{@code 0b1} integers, timestamps
 * and sexagesimal numbers stay strings), map keys become strings as sigs.k8s.io/yaml makes them,
 * and only the first document is returned (later ones are parsed for syntax errors only).
 * Public for the parser's {@code # METADATA} blocks, which OPA reads with the same YAML library.
 */
public final class GoYamlReader {
    private static final Tag PLAIN = new Tag("tag:maa.dev,2026:go-plain");
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Map<String, Value> RESOLVE_MAP = Map.ofEntries(
            Map.entry("y", BooleanValue.TRUE),
            Map.entry("Y", BooleanValue.TRUE),
            Map.entry("yes", BooleanValue.TRUE),
            Map.entry("Yes", BooleanValue.TRUE),
            Map.entry("YES", BooleanValue.TRUE),
            Map.entry("true", BooleanValue.TRUE),
            Map.entry("True", BooleanValue.TRUE),
            Map.entry("TRUE", BooleanValue.TRUE),
            Map.entry("on", BooleanValue.TRUE),
            Map.entry("On", BooleanValue.TRUE),
            Map.entry("ON", BooleanValue.TRUE),
            Map.entry("n", BooleanValue.FALSE),
            Map.entry("N", BooleanValue.FALSE),
            Map.entry("no", BooleanValue.FALSE),
            Map.entry("No", BooleanValue.FALSE),
            Map.entry("NO", BooleanValue.FALSE),
            Map.entry("false", BooleanValue.FALSE),
            Map.entry("False", BooleanValue.FALSE),
            Map.entry("FALSE", BooleanValue.FALSE),
            Map.entry("off", BooleanValue.FALSE),
            Map.entry("Off", BooleanValue.FALSE),
            Map.entry("OFF", BooleanValue.FALSE),
            Map.entry("", NullValue.INSTANCE),
            Map.entry("~", NullValue.INSTANCE),
            Map.entry("null", NullValue.INSTANCE),
            Map.entry("Null", NullValue.INSTANCE),
            Map.entry("NULL", NullValue.INSTANCE));
    private static final int MAX_DEPTH = 1000;

    private GoYamlReader() {}

    /** Thrown for input go-yaml rejects or that cannot become JSON; the message is the reason. */
    static final class YamlFailure extends Exception {
        YamlFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Keeps plain untagged scalars recognisable so that go-yaml's typing can be applied to them. */
    private static final class PlainResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // none: typing happens in GoYamlReader
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            return kind == NodeId.scalar && implicit ? PLAIN : super.resolve(kind, value, implicit);
        }
    }

    /**
     * The value of {@code text} as OPA's YAML reading gives it.
     *
     * @throws IllegalArgumentException naming what go-yaml rejects
     */
    public static Value parse(String text) {
        try {
            return read(text);
        } catch (YamlFailure e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Value read(String text) throws YamlFailure {
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(
                new SafeConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options,
                new PlainResolver());
        Node first;
        try {
            Iterator<Node> docs = yaml.composeAll(new StringReader(text)).iterator();
            first = docs.hasNext() ? docs.next() : null;
            // OPA reports syntax errors in later documents too (see the conformance cases), so read them all.
            while (docs.hasNext()) {
                docs.next();
            }
        } catch (RuntimeException e) {
            throw new YamlFailure("yaml: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        return first == null ? NullValue.INSTANCE : convert(first, 0);
    }

    private static Value convert(Node node, int depth) throws YamlFailure {
        if (depth > MAX_DEPTH) {
            throw new YamlFailure("yaml: document nested too deeply (recursive alias?)");
        }
        if (node instanceof ScalarNode s) {
            return scalar(s);
        }
        if (node instanceof SequenceNode seq) {
            List<Value> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                out.add(convert(n, depth + 1));
            }
            return ArrayValue.of(out);
        }
        MappingNode map = (MappingNode) node;
        TreeMap<Value, Value> out = new TreeMap<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k
                    && k.getTag().equals(PLAIN)
                    && k.getValue().equals("<<")) {
                throw new YamlFailure("YAML merge keys (<<) are not supported by this engine");
            }
            out.put(StringValue.of(key(convert(t.getKeyNode(), depth + 1))), convert(t.getValueNode(), depth + 1));
        }
        return ObjectValue.of(out);
    }

    private static Value scalar(ScalarNode s) throws YamlFailure {
        if (s.getTag().equals(Tag.STR)) {
            return StringValue.of(s.getValue());
        }
        if (!s.getTag().equals(PLAIN)) {
            throw new YamlFailure("explicit YAML tag " + s.getTag().getValue() + " is not supported by this engine");
        }
        return resolve(s.getValue());
    }

    /** go-yaml v2's {@code resolve} for an untagged plain scalar. */
    static Value resolve(String in) throws YamlFailure {
        Value mapped = RESOLVE_MAP.get(in);
        if (mapped != null) {
            return mapped;
        }
        if (in.matches("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)")) {
            throw new YamlFailure("json: unsupported value: " + (in.contains("n") || in.contains("N") ? "NaN" : "Inf"));
        }
        char c = in.charAt(0);
        if (c == '.') {
            return floatOrString(in, in);
        }
        if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
            String plain = in.replace("_", "");
            BigInteger i = goParseInt(plain);
            if (i != null) {
                return NumberValue.of(i);
            }
            if (YAML_FLOAT.matcher(plain).matches()) {
                return floatOrString(plain, in);
            }
        }
        return StringValue.of(in);
    }

    private static Value floatOrString(String number, String original) {
        if (!YAML_FLOAT.matcher(number).matches()) {
            return StringValue.of(original);
        }
        double d = new BigDecimal(number.startsWith("+") ? number.substring(1) : number).doubleValue();
        if (Double.isInfinite(d)) {
            return StringValue.of(original);
        }
        return NumberValue.of(new BigDecimal(GoFloat.format(d, 'g', -1)));
    }

    /** {@code strconv.ParseInt(s, 0, 64)} then {@code ParseUint}, and go-yaml's {@code 0b} forms. */
    private static BigInteger goParseInt(String s) {
        boolean neg = s.startsWith("-");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        if (body.startsWith("0x") || body.startsWith("0X")) {
            radix = 16;
            body = body.substring(2);
        } else if (body.startsWith("0b") || body.startsWith("0B")) {
            radix = 2;
            body = body.substring(2);
        } else if (body.startsWith("0o") || body.startsWith("0O")) {
            radix = 8;
            body = body.substring(2);
        } else if (body.length() > 1 && body.startsWith("0")) {
            radix = 8;
            body = body.substring(1);
        }
        int base = radix;
        if (body.isEmpty() || !body.chars().allMatch(ch -> Character.digit(ch, base) >= 0 && ch < 0x80)) {
            return null;
        }
        BigInteger v = new BigInteger(body, radix);
        if (neg) {
            v = v.negate();
        }
        if (v.bitLength() > 64 || (v.signum() < 0 && v.bitLength() > 63)) {
            return null;
        }
        return v;
    }

    /** sigs.k8s.io/yaml's key conversion. */
    private static String key(Value k) throws YamlFailure {
        if (k instanceof StringValue s) {
            return s.value();
        }
        if (k instanceof BooleanValue b) {
            return Boolean.toString(b.value());
        }
        if (k instanceof NumberValue n && n.isInteger() && n.decimal().scale() <= 0) {
            return n.decimal().toBigInteger().toString();
        }
        throw new YamlFailure("unsupported map key: " + k.toJson());
    }
}
