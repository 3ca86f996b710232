package vn.motcua.local.runner;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTest {

    private static final HttpApiSpec API = new HttpApiSpec("Api", "abcdef1234", "$default", null, null, Map.of());
    private static final HttpApiSpec STAGED = new HttpApiSpec("Staged", "0123456789", "v1", null, null, Map.of());

    private static Route route(HttpApiSpec api, String method, String path) {
        return new Route(api, method, path, "Fn", method + path, null, List.of());
    }

    private static final List<Route> ROUTES = List.of(
            route(API, "ANY", "/dossiers/{code}"),
            route(API, "GET", "/dossiers/{code}"),
            route(API, "GET", "/dossiers/search"),
            route(API, "GET", "/dossiers/{code}/documents/{proxy+}"),
            route(API, "ANY", "/{proxy+}"),
            route(STAGED, "GET", "/status"));

    private static String selected(String method, String path) {
        return Route.select(ROUTES, method, path).map(m -> m.route().api().pathPrefix() + " " + m.route().routeKey()).orElse("none");
    }

    @Test
    void theMostSpecificRouteWins() {
        assertThat(selected("GET", "/dossiers/search")).isEqualTo(" GET /dossiers/search");
        assertThat(selected("GET", "/dossiers/H48.1")).isEqualTo(" GET /dossiers/{code}");
        assertThat(selected("PUT", "/dossiers/H48.1")).isEqualTo(" ANY /dossiers/{code}");
        assertThat(selected("GET", "/dossiers/H48.1/documents/a/b.pdf")).isEqualTo(" GET /dossiers/{code}/documents/{proxy+}");
        assertThat(selected("GET", "/anything/else")).isEqualTo(" ANY /{proxy+}");
    }

    @Test
    void aNamedStageServesUnderItsName() {
        assertThat(selected("GET", "/v1/status")).isEqualTo("/v1 GET /status");
        assertThat(Route.select(List.of(route(STAGED, "GET", "/status")), "GET", "/status")).isEmpty();
    }

    @Test
    void pathParametersAreDecodedAndAGreedyOneNeedsASegment() {
        var match = Route.select(ROUTES, "GET", "/dossiers/H48%2F1/documents/scan%201.pdf").orElseThrow();
        assertThat(match.pathParameters()).containsExactly(Map.entry("code", "H48/1"), Map.entry("proxy", "scan 1.pdf"));
        assertThat(Route.select(List.of(route(API, "GET", "/files/{proxy+}")), "GET", "/files")).isEmpty();
        assertThat(Route.select(List.of(route(API, "GET", "/a/{b}")), "GET", "/a/")).isEmpty();
    }

    @Test
    void thePlusSignStaysInAPath() {
        assertThat(Route.decode("a+b%2Bc%")).isEqualTo("a+b+c%");
    }

    /** A department's own route: its path an Fn::Sub that Fn::ForEach left without variables. */
    @org.junit.jupiter.api.Test
    void aPathFromAnFnSubWithoutVariablesIsItsText() {
        org.assertj.core.api.Assertions.assertThat(Route.literalPath(new vn.motcua.local.template.Intrinsic.Sub("/departments/so-ngoai-vu/updates",
                java.util.Map.of()))).isEqualTo("/departments/so-ngoai-vu/updates");
        org.assertj.core.api.Assertions.assertThat(Route.literalPath("/dossiers")).isEqualTo("/dossiers");
    }
}
