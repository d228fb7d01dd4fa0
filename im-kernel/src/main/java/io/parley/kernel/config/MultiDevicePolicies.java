package io.parley.kernel.config;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Platform;

/**
 * The multi-device policy of each kind of platform. RongCloud lets several Web clients of one user be online at
 * once, but only one device of each mobile platform and one desktop client; Parley's defaults do the same.
 *
 * <ul>
 *   <li>{@code web}: {@link Platform#WEB} and {@link Platform#MINI_PROGRAM} (browser tabs, mini programs; both
 *       run RongCloud's Web SDK). Default {@code unlimited}.</li>
 *   <li>{@code mobile}: {@link Platform#IOS}, {@link Platform#ANDROID}, {@link Platform#HARMONY_OS}. Default
 *       {@code one-per-platform}.</li>
 *   <li>{@code desktop}: {@link Platform#PC} (Windows, macOS, Linux) and {@link Platform#OTHER}. Default
 *       {@code one-per-platform}.</li>
 * </ul>
 *
 * Read from {@code session.multi-device.web}, {@code .mobile} and {@code .desktop}; the older single key
 * {@code session.multi-device}, when set, is the default of all three, so a deployment that set it keeps its
 * behaviour.
 */
public record MultiDevicePolicies(MultiDevicePolicy web, MultiDevicePolicy mobile, MultiDevicePolicy desktop) {
    public static final String KEY = "session.multi-device";

    /** Several web tabs; one device per mobile platform; one desktop client. */
    public static final MultiDevicePolicies DEFAULT = new MultiDevicePolicies(MultiDevicePolicy.UNLIMITED,
            MultiDevicePolicy.ONE_PER_PLATFORM, MultiDevicePolicy.ONE_PER_PLATFORM);

    public MultiDevicePolicies {
        requireNonNull(web, "web is null");
        requireNonNull(mobile, "mobile is null");
        requireNonNull(desktop, "desktop is null");
    }

    /** The same policy for every platform. */
    public static MultiDevicePolicies uniform(MultiDevicePolicy policy) {
        return new MultiDevicePolicies(policy, policy, policy);
    }

    /** The policy that applies to devices of {@code platform}. */
    public MultiDevicePolicy of(Platform platform) {
        return switch (platform) {
            case WEB, MINI_PROGRAM -> web;
            case IOS, ANDROID, HARMONY_OS -> mobile;
            case PC, OTHER -> desktop;
        };
    }

    /** Reads the three keys, each defaulting to {@code session.multi-device} if set, else to {@link #DEFAULT}. */
    public static MultiDevicePolicies read(TrackedConfig config) {
        MultiDevicePolicy all = config.get(KEY).map(text -> MultiDevicePolicy.parse(KEY, text)).orElse(null);
        return new MultiDevicePolicies(
                read(config, "web", all, DEFAULT.web()),
                read(config, "mobile", all, DEFAULT.mobile()),
                read(config, "desktop", all, DEFAULT.desktop()));
    }

    private static MultiDevicePolicy read(TrackedConfig config, String kind, MultiDevicePolicy all,
            MultiDevicePolicy fallback) {
        String key = KEY + "." + kind;
        return config.get(key).map(text -> MultiDevicePolicy.parse(key, text))
                .orElse(all != null ? all : fallback);
    }
}
