package io.parley.plugin.moderation.users;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.model.UserId;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * RongCloud's user-list endpoints for one list: {@code /user/<list>/add.json} and {@code remove.json}
 * ({@code userId}, and {@code blackUserId} or {@code whiteUserId} repeated) and {@code query.json}
 * ({@code userId}; answers {@code users:["id",…]}, the whole list). Routes run on server-API workers and block
 * on storage.
 */
public final class UserListApi {
    /** RongCloud's limit on the users of one list. */
    static final int MAX_MEMBERS = 3000;

    private final UserListStore store;
    private final String list;
    private final String memberParam;

    /**
     * @param list {@code blacklist} or {@code whitelist}
     * @param memberParam {@code blackUserId} or {@code whiteUserId}
     */
    public UserListApi(UserListStore store, String list, String memberParam) {
        this.store = requireNonNull(store, "store is null");
        this.list = requireNonNull(list, "list is null");
        this.memberParam = requireNonNull(memberParam, "memberParam is null");
    }

    public List<ServerApiRoute> routes() {
        return List.of(
                new FunctionRoute("/user/" + list + "/add.json", this::add),
                new FunctionRoute("/user/" + list + "/remove.json", this::remove),
                new FunctionRoute("/user/" + list + "/query.json", this::query));
    }

    private ApiResponse add(ApiRequest request) {
        String owner = owner(request);
        List<String> members = members(request);
        if (store.members(owner).size() + members.size() > MAX_MEMBERS) {
            throw ImException.invalidParameter("a " + list + " holds at most " + MAX_MEMBERS + " users");
        }
        store.add(owner, members);
        return ApiResponse.ok();
    }

    private ApiResponse remove(ApiRequest request) {
        store.remove(owner(request), members(request));
        return ApiResponse.ok();
    }

    private ApiResponse query(ApiRequest request) {
        return ApiResponse.of("users", store.members(owner(request)));
    }

    private static String owner(ApiRequest request) {
        return UserId.of(request.required("userId")).value();
    }

    private List<String> members(ApiRequest request) {
        List<String> members = request.list(memberParam);
        if (members.isEmpty()) {
            throw ImException.invalidParameter(memberParam + " is required");
        }
        members.forEach(UserId::of);
        return members;
    }
}
