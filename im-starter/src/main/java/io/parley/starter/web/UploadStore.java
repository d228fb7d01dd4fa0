package io.parley.starter.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uploaded files in a folder: {@code <id>.bin} holds the bytes and {@code <id>.json} what {@link StoredUpload}
 * says of them. Ids are 128 random bits, so they cannot be guessed. Each file is written to a temporary name
 * and moved into place, so a reader never sees half a file. Thread-safe.
 */
final class UploadStore {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    UploadStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    StoredUpload save(String uploaderId, int conversationType, String targetId, String name, String contentType,
            byte[] bytes, long now) throws IOException {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        StoredUpload upload = new StoredUpload(id, uploaderId, conversationType, targetId, name, contentType,
                bytes.length, now);
        writeAtomically(dir.resolve(id + ".bin"), bytes);
        writeAtomically(dir.resolve(id + ".json"), Json.write(upload));
        return upload;
    }

    Optional<StoredUpload> find(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path meta = dir.resolve(id + ".json");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        return Optional.of(Json.read(Files.readAllBytes(meta), StoredUpload.class));
    }

    byte[] bytes(StoredUpload upload) throws IOException {
        return Files.readAllBytes(dir.resolve(upload.id() + ".bin"));
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(dir, ".upload", ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
