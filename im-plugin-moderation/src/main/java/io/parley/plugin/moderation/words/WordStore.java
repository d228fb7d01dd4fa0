package io.parley.plugin.moderation.words;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.moderation.common.ModerationErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sensitive words: those managed through the server API (kept in metadata namespace
 * {@code moderation.words}) plus those of the optional word-list file. It holds the current
 * {@link WordMatcher}, rebuilt and swapped atomically whenever either source changes, so readers on the hot
 * path never wait and never see a half-built list.
 *
 * <p>{@link #matcher()} is non-blocking. Changes ({@link #add}, {@link #remove}, {@link #reloadFileIfChanged})
 * block on storage or the file, are serialised on this object, and are called from server-API workers and
 * the shared scheduler.
 */
public final class WordStore {
    static final String NAMESPACE = "moderation.words";
    private static final System.Logger LOG = System.getLogger(WordStore.class.getName());

    private final MetadataStore metadata;
    private final WordsConfig config;
    private final Map<String, SensitiveWord> apiWords = new TreeMap<>();
    private List<SensitiveWord> fileWords = List.of();
    private FileTime fileTime;
    private long fileSize = -1;
    private volatile WordMatcher matcher;

    /** Loads the stored words and the file. A file that cannot be read fails startup. */
    public WordStore(MetadataStore metadata, WordsConfig config) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.config = requireNonNull(config, "config is null");
        synchronized (this) {
            metadata.scan(NAMESPACE, "").forEach((word, value) -> apiWords.put(word, decode(word, value)));
            if (!reloadFileIfChanged()) {
                rebuild();
            }
        }
    }

    /** The current automaton. Non-blocking. */
    public WordMatcher matcher() {
        return matcher;
    }

    /** Checks the word-list file every {@code reload-interval} on {@code scheduler}. */
    public void scheduleReload(ScheduledExecutorService scheduler) {
        if (config.file().isPresent()) {
            long millis = config.reloadInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Adds or updates words managed through the server API; returns how many more may be added.
     * Throws {@code SENSITIVE_WORD_LIMIT} (1019) when the list would exceed {@code max-words}.
     */
    public synchronized int add(Collection<SensitiveWord> words) {
        long added = words.stream().map(SensitiveWord::word).distinct().filter(word -> !apiWords.containsKey(word)).count();
        if (apiWords.size() + added > config.maxWords()) {
            throw new ImException(ModerationErrorCode.SENSITIVE_WORD_LIMIT,
                    "the sensitive-word list holds at most " + config.maxWords() + " words");
        }
        for (SensitiveWord word : words) {
            metadata.put(NAMESPACE, word.word(), encode(word));
            apiWords.put(word.word(), word);
        }
        rebuild();
        return config.maxWords() - apiWords.size();
    }

    /** Removes words managed through the server API; unknown words are ignored. */
    public synchronized void remove(Collection<String> words) {
        for (String word : words) {
            metadata.delete(NAMESPACE, word);
            apiWords.remove(word);
        }
        rebuild();
    }

    /** The words managed through the server API, in word order (the file's words are not listed). */
    public synchronized List<SensitiveWord> apiWords() {
        return List.copyOf(apiWords.values());
    }

    /** Re-reads the file when its modification time or size changed; true when it was read. */
    public synchronized boolean reloadFileIfChanged() {
        if (config.file().isEmpty()) {
            return false;
        }
        try {
            FileTime time = Files.getLastModifiedTime(config.file().get());
            long size = Files.size(config.file().get());
            if (time.equals(fileTime) && size == fileSize) {
                return false;
            }
            List<SensitiveWord> read = WordListFile.read(config.file().get());
            fileWords = read;
            fileTime = time;
            fileSize = size;
            rebuild();
            LOG.log(System.Logger.Level.INFO, "loaded {0} sensitive words from {1}", read.size(), config.file().get());
            return true;
        } catch (IOException e) {
            if (matcher == null) {
                throw new IllegalStateException("cannot read moderation.words.file " + config.file().get(), e);
            }
            LOG.log(System.Logger.Level.WARNING, "cannot reload " + config.file().get() + "; keeping the current words", e);
            return false;
        }
    }

    private void reloadQuietly() {
        try {
            reloadFileIfChanged();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "word-list reload failed", e);
        }
    }

    private void rebuild() {
        List<SensitiveWord> all = new ArrayList<>(fileWords.size() + apiWords.size());
        all.addAll(fileWords);
        all.addAll(apiWords.values());
        matcher = WordMatcher.build(all, config.normalizer());
    }

    private static String encode(SensitiveWord word) {
        return word.replacement().map(replacement -> "0" + replacement).orElse("1");
    }

    private static SensitiveWord decode(String word, String value) {
        return new SensitiveWord(word, value.startsWith("0") ? Optional.of(value.substring(1)) : Optional.empty());
    }
}
