package org.tonle.forms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tonle.expr.Expression;
import org.tonle.http.Responses;

/** The JSON a client receives for a form: its summary, and the full definition with groups and choices. */
public final class FormJson {

    private FormJson() {
    }

    public static JsonObject summary(Form form) {
        return new JsonObject()
                .put("id", form.id())
                .put("version", form.version())
                .put("title", Responses.text(form.title()))
                .put("languages", languages(form))
                .put("questionCount", form.questions().stream().filter(q -> q.type().takesAnswer()).count());
    }

    public static JsonObject definition(Form form) {
        JsonObject json = summary(form);
        json.remove("questionCount");
        if (form.description() != null) {
            json.put("description", Responses.text(form.description()));
        }
        json.put("defaultLanguage", form.languages().containsKey("km") ? "km" : form.languages().keySet().iterator().next());
        json.put("questions", nodes(form.layout()));
        JsonObject choices = new JsonObject();
        for (Map.Entry<String, List<Choice>> list : form.choiceLists().entrySet()) {
            JsonArray items = new JsonArray();
            for (Choice c : list.getValue()) {
                JsonObject item = new JsonObject().put("value", c.value()).put("label", Responses.text(c.label()));
                if (c.exclusive()) {
                    item.put("exclusive", true);
                }
                items.add(item);
            }
            choices.put(list.getKey(), items);
        }
        json.put("choices", choices);
        return json;
    }

    private static JsonObject languages(Form form) {
        JsonObject langs = new JsonObject();
        form.languages().forEach((lang, status) -> langs.put(lang, status.name().toLowerCase(Locale.ROOT)));
        return langs;
    }

    private static JsonArray nodes(List<FormNode> nodes) {
        JsonArray array = new JsonArray();
        for (FormNode node : nodes) {
            if (node instanceof FormNode.Group g) {
                JsonObject group = new JsonObject().put("type", "group").put("name", g.name())
                        .put("label", Responses.text(g.label()));
                putExpression(group, "relevant", g.relevant());
                group.put("questions", nodes(g.children()));
                array.add(group);
            } else {
                array.add(question((FormNode.QuestionNode) node));
            }
        }
        return array;
    }

    private static JsonObject question(FormNode.QuestionNode node) {
        Question q = node.question();
        JsonObject json = new JsonObject().put("type", q.type().code()).put("name", q.name());
        if (q.label() != null) {
            json.put("label", Responses.text(q.label()));
        }
        if (q.hint() != null) {
            json.put("hint", Responses.text(q.hint()));
        }
        if (q.required()) {
            json.put("required", true);
        }
        putExpression(json, "relevant", node.relevant());
        putExpression(json, "constraint", q.constraint());
        if (q.constraintMessage() != null) {
            json.put("constraintMessage", Responses.text(q.constraintMessage()));
        }
        putExpression(json, "calculation", q.calculation());
        if (q.choiceListName() != null) {
            json.put("choices", q.choiceListName());
        }
        if (q.consent()) {
            json.put("consent", true);
        }
        if (q.sensitive()) {
            json.put("sensitive", true);
        }
        return json;
    }

    private static void putExpression(JsonObject json, String key, Expression e) {
        if (e != null) {
            json.put(key, e.source());
        }
    }
}
