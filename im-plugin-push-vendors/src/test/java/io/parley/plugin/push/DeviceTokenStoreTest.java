package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.plugin.push.device.DeviceToken;
import io.parley.plugin.push.device.DeviceTokenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeviceTokenStoreTest {
    private final DeviceTokenStore store = new DeviceTokenStore(new InMemoryMetadata());

    @Test
    void aUserHasSeveralTokensAndReRegisteringOneReplacesIt() {
        store.register(new DeviceToken("bob", "apns", "t1", "com.x", true, 1_000));
        store.register(new DeviceToken("bob", "fcm", "t2", "com.x", false, 1_000));
        store.register(new DeviceToken("bob", "apns", "t1", "com.x", false, 2_000));
        store.register(new DeviceToken("bobby", "fcm", "t3", "com.x", false, 1_000));

        assertThat(store.tokens("bob")).extracting(DeviceToken::token).containsExactlyInAnyOrder("t1", "t2");
        assertThat(store.tokens("bob")).filteredOn(token -> token.token().equals("t1")).singleElement()
                .satisfies(token -> assertThat(token.sandbox()).isFalse());
        assertThat(store.remove("bob", "fcm", "t2")).isTrue();
        assertThat(store.remove("bob", "fcm", "t2")).isFalse();
    }

    @Test
    void anInvalidTokenRegisteredAgainAfterTheVendorsTimestampIsKept() {
        store.register(new DeviceToken("bob", "apns", "t1", "com.x", false, 5_000));

        assertThat(store.removeInvalid("bob", "apns", "t1", OptionalLong.of(4_000))).isFalse();
        assertThat(store.tokens("bob")).hasSize(1);
        assertThat(store.removeInvalid("bob", "apns", "t1", OptionalLong.of(6_000))).isTrue();
        assertThat(store.tokens("bob")).isEmpty();
        store.register(new DeviceToken("bob", "fcm", "t2", "com.x", false, 5_000));
        assertThat(store.removeInvalid("bob", "fcm", "t2", OptionalLong.empty())).isTrue();
    }

    @Test
    void everyTokenIsVisitedOnceInPagesOfAThousand() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            users.add("user-" + i);
        }
        users.addAll(List.of("Bob", "0zero", "_under", "|pipe", "+plus", "=eq", "-dash"));
        for (String user : users) {
            store.register(new DeviceToken(user, "fcm", "tok-" + user, "com.x", false, 1));
        }
        List<List<String>> pages = new ArrayList<>();
        store.forEachPage(page -> pages.add(page.stream().map(DeviceToken::userId).toList()));

        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(users);
        assertThat(pages).extracting(List::size).containsExactly(1_000, 1_000, 507);
    }
}
