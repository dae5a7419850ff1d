package org.openioto.cloud.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to and from plain Java values, on jackson-core's streaming API: objects become
 * {@code Map<String, Object>} (in document order), arrays {@code List<Object>}, and scalars
 * {@code String}, {@code Long}/{@code BigInteger}, {@code Double}/{@code BigDecimal},
 * {@code Boolean} or {@code null}. Thread-safe.
 */
public final class Json {

    /** Thrown for input that is not one well-formed JSON value, or is too large or too deep. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    // Request bodies are small documents; a deep nesting limit stops stack-exhausting input.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private Json() {
    }

    /**
     * Parses {@code bytes} (UTF-8) as a single JSON value.
     *
     * @throws MalformedException if it is not exactly one JSON value or exceeds {@code maxBytes}
     */
    public static Object parse(byte[] bytes, int maxBytes) throws MalformedException {
        if (bytes.length > maxBytes) {
            throw new MalformedException("JSON document larger than " + maxBytes + " bytes");
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() == null) {
                throw new MalformedException("Empty JSON document");
            }
            Object value = read(p);
            if (p.nextToken() != null) {
                throw new MalformedException("Unexpected data after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedException("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to read
        }
    }

    /** Parses {@code bytes} and requires a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] bytes, int maxBytes) throws MalformedException {
        Object value = parse(bytes, maxBytes);
        if (!(value instanceof Map)) {
            throw new MalformedException("A JSON object was expected");
        }
        return (Map<String, Object>) value;
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("Unexpected token " + t);
        }
    }

    /** Writes {@code value} (a map, list, string, number, boolean or null, nested freely) as UTF-8 JSON. */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
        }
    }
}
