package dev.maa.rego.builtins;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gqlparser's wording of a query validation error graphql-java found, for {@code graphql.parse}
 * (which raises it): only where graphql-java reports a single error of a kind worded here, so that
 * gqlparser's first error is that one. Everything else stays graphql-java's and is refused by the
 * caller.
 */
final class GraphqlValidationErrors {
    private static final Pattern MISSING_ARGUMENT = Pattern.compile("Missing field argument '([^']+)'");

    private GraphqlValidationErrors() {}

    /** gqlparser's message ({@code ... in GraphQL query string at location L:C}), or null. */
    static String gqlparserMessage(GraphQLSchema schema, Document query, List<ValidationError> errors) {
        if (errors.size() != 1
                || errors.get(0).getLocations() == null
                || errors.get(0).getLocations().size() != 1) {
            return null;
        }
        ValidationError e = errors.get(0);
        SourceLocation at = e.getLocations().get(0);
        String message = null;
        if (e.getValidationErrorType() == ValidationErrorType.MissingFieldArgument) {
            Matcher m = MISSING_ARGUMENT.matcher(e.getDescription());
            Field field = fieldAt(query, at);
            String type = field == null || !m.find() ? null : argumentType(schema, field.getName(), m.group(1));
            if (type != null) {
                message = "Field \"" + field.getName() + "\" argument \"" + m.group(1) + "\" of type \"" + type
                        + "\" is required, but it was not provided";
            }
        }
        return message == null
                ? null
                : message + " in GraphQL query string at location " + at.getLine() + ":" + at.getColumn();
    }

    /** The argument's type as gqlparser prints it, when every field of that name agrees on it. */
    private static String argumentType(GraphQLSchema schema, String fieldName, String argument) {
        Set<String> types = new TreeSet<>();
        for (var t : schema.getAllTypesAsList()) {
            if (t instanceof GraphQLFieldsContainer c) {
                GraphQLFieldDefinition f = c.getFieldDefinition(fieldName);
                GraphQLArgument arg = f == null ? null : f.getArgument(argument);
                if (arg != null) {
                    types.add(GraphQLTypeUtil.simplePrint(arg.getType()));
                }
            }
        }
        return types.size() == 1 ? types.iterator().next() : null;
    }

    private static Field fieldAt(Document doc, SourceLocation at) {
        for (var d : doc.getDefinitions()) {
            SelectionSet set = d instanceof OperationDefinition o
                    ? o.getSelectionSet()
                    : d instanceof FragmentDefinition f ? f.getSelectionSet() : null;
            Field found = fieldAt(set, at);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Field fieldAt(SelectionSet set, SourceLocation at) {
        if (set == null) {
            return null;
        }
        for (Node<?> s : set.getSelections()) {
            if (s instanceof Field f && at.equals(f.getSourceLocation())) {
                return f;
            }
            SelectionSet inner = s instanceof Field f
                    ? f.getSelectionSet()
                    : s instanceof InlineFragment i ? i.getSelectionSet() : null;
            Field found = fieldAt(inner, at);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
