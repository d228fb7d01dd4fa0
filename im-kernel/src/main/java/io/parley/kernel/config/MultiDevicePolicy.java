package io.parley.kernel.config;

import io.parley.api.error.ImException;

/** How many devices of one user may be online at once on one platform; see {@link MultiDevicePolicies}. */
public enum MultiDevicePolicy {
    /** One device per platform: a new login on the same platform kicks the older one. RongCloud's default. */
    ONE_PER_PLATFORM,
    /** Any number of devices. */
    UNLIMITED;

    public static MultiDevicePolicy parse(String text) {
        return parse(MultiDevicePolicies.KEY, text);
    }

    /** Parses the value of setting {@code key}, naming it in the error. */
    public static MultiDevicePolicy parse(String key, String text) {
        return switch (text.trim()) {
            case "one-per-platform" -> ONE_PER_PLATFORM;
            case "unlimited" -> UNLIMITED;
            default -> throw ImException.invalidParameter(
                    key + " must be one-per-platform or unlimited, was '" + text + "'");
        };
    }
}
