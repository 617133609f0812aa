package dev.dftools.sim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dftools.sim.layer.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A client of the OCI distribution API on {@link HttpClient}: manifests by tag or digest, blobs
 * streamed to disk with their sha256 checked on the way, HEAD/POST/PUT for pushes.
 *
 * <p>Auth: a 401 answer's {@code WWW-Authenticate} challenge is followed: {@code Bearer} fetches a
 * token from the realm (anonymously, or with Basic credentials from {@link AuthFiles}) and caches it
 * per registry and scope; {@code Basic} sends the credentials directly. Transport: https, except
 * plain http for loopback hosts and hosts listed as insecure. Redirects (blob storage often sends
 * one) are followed by hand so the Authorization header never leaves the registry's host.
 */
public final class RegistryClient {
    /** The manifest types a pull accepts: without the OCI ones distribution 2.8 answers 404 for OCI images. */
    public static final List<String> MANIFEST_TYPES = List.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX,
            MediaType.DOCKER_MANIFEST, MediaType.DOCKER_MANIFEST_LIST);
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final int MAX_REDIRECTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the client is configured with besides credentials. */
    public record Options(Set<String> insecureHosts, Duration connectTimeout, Duration responseTimeout) {
        public Options {
            insecureHosts = Set.copyOf(insecureHosts);
        }

        public static Options defaults() {
            return new Options(Set.of(), Duration.ofSeconds(15), Duration.ofSeconds(60));
        }

        public Options withInsecureHosts(Set<String> hosts) {
            return new Options(hosts, connectTimeout, responseTimeout);
        }
    }

    /** A manifest (or index) as the registry sent it: its bytes are what its digest covers. */
    public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {}

    private final HttpClient http;
    private final AuthFiles authFiles;
    private final Options options;
    /** "host repository:name:actions" → Authorization header value. */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    public RegistryClient(AuthFiles authFiles, Options options) {
        this.authFiles = authFiles;
        this.options = options;
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    // ---- manifests

    /** GET the manifest {@code ref} names (its digest when it has one, else its tag). */
    public FetchedManifest manifest(ImageRef ref) throws RegistryException {
        URI uri = repoUri(ref, "/manifests/" + ref.reference());
        HttpResponse<InputStream> r = send(ref, "pull", "GET", uri, null,
                Map.of("Accept", String.join(", ", MANIFEST_TYPES)));
        try (InputStream body = r.body()) {
            if (r.statusCode() == 404) {
                throw new RegistryException(RegistryException.Kind.NOT_FOUND, "image not found: " + ref
                        + errorSuffix(body));
            }
            expect(r, body, 200, "GET manifest of " + ref);
            byte[] bytes = body.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, "manifest of " + ref
                        + " is larger than " + (MAX_MANIFEST_BYTES >> 20) + " MiB");
            }
            Digest actual = Digest.of(bytes);
            checkContentDigest(r, actual, "manifest of " + ref);
            if (ref.digest() != null && !ref.digest().equals(actual)) {
                throw mismatch("manifest of " + ref, ref.digest(), actual);
            }
            return new FetchedManifest(bytes, MediaType.ofManifest(r.headers().firstValue("Content-Type")
                    .orElse(""), bytes), actual);
        } catch (IOException e) {
            throw unreachable(ref, e);
        }
    }

    /** PUT a manifest under {@code reference} (a tag or its digest); returns the digest the registry reports. */
    public Digest putManifest(ImageRef repo, String reference, byte[] bytes, String mediaType)
            throws RegistryException {
        URI uri = repoUri(repo, "/manifests/" + reference);
        HttpResponse<InputStream> r = send(repo, "pull,push", "PUT", uri,
                () -> HttpRequest.BodyPublishers.ofByteArray(bytes), Map.of("Content-Type", mediaType));
        try (InputStream body = r.body()) {
            expect(r, body, 201, "PUT manifest " + repo.name() + ":" + reference);
            Digest d = Digest.of(bytes);
            checkContentDigest(r, d, "manifest " + repo.name() + ":" + reference);
            return d;
        } catch (IOException e) {
            throw unreachable(repo, e);
        }
    }

    // ---- blobs

    /** HEAD: whether the repository has the blob. */
    public boolean hasBlob(ImageRef repo, Digest digest) throws RegistryException {
        HttpResponse<InputStream> r = send(repo, "pull", "HEAD", repoUri(repo, "/blobs/" + digest), null, Map.of());
        try (InputStream body = r.body()) {
            if (r.statusCode() == 404) {
                return false;
            }
            expect(r, body, 200, "HEAD blob " + digest);
            return true;
        } catch (IOException e) {
            throw unreachable(repo, e);
        }
    }

    /**
     * GET a blob into {@code target}, hashing while streaming: more bytes than {@code size} or content
     * that does not match {@code digest} is refused and {@code target} deleted.
     */
    public void downloadBlob(ImageRef repo, Digest digest, long size, Path target) throws RegistryException {
        HttpResponse<InputStream> r = send(repo, "pull", "GET", repoUri(repo, "/blobs/" + digest), null, Map.of());
        boolean ok = false;
        try (InputStream body = r.body()) {
            if (r.statusCode() == 404) {
                throw new RegistryException(RegistryException.Kind.NOT_FOUND, "blob " + digest + " of " + repo.name()
                        + " not found on " + repo.registry() + errorSuffix(body));
            }
            expect(r, body, 200, "GET blob " + digest);
            MessageDigest sha = Digest.sha256();
            long total = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = body.read(buf)) > 0; ) {
                    total += n;
                    if (size >= 0 && total > size) {
                        throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "digest mismatch: blob "
                                + digest + " of " + repo.name() + " is larger than its " + size
                                + " bytes; nothing was stored");
                    }
                    out.write(buf, 0, n);
                }
            }
            Digest actual = Digest.of(sha);
            if (!actual.equals(digest)) {
                throw mismatch("blob " + digest + " of " + repo.name(), digest, actual);
            }
            ok = true;
        } catch (IOException e) {
            throw unreachable(repo, e);
        } finally {
            if (!ok) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException e) {
                    // the caller's temp dir is cleaned by the caller
                }
            }
        }
    }

    /** Uploads a blob unless the repository has it: POST an upload session, then PUT the whole content. */
    public void uploadBlob(ImageRef repo, Digest digest, Supplier<HttpRequest.BodyPublisher> content)
            throws RegistryException {
        if (hasBlob(repo, digest)) {
            return;
        }
        URI start = repoUri(repo, "/blobs/uploads/");
        HttpResponse<InputStream> r = send(repo, "pull,push", "POST", start,
                HttpRequest.BodyPublishers::noBody, Map.of());
        URI location;
        try (InputStream body = r.body()) {
            expect(r, body, 202, "POST blob upload to " + repo.name());
            String loc = r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                    RegistryException.Kind.PROTOCOL, repo.registry() + " started an upload without a Location"));
            location = start.resolve(loc);
        } catch (IOException e) {
            throw unreachable(repo, e);
        }
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
        HttpResponse<InputStream> done = send(repo, "pull,push", "PUT", put, content,
                Map.of("Content-Type", "application/octet-stream"));
        try (InputStream body = done.body()) {
            expect(done, body, 201, "PUT blob " + digest + " to " + repo.name());
            checkContentDigest(done, digest, "blob " + digest);
        } catch (IOException e) {
            throw unreachable(repo, e);
        }
    }

    // ---- transport and auth

    /** https, except for loopback and insecure hosts. */
    URI repoUri(ImageRef ref, String suffix) {
        return URI.create(scheme(ref.apiHost()) + "://" + ref.apiHost() + "/v2/" + ref.repository() + suffix);
    }

    String scheme(String hostPort) {
        return isLoopback(hostPort) || options.insecureHosts().contains(hostPort)
                || options.insecureHosts().contains(hostOnly(hostPort)) ? "http" : "https";
    }

    static boolean isLoopback(String hostPort) {
        String host = hostOnly(hostPort);
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }

    private static String hostOnly(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** Sends with the cached authorization for the scope; on 401 follows the challenge once and retries. */
    private HttpResponse<InputStream> send(ImageRef ref, String actions, String method, URI uri,
            @Nullable Supplier<HttpRequest.BodyPublisher> body, Map<String, String> headers) throws RegistryException {
        String scope = "repository:" + ref.repository() + ":" + actions;
        String key = ref.apiHost() + " " + scope;
        HttpResponse<InputStream> r = exchange(ref, method, uri, body, headers, authorizations.get(key));
        if (r.statusCode() != 401) {
            return r;
        }
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        discard(r);
        String authorization = authorize(ref, scope, challenge);
        authorizations.put(key, authorization);
        r = exchange(ref, method, uri, body, headers, authorization);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            String detail;
            try (InputStream b = r.body()) {
                detail = errorSuffix(b);
            } catch (IOException e) {
                detail = "";
            }
            throw unauthorized(ref, actions, detail);
        }
        return r;
    }

    private String authorize(ImageRef ref, String scope, String header) throws RegistryException {
        AuthChallenge c = AuthChallenge.parse(header).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.UNAUTHORIZED, "unauthorized: " + ref.registry()
                + " answered 401 without a WWW-Authenticate challenge"));
        Optional<Credentials> creds = authFiles.lookup(ref);
        if (c.scheme().equals("basic")) {
            return creds.orElseThrow(() -> unauthorized(ref, scope.substring(scope.lastIndexOf(':') + 1), ""))
                    .basicHeader();
        }
        if (!c.scheme().equals("bearer") || c.param("realm").isEmpty()) {
            throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "unauthorized: " + ref.registry()
                    + " asks for an authentication scheme dfsim does not support: " + header);
        }
        StringBuilder q = new StringBuilder(c.param("realm"));
        q.append(c.param("realm").contains("?") ? '&' : '?');
        if (!c.param("service").isEmpty()) {
            q.append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8)).append('&');
        }
        q.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI realm;
        try {
            realm = URI.create(q.toString());
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref.registry() + " sent a bad token realm: "
                    + c.param("realm"), e);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(realm).timeout(options.responseTimeout()).GET();
        creds.ifPresent(cr -> req.header("Authorization", cr.basicHeader()));
        try {
            HttpResponse<InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() == 401 || r.statusCode() == 403) {
                    throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "unauthorized: the token server "
                            + c.param("realm") + " refused " + creds.map(cr -> "the credentials of " + cr.username())
                            .orElse("anonymous access") + " to " + ref.name());
                }
                expect(r, body, 200, "GET token from " + c.param("realm"));
                JsonNode json = JSON.readTree(body.readNBytes(MAX_MANIFEST_BYTES));
                String token = json.path("token").asText(json.path("access_token").asText(""));
                if (token.isEmpty()) {
                    throw new RegistryException(RegistryException.Kind.PROTOCOL, "the token server "
                            + c.param("realm") + " answered without a token");
                }
                return "Bearer " + token;
            }
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, "cannot reach the token server "
                    + realm.getHost() + " of " + ref.registry() + ": " + reason(e, realm.getScheme()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, "interrupted", e);
        }
    }

    /** One request, following GET/HEAD redirects by hand; Authorization only goes to the registry's host. */
    private HttpResponse<InputStream> exchange(ImageRef ref, String method, URI uri,
            @Nullable Supplier<HttpRequest.BodyPublisher> body, Map<String, String> headers,
            @Nullable String authorization) throws RegistryException {
        URI current = uri;
        try {
            for (int hop = 0; ; hop++) {
                HttpRequest.Builder b = HttpRequest.newBuilder(current).timeout(options.responseTimeout())
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
                headers.forEach(b::header);
                if (authorization != null && sameOrigin(uri, current)) {
                    b.header("Authorization", authorization);
                }
                HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                int s = r.statusCode();
                boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
                Optional<String> location = r.headers().firstValue("Location");
                if (!redirect || location.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
                    return r;
                }
                discard(r);
                if (hop >= MAX_REDIRECTS) {
                    throw new RegistryException(RegistryException.Kind.PROTOCOL, ref.registry()
                            + ": too many redirects for " + uri);
                }
                current = current.resolve(location.get());
            }
        } catch (IOException e) {
            throw unreachable(ref, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, "interrupted", e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    private RegistryException unreachable(ImageRef ref, IOException e) {
        return new RegistryException(RegistryException.Kind.UNREACHABLE, "cannot reach registry " + ref.apiHost()
                + ": " + reason(e, scheme(ref.apiHost())), e);
    }

    private String reason(IOException e, String scheme) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + options.connectTimeout().toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + options.responseTimeout().toSeconds() + " s";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof SSLException) {
                return "TLS failed (" + t.getMessage() + "); a plain-http registry needs --insecure-registry HOST[:PORT]";
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused" + (scheme.equals("https") ? " (https)" : " (http)");
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private RegistryException unauthorized(ImageRef ref, String actions, String detail) {
        String who;
        try {
            who = authFiles.lookup(ref).map(c -> "as " + c.username())
                    .orElse("without credentials (none for " + ref.registry() + " in " + authFiles.files() + ")");
        } catch (RegistryException e) {
            who = "(" + e.getMessage() + ")";
        }
        String what = actions.contains("push") ? "push to " : "pull ";
        return new RegistryException(RegistryException.Kind.UNAUTHORIZED, "unauthorized: cannot " + what + ref.name()
                + " " + who + detail);
    }

    private static RegistryException mismatch(String what, Digest expected, Digest actual) {
        return new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "digest mismatch: " + what
                + " has content " + actual + ", not " + expected + "; nothing was stored");
    }

    private static void checkContentDigest(HttpResponse<?> r, Digest actual, String what) throws RegistryException {
        Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
        if (header.isPresent() && header.get().startsWith("sha256:") && !header.get().equals(actual.toString())) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "digest mismatch: " + what
                    + " is " + actual + " but the registry's Docker-Content-Digest says " + header.get());
        }
    }

    private static void expect(HttpResponse<?> r, InputStream body, int status, String what) throws RegistryException {
        if (r.statusCode() != status) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, what + ": HTTP " + r.statusCode()
                    + errorSuffix(body));
        }
    }

    /** ": CODE message" from a distribution error body ({@code {"errors":[{"code","message"}]}}), or "". */
    private static String errorSuffix(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(64 * 1024);
            JsonNode first = JSON.readTree(bytes).path("errors").path(0);
            if (first.isMissingNode()) {
                return "";
            }
            return " (" + first.path("code").asText("") + ": " + first.path("message").asText("") + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void discard(HttpResponse<InputStream> r) {
        try (InputStream b = r.body()) {
            b.skip(Long.MAX_VALUE);
        } catch (IOException e) {
            // the connection is closed instead of reused
        }
    }

    /** Lower-cased media type without parameters. */
    static String bareType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
