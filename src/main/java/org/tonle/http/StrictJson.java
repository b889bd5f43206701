package org.tonle.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tonle.forms.CleanText;

/**
 * Request bodies read as RFC 8259 JSON and nothing more. The codec Vert.x uses accepts comments and
 * lets a repeated key silently overwrite the first, so two readers of the same body (a proxy, a
 * log, this server) could see different values; here a comment, a repeated key or anything after
 * the value is refused. Numbers come out as Jackson reads them: whole numbers as Integer, Long or
 * BigInteger, others as Double (1e309 is Infinity, which the validators refuse as out of range).
 */
public final class StrictJson {

    /** Jackson's defaults: no comments, no NaN, no single quotes; depth, number and string sizes bounded. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private StrictJson() {
    }

    /** The body's value: a JsonObject, a JsonArray, or a scalar; nested values as Vert.x keeps them (Map, List). */
    @SuppressWarnings("unchecked")
    public static Object decode(Buffer body) {
        try (JsonParser parser = FACTORY.createParser(body.getBytes())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new DecodeException("empty body");
            }
            Object value = value(parser, first);
            if (parser.nextToken() != null) {
                throw new DecodeException("more than one JSON value in the body");
            }
            return value instanceof Map<?, ?> map ? new JsonObject((Map<String, Object>) map)
                    : value instanceof List<?> list ? new JsonArray(list) : value;
        } catch (IOException e) {
            throw new DecodeException("not JSON", e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new DecodeException("unexpected " + token);
        }
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Object value = value(parser, parser.nextToken());
            if (map.containsKey(key)) {
                throw Problem.invalid("the key '" + CleanText.shown(key) + "' appears twice in one object",
                        "សោ '" + CleanText.shown(key) + "' មានពីរដងក្នុងវត្ថុតែមួយ");
            }
            map.put(key, value);
        }
        return map;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            list.add(value(parser, t));
        }
        return list;
    }
}
