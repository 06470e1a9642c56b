package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import graphql.language.Argument;
import graphql.language.Definition;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumTypeExtensionDefinition;
import graphql.language.EnumValue;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputObjectTypeExtensionDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.IntValue;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.InterfaceTypeExtensionDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.OperationDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.ScalarTypeExtensionDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SchemaExtensionDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.UnionTypeExtensionDefinition;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * graphql-java documents as the objects OPA's {@code graphql.*} builtins return: the JSON of
 * gqlparser's Go structs (field names like {@code SelectionSet}) with nulls, empty arrays and
 * objects and positions pruned, as OPA prunes them.
 */
final class GraphqlAst {
    /** gqlparser's {@code ValueKind} numbers. */
    private static final int VARIABLE = 0;

    private static final int INT = 1;
    private static final int FLOAT = 2;
    private static final int STRING = 3;
    private static final int BLOCK = 4;
    private static final int BOOLEAN = 5;
    private static final int NULL = 6;
    private static final int ENUM = 7;
    private static final int LIST = 8;
    private static final int OBJECT = 9;

    private final String text;
    private final Map<String, List<VariableDefinition>> fragmentVariables;

    private GraphqlAst(String text, Map<String, List<VariableDefinition>> fragmentVariables) {
        this.text = text;
        this.fragmentVariables = fragmentVariables;
    }

    /** A pruned object builder: nulls, empty lists and empty objects are left out. */
    private static final class Obj {
        private final Map<String, Value> fields = new LinkedHashMap<>();

        Obj put(String key, Value v) {
            if (v != null
                    && !(v instanceof ArrayValue a && a.size() == 0)
                    && !(v instanceof ObjectValue o && o.size() == 0)) {
                fields.put(key, v);
            }
            return this;
        }

        Obj put(String key, String s) {
            return put(key, s == null ? null : StringValue.of(s));
        }

        Obj put(String key, boolean b) {
            return put(key, BooleanValue.of(b));
        }

        ObjectValue build() {
            return ObjectValue.ofStrings(fields);
        }
    }

    private static <T> ArrayValue list(List<T> items, Function<T, Value> f) {
        List<Value> out = new ArrayList<>();
        if (items != null) {
            for (T t : items) {
                Value v = f.apply(t);
                if (v != null && !(v instanceof ObjectValue o && o.size() == 0)) {
                    out.add(v);
                }
            }
        }
        return ArrayValue.of(out);
    }

    static ObjectValue query(Document doc, String text, Map<String, List<VariableDefinition>> fragmentVariables) {
        GraphqlAst m = new GraphqlAst(text, fragmentVariables);
        List<OperationDefinition> ops = doc.getDefinitionsOfType(OperationDefinition.class);
        List<FragmentDefinition> frags = doc.getDefinitionsOfType(FragmentDefinition.class);
        return new Obj()
                .put("Operations", list(ops, m::operation))
                .put("Fragments", list(frags, m::fragment))
                .build();
    }

    static ObjectValue schema(Document doc, String text) {
        GraphqlAst m = new GraphqlAst(text, Map.of());
        List<Value> schema = new ArrayList<>();
        List<Value> schemaExt = new ArrayList<>();
        List<Value> directives = new ArrayList<>();
        List<Value> definitions = new ArrayList<>();
        List<Value> extensions = new ArrayList<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof SchemaExtensionDefinition s) {
                schemaExt.add(m.schemaDefinition(s));
            } else if (d instanceof SchemaDefinition s) {
                schema.add(m.schemaDefinition(s));
            } else if (d instanceof DirectiveDefinition dd) {
                directives.add(m.directiveDefinition(dd));
            } else if (d instanceof TypeDefinition<?> t) {
                (isExtension(t) ? extensions : definitions).add(m.definition(t));
            }
        }
        return new Obj()
                .put("Schema", ArrayValue.of(schema))
                .put("SchemaExtension", ArrayValue.of(schemaExt))
                .put("Directives", ArrayValue.of(directives))
                .put("Definitions", ArrayValue.of(definitions))
                .put("Extensions", ArrayValue.of(extensions))
                .build();
    }

    private static boolean isExtension(TypeDefinition<?> t) {
        return t instanceof ObjectTypeExtensionDefinition
                || t instanceof InterfaceTypeExtensionDefinition
                || t instanceof UnionTypeExtensionDefinition
                || t instanceof EnumTypeExtensionDefinition
                || t instanceof InputObjectTypeExtensionDefinition
                || t instanceof ScalarTypeExtensionDefinition;
    }

    private Value operation(OperationDefinition op) {
        return new Obj()
                .put("Operation", op.getOperation().name().toLowerCase(java.util.Locale.ROOT))
                .put("Name", op.getName() == null ? "" : op.getName())
                .put("VariableDefinitions", list(op.getVariableDefinitions(), this::variable))
                .put("Directives", list(op.getDirectives(), this::directive))
                .put("SelectionSet", selections(op.getSelectionSet()))
                .build();
    }

    private Value fragment(FragmentDefinition f) {
        return new Obj()
                .put("Name", f.getName())
                .put("VariableDefinition", list(fragmentVariables.get(f.getName()), this::variable))
                .put(
                        "TypeCondition",
                        f.getTypeCondition() == null ? "" : f.getTypeCondition().getName())
                .put("Directives", list(f.getDirectives(), this::directive))
                .put("SelectionSet", selections(f.getSelectionSet()))
                .build();
    }

    private Value variable(VariableDefinition v) {
        return new Obj()
                .put("Variable", v.getName())
                .put("Type", type(v.getType()))
                .put("DefaultValue", v.getDefaultValue() == null ? null : value(v.getDefaultValue()))
                .put("Directives", list(v.getDirectives(), this::directive))
                .put("Used", false)
                .build();
    }

    private ArrayValue selections(SelectionSet set) {
        return set == null ? ArrayValue.EMPTY : list(set.getSelections(), this::selection);
    }

    private Value selection(Selection<?> s) {
        if (s instanceof graphql.language.Field f) {
            return new Obj()
                    .put("Alias", f.getAlias() == null ? f.getName() : f.getAlias())
                    .put("Name", f.getName())
                    .put("Arguments", list(f.getArguments(), this::argument))
                    .put("Directives", list(f.getDirectives(), this::directive))
                    .put("SelectionSet", selections(f.getSelectionSet()))
                    .build();
        }
        if (s instanceof FragmentSpread fs) {
            return new Obj()
                    .put("Name", fs.getName())
                    .put("Directives", list(fs.getDirectives(), this::directive))
                    .build();
        }
        InlineFragment i = (InlineFragment) s;
        return new Obj()
                .put(
                        "TypeCondition",
                        i.getTypeCondition() == null ? "" : i.getTypeCondition().getName())
                .put("Directives", list(i.getDirectives(), this::directive))
                .put("SelectionSet", selections(i.getSelectionSet()))
                .build();
    }

    private Value argument(Argument a) {
        return new Obj()
                .put("Name", a.getName())
                .put("Value", value(a.getValue()))
                .build();
    }

    private Value directive(Directive d) {
        return new Obj()
                .put("Name", d.getName())
                .put("Arguments", list(d.getArguments(), this::argument))
                .put("Location", "")
                .build();
    }

    /**
     * gqlparser's {@code Value}: its kind number, its raw text (a variable's name, a number as
     * written, a string decoded, empty for lists and objects) and its children. Its validation
     * fields are left out as in OPA's later suites (one older copy expects
     * {@code ExpectedTypeHasDefault: false}; see the conformance runner's {@code Superseded}).
     */
    private Value value(graphql.language.Value<?> v) {
        Obj o = new Obj();
        if (v instanceof VariableReference r) {
            o.put("Kind", kind(VARIABLE)).put("Raw", r.getName());
        } else if (v instanceof IntValue || v instanceof FloatValue) {
            o.put("Kind", kind(v instanceof IntValue ? INT : FLOAT)).put("Raw", numberAsWritten(v.getSourceLocation()));
        } else if (v instanceof graphql.language.StringValue s) {
            o.put("Kind", kind(isBlock(s.getSourceLocation()) ? BLOCK : STRING)).put("Raw", s.getValue());
        } else if (v instanceof graphql.language.BooleanValue b) {
            o.put("Kind", kind(BOOLEAN)).put("Raw", String.valueOf(b.isValue()));
        } else if (v instanceof graphql.language.NullValue) {
            o.put("Kind", kind(NULL)).put("Raw", "null");
        } else if (v instanceof EnumValue e) {
            o.put("Kind", kind(ENUM)).put("Raw", e.getName());
        } else if (v instanceof graphql.language.ArrayValue a) {
            o.put("Kind", kind(LIST))
                    .put("Raw", "")
                    .put(
                            "Children",
                            list(
                                    a.getValues(),
                                    x -> new Obj()
                                            .put("Name", "")
                                            .put("Value", value(x))
                                            .build()));
        } else {
            o.put("Kind", kind(OBJECT))
                    .put("Raw", "")
                    .put(
                            "Children",
                            list(
                                    ((graphql.language.ObjectValue) v).getObjectFields(),
                                    (ObjectField f) -> new Obj()
                                            .put("Name", f.getName())
                                            .put("Value", value(f.getValue()))
                                            .build()));
        }
        return o.build();
    }

    private static Value kind(int k) {
        return NumberValue.of(k);
    }

    private int offsetOf(SourceLocation at) {
        return GraphqlDocuments.offset(text, at);
    }

    private boolean isBlock(SourceLocation at) {
        return text.startsWith("\"\"\"", offsetOf(at));
    }

    /** gqlparser keeps a number's text; graphql-java's parsed value would print {@code 1e3} otherwise. */
    private String numberAsWritten(SourceLocation at) {
        int start = offsetOf(at);
        int end = start;
        while (end < text.length() && "+-.eE0123456789".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        return text.substring(start, end);
    }

    private Value type(Type<?> t) {
        if (t instanceof NonNullType nn) {
            ObjectValue inner = (ObjectValue) type(nn.getType());
            Map<String, Value> m = new LinkedHashMap<>();
            for (int i = 0; i < inner.size(); i++) {
                m.put(((StringValue) inner.keyAt(i)).value(), inner.valueAt(i));
            }
            m.put("NonNull", BooleanValue.TRUE);
            return ObjectValue.ofStrings(m);
        }
        if (t instanceof ListType l) {
            return new Obj()
                    .put("NamedType", "")
                    .put("Elem", type(l.getType()))
                    .put("NonNull", false)
                    .build();
        }
        return new Obj()
                .put("NamedType", ((TypeName) t).getName())
                .put("NonNull", false)
                .build();
    }

    private static String description(Description d) {
        return d == null ? "" : d.getContent();
    }

    private Value schemaDefinition(SchemaDefinition s) {
        return new Obj()
                .put("Description", description(s.getDescription()))
                .put("Directives", list(s.getDirectives(), this::directive))
                .put(
                        "OperationTypes",
                        list(
                                s.getOperationTypeDefinitions(),
                                (OperationTypeDefinition o) -> new Obj()
                                        .put("Operation", o.getName())
                                        .put("Type", o.getTypeName().getName())
                                        .build()))
                .build();
    }

    private Value directiveDefinition(DirectiveDefinition d) {
        return new Obj()
                .put("Description", description(d.getDescription()))
                .put("Name", d.getName())
                .put("Arguments", list(d.getInputValueDefinitions(), this::inputValue))
                .put("Locations", list(d.getDirectiveLocations(), l -> StringValue.of(l.getName())))
                .put("IsRepeatable", d.isRepeatable())
                .build();
    }

    private Value inputValue(InputValueDefinition i) {
        return new Obj()
                .put("Description", description(i.getDescription()))
                .put("Name", i.getName())
                .put("DefaultValue", i.getDefaultValue() == null ? null : value(i.getDefaultValue()))
                .put("Type", type(i.getType()))
                .put("Directives", list(i.getDirectives(), this::directive))
                .build();
    }

    private Value fieldDefinition(FieldDefinition f) {
        return new Obj()
                .put("Description", description(f.getDescription()))
                .put("Name", f.getName())
                .put("Arguments", list(f.getInputValueDefinitions(), this::inputValue))
                .put("Type", type(f.getType()))
                .put("Directives", list(f.getDirectives(), this::directive))
                .build();
    }

    private Value definition(TypeDefinition<?> t) {
        Obj o = new Obj()
                .put("Name", t.getName())
                .put("Directives", list(t.getDirectives(), this::directive))
                .put("BuiltIn", false);
        if (t instanceof ObjectTypeDefinition d) {
            o.put("Kind", "OBJECT")
                    .put("Description", description(d.getDescription()))
                    .put("Interfaces", list(d.getImplements(), x -> StringValue.of(((TypeName) x).getName())))
                    .put("Fields", list(d.getFieldDefinitions(), this::fieldDefinition));
        } else if (t instanceof InterfaceTypeDefinition d) {
            o.put("Kind", "INTERFACE")
                    .put("Description", description(d.getDescription()))
                    .put("Interfaces", list(d.getImplements(), x -> StringValue.of(((TypeName) x).getName())))
                    .put("Fields", list(d.getFieldDefinitions(), this::fieldDefinition));
        } else if (t instanceof UnionTypeDefinition d) {
            o.put("Kind", "UNION")
                    .put("Description", description(d.getDescription()))
                    .put("Types", list(d.getMemberTypes(), x -> StringValue.of(((TypeName) x).getName())));
        } else if (t instanceof EnumTypeDefinition d) {
            o.put("Kind", "ENUM")
                    .put("Description", description(d.getDescription()))
                    .put(
                            "EnumValues",
                            list(
                                    d.getEnumValueDefinitions(),
                                    (EnumValueDefinition e) -> new Obj()
                                            .put("Description", description(e.getDescription()))
                                            .put("Name", e.getName())
                                            .put("Directives", list(e.getDirectives(), this::directive))
                                            .build()));
        } else if (t instanceof InputObjectTypeDefinition d) {
            o.put("Kind", "INPUT_OBJECT")
                    .put("Description", description(d.getDescription()))
                    .put("Fields", list(d.getInputValueDefinitions(), this::inputValue));
        } else if (t instanceof ScalarTypeDefinition d) {
            o.put("Kind", "SCALAR").put("Description", description(d.getDescription()));
        }
        return o.build();
    }
}
