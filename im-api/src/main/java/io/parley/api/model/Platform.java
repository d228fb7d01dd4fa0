package io.parley.api.model;

import java.util.Locale;
import java.util.Optional;

/** The platforms a device can be, numbered as RongCloud's {@code RCPlatform}. */
public enum Platform {
    OTHER(0, "Other"),
    IOS(1, "iOS"),
    ANDROID(2, "Android"),
    WEB(3, "Websocket"),
    PC(4, "PC"),
    MINI_PROGRAM(5, "MiniProgram"),
    HARMONY_OS(6, "HarmonyOS");

    private final int code;
    private final String wireName;

    Platform(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    /** The name RongCloud's webhooks use in {@code os} and {@code source} fields. */
    public String wireName() {
        return wireName;
    }

    /** Parses a platform name case-insensitively, accepting both enum names and wire names. */
    public static Optional<Platform> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Platform platform : values()) {
            if (platform.name().equals(wanted) || platform.wireName.toUpperCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
