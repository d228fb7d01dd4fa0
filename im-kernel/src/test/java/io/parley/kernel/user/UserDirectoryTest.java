package io.parley.kernel.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    @Test
    void pagesWalkEveryRegisteredUserOnceInIdOrder() {
        UserDirectory users = new UserDirectory(new MemoryStorageProvider().metadata());
        for (String id : List.of("cy", "amy", "dee", "bo", "eve")) {
            users.upsert(id, Optional.empty(), Optional.empty(), 1);
        }
        List<String> walked = new ArrayList<>();
        String after = "";
        List<String> page;
        do {
            page = users.userIds(after, 2);
            walked.addAll(page);
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == 2);

        assertThat(walked).containsExactly("amy", "bo", "cy", "dee", "eve").isEqualTo(users.allUserIds());
        assertThat(users.userIds("eve", 2)).isEmpty();
        assertThatThrownBy(() -> users.userIds("", 1001)).isInstanceOf(ImException.class);
        assertThatThrownBy(() -> users.userIds("", 0)).isInstanceOf(ImException.class);
    }
}
