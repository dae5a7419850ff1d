package org.openioto.core.internal.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON5 documents into plain trees: {@code Map<String,Object>} (insertion ordered),
 * {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean} and null.
 * Records where each key was written so that later checks can name file, line and column.
 */
public final class Json5 {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    /** A parsed document: its root object and where each key path was written. */
    public record Document(Map<String, Object> root, Map<String, String> origins) {
    }

    private Json5() {
    }

    /**
     * Reads the JSON5 object in {@code file}. Key origins are recorded as
     * {@code name:line:column} under their dotted path.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws ConfigException if it is not a JSON5 object; the problem names file:line:column
     */
    public static Document read(Path file) throws IOException, ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /** Reads the JSON5 object in {@code in}, naming it {@code name} in origins and errors. */
    public static Document read(InputStream in, String name) throws IOException, ConfigException {
        Map<String, String> origins = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(Problem.error(where(name, p.currentLocation()),
                        first == null ? "the file is empty; expected an object { ... }" : "expected an object { ... }"));
            }
            Map<String, Object> root = readObject(p, name, "", origins);
            if (p.nextToken() != null) {
                throw new ConfigException(Problem.error(where(name, p.currentLocation()),
                        "unexpected content after the closing }"));
            }
            return new Document(root, origins);
        } catch (StreamReadException e) {
            throw new ConfigException(Problem.error(where(name, e.getLocation()), describe(e)));
        }
    }

    private static Map<String, Object> readObject(JsonParser p, String name, String prefix,
            Map<String, String> origins) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            String path = prefix + key;
            origins.put(path, where(name, p.currentTokenLocation()));
            p.nextToken();
            map.put(key, readValue(p, name, path + ".", origins));
        }
        return map;
    }

    private static Object readValue(JsonParser p, String name, String prefix, Map<String, String> origins)
            throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return readObject(p, name, prefix, origins);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(readValue(p, name, prefix, origins));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static String where(String name, JsonLocation location) {
        return name + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    /** Jackson's message without its trailing source excerpt and location, and without a secret it quotes. */
    private static String describe(StreamReadException e) throws IOException {
        String message = e.getOriginalMessage();
        int cut = message.indexOf("\n");
        message = cut < 0 ? message : message.substring(0, cut);
        // "Unrecognized token 's3cret'" would show a token written without quotes
        String key = e.getProcessor() == null ? null : e.getProcessor().currentName();
        return key != null && ConfigText.isSecret(key, "") ? message.replaceFirst("'[^']*'", "'********'") : message;
    }
}
