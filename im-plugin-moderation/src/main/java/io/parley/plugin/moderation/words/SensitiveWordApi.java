package io.parley.plugin.moderation.words;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.error.ImException;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RongCloud's sensitive-word endpoints: {@code /sensitiveword/add.json} ({@code word}, {@code replaceWord}?),
 * {@code /sensitiveword/batch/add.json} (JSON {@code {"words":[{"word","replaceWord"}]}}, answers
 * {@code remainQuota}), {@code /sensitiveword/delete.json} ({@code word}), {@code /sensitiveword/batch/delete.json}
 * ({@code words}, repeated) and {@code /sensitiveword/list.json} ({@code type}? 0 replace, 1 block, 2 or absent
 * all; answers {@code words:[{type, word, replaceWord}]} with {@code type} a string), and the legacy
 * {@code /wordfilter/add.json} ({@code word}: a blocking word), {@code /wordfilter/delete.json} ({@code word}) and
 * {@code /wordfilter/list.json} (answers {@code word:[…]}, the blocking words). Routes run on server-API
 * workers and block on storage.
 */
public final class SensitiveWordApi {
    /** RongCloud's limit on the words of one batch call. */
    static final int MAX_BATCH = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WordStore store;

    public SensitiveWordApi(WordStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    public List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/sensitiveword/add.json", this::add),
                new FunctionRoute("/sensitiveword/batch/add.json", this::batchAdd),
                new FunctionRoute("/sensitiveword/delete.json", this::delete),
                new FunctionRoute("/sensitiveword/batch/delete.json", this::batchDelete),
                new FunctionRoute("/sensitiveword/list.json", this::list),
                new FunctionRoute("/wordfilter/add.json", this::add),
                new FunctionRoute("/wordfilter/delete.json", this::delete),
                new FunctionRoute("/wordfilter/list.json", this::legacyList));
    }

    /**
     * {@code /wordfilter/list.json}: the blocking words added through the server API, as RongCloud's legacy shape
     * {@code word:[…]} (plain strings); {@code words} carries the same words in {@code /sensitiveword/list.json}'s
     * entry shape, which is the field SDK 3.3.1's {@code ListWordfilterResult} reads.
     */
    private ApiResponse legacyList(ApiRequest request) {
        List<String> plain = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (SensitiveWord word : store.apiWords()) {
            if (word.isBlock()) {
                plain.add(word.word());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("type", word.wireType());
                entry.put("word", word.word());
                entries.add(entry);
            }
        }
        return ApiResponse.of("word", plain, "words", entries);
    }

    /** {@code /sensitiveword/add.json}, and the legacy {@code /wordfilter/add.json} (which sends no replaceWord). */
    private ApiResponse add(ApiRequest request) {
        store.add(List.of(new SensitiveWord(request.required("word"), request.optional("replaceWord"))));
        return ApiResponse.ok();
    }

    private ApiResponse batchAdd(ApiRequest request) {
        String body = request.jsonBody().orElseThrow(() -> ImException.invalidParameter("a JSON body is required"));
        JsonNode words;
        try {
            words = JSON.readTree(body).path("words");
        } catch (JsonProcessingException e) {
            throw ImException.invalidParameter("the body is not JSON");
        }
        if (!words.isArray() || words.isEmpty()) {
            throw ImException.invalidParameter("words is required");
        }
        if (words.size() > MAX_BATCH) {
            throw ImException.invalidParameter("words holds at most " + MAX_BATCH + " entries");
        }
        List<SensitiveWord> parsed = new ArrayList<>();
        for (JsonNode entry : words) {
            String word = entry.path("word").asText("");
            if (word.isEmpty()) {
                throw ImException.invalidParameter("word is required in every entry");
            }
            String replaceWord = entry.path("replaceWord").asText("");
            parsed.add(new SensitiveWord(word, replaceWord.isEmpty() ? Optional.empty() : Optional.of(replaceWord)));
        }
        return ApiResponse.of("remainQuota", store.add(parsed));
    }

    private ApiResponse delete(ApiRequest request) {
        store.remove(List.of(request.required("word")));
        return ApiResponse.ok();
    }

    private ApiResponse batchDelete(ApiRequest request) {
        List<String> words = request.list("words");
        if (words.isEmpty()) {
            throw ImException.invalidParameter("words is required");
        }
        if (words.size() > MAX_BATCH) {
            throw ImException.invalidParameter("words holds at most " + MAX_BATCH + " entries");
        }
        store.remove(words);
        return ApiResponse.ok();
    }

    private ApiResponse list(ApiRequest request) {
        String type = request.optional("type").orElse("2");
        if (!type.equals("0") && !type.equals("1") && !type.equals("2")) {
            throw ImException.invalidParameter("type must be 0 (replace), 1 (block) or 2 (all)");
        }
        List<Map<String, Object>> words = new ArrayList<>();
        for (SensitiveWord word : store.apiWords()) {
            if (type.equals("2") || type.equals(word.wireType())) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("type", word.wireType());
                entry.put("word", word.word());
                word.replacement().ifPresent(replacement -> entry.put("replaceWord", replacement));
                words.add(entry);
            }
        }
        return ApiResponse.of("words", words);
    }
}
