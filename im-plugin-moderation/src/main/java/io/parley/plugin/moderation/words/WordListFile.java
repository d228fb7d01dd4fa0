package io.parley.plugin.moderation.words;

import io.parley.api.error.ImException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a word-list file (UTF-8): one word per line; {@code word => replacement} makes a replace word, a bare
 * {@code word} a block word; blank lines and lines starting with {@code #} are ignored. Blocking file I/O.
 */
public final class WordListFile {
    private static final String ARROW = "=>";

    private WordListFile() {
    }

    /** The words of {@code file}; a line that is not a valid word fails with its line number. */
    public static List<SensitiveWord> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<SensitiveWord> words = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                words.add(parse(line));
            } catch (ImException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return words;
    }

    static SensitiveWord parse(String line) {
        int arrow = line.indexOf(ARROW);
        if (arrow < 0) {
            return SensitiveWord.block(line);
        }
        return SensitiveWord.replace(line.substring(0, arrow).strip(), line.substring(arrow + ARROW.length()).strip());
    }
}
