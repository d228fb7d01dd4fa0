package io.parley.kernel.user;

/** What the app server told us about a user through {@code /user/getToken.json} or {@code /user/refresh.json}. */
public record UserProfile(String userId, String name, String portraitUri, long createTime) {
}
