package io.parley.examples.poll;

import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.FunctionRoute;
import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * The server-API routes, for the app server (signed like every server-API call; the kernel checks the signature
 * and wraps the answer in {@code {"code":200,…}}):
 * <ul>
 *   <li>{@code /poll/query.json} ({@code pollId}) → the tally;</li>
 *   <li>{@code /poll/close.json} ({@code pollId}) → the tally, closed: no more votes, and every member is told.</li>
 * </ul>
 */
final class PollApi {
    private final PollService polls;

    PollApi(PollService polls) {
        this.polls = polls;
    }

    List<ServerApiRoute> routes() {
        return List.of(new FunctionRoute("/poll/query.json", this::query),
                new FunctionRoute("/poll/close.json", this::close));
    }

    private ApiResponse query(ApiRequest request) {
        return new ApiResponse(polls.query(request.required("pollId")).toMap());
    }

    private ApiResponse close(ApiRequest request) {
        return new ApiResponse(polls.close(request.required("pollId")).toMap());
    }
}
