package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {
    private static Object render(String template, Map<String, Object> vars) {
        return call("strings.render_template", template, vars);
    }

    @Test
    void renderTemplate_fieldsConditionalsRangesAndFunctions() {
        Map<String, Object> vars = Map.of("user", Map.of("name", "ann", "roles", List.of("a", "b")), "n", 3);
        assertThat(render("{{.user.name}} has {{len .user.roles}} roles", vars)).isEqualTo(v("ann has 2 roles"));
        assertThat(render("{{if gt .n 2}}many{{else if eq .n 1}}one{{else}}few{{end}}", vars))
                .isEqualTo(v("many"));
        assertThat(render("{{range $i, $r := .user.roles}}{{if $i}};{{end}}{{$r}}{{end}}", vars))
                .isEqualTo(v("a;b"));
        assertThat(render("{{with .user}}{{.name | printf \"%q\"}}{{end}}", vars))
                .isEqualTo(v("\"ann\""));
        assertThat(render("a {{- /* note */ -}} b {{.missing}}", vars)).isEqualTo(v("ab <undefined>"));
        assertThat(render("{{$x := index .user.roles 1}}{{$x}}{{.user.roles}}", vars))
                .isEqualTo(v("b[a b]"));
    }

    @Test
    void renderTemplate_unknownFunctionOrUnclosedBlock_isAnErrorNamingIt() {
        assertThatThrownBy(() -> render("{{nope .n}}", Map.of()))
                .isInstanceOf(BuiltinError.class)
                .hasMessageContaining("function \"nope\" not defined");
        assertThatThrownBy(() -> render("{{if .n}}x", Map.of()))
                .isInstanceOf(BuiltinError.class)
                .hasMessageContaining("unexpected EOF");
    }
}
