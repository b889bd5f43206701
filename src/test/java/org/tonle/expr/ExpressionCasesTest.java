package org.tonle.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the shared expression cases (also run by the browser evaluator) against the Java evaluator. */
class ExpressionCasesTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = ExpressionCasesTest.class.getResourceAsStream("/expression-cases.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> all = new ArrayList<>();
            root.get("cases").forEach(all::add);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("every shared case evaluates to its expected value, or fails to parse when it should")
    void sharedCase(JsonNode c) {
        String source = c.get("expression").asText();
        if (c.path("error").asBoolean(false)) {
            assertThatThrownBy(() -> Expression.parse(source)).isInstanceOf(ExpressionException.class);
            return;
        }
        Map<String, Object> answers = new HashMap<>();
        c.get("answers").fields().forEachRemaining(e -> answers.put(e.getKey(), value(e.getValue())));
        Object current = c.has("current") ? value(c.get("current")) : null;
        Object actual = Expression.parse(source).evaluate(Evaluator.Scope.withCurrent(answers::get, current));
        JsonNode expected = c.get("expected");
        if (expected.isNull()) {
            assertThat(actual == null || Values.string(actual).isEmpty()).as("%s is empty", actual).isTrue();
        } else if (expected.isBoolean()) {
            assertThat(actual).isEqualTo(expected.asBoolean());
        } else if (expected.isNumber()) {
            assertThat(Values.number(actual)).isEqualTo(expected.asDouble());
        } else {
            assertThat(Values.string(actual)).isEqualTo(expected.asText());
        }
    }

    @Test
    @DisplayName("a parse error names the position and the expression")
    void parseErrorNamesPosition() {
        assertThatThrownBy(() -> Expression.parse("${age} >= 15 and"))
                .hasMessageContaining("position 17")
                .hasMessageContaining("${age} >= 15 and");
    }

    @Test
    @DisplayName("an expression lists the questions it reads, and whether it reads its own answer")
    void references() {
        Expression e = Expression.parse(". <= ${age} and selected(${skills}, 'none') or ${age} > 3");
        assertThat(e.references()).containsExactly("age", "skills");
        assertThat(e.readsCurrent()).isTrue();
        assertThat(Expression.parse("${order} = 1").readsCurrent()).isFalse();
    }

    private static Object value(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            return items;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asText();
    }
}
