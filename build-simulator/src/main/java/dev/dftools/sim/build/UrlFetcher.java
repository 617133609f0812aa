package dev.dftools.sim.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.dftools.sim.layer.Digest;

import org.eclipse.jdt.annotation.Nullable;

/**
 * ADD of an http(s) URL as BuildKit's HTTP source does it (source/http): GET (redirects followed), a
 * status of 400 or more fails, the file is named after the URL path's last element
 * ({@code __unnamed__} when there is none), written with mode 0600, mtime from {@code Last-Modified}
 * (else the Unix epoch), and never unpacked; {@code --checksum=sha256:HEX} must match the body's digest.
 */
final class UrlFetcher {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private UrlFetcher() {
    }

    /** What {@link #fetch} wrote: the file and its sha256 digest. */
    record Fetched(Path file, String digest) {}

    static String fileName(String url) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return "__unnamed__";
        }
        if (path == null) {
            return "__unnamed__";
        }
        String trimmed = path.replaceAll("/+$", "");
        String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return base.isEmpty() || base.equals(".") ? "__unnamed__" : base;
    }

    static Fetched fetch(String url, Path dir, @Nullable String checksum) throws IOException, InterruptedException {
        if (checksum != null && !checksum.matches("sha256:[0-9a-f]{64}")) {
            throw new IOException("--checksum must be sha256:<64 hex digits>, got " + checksum);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
                .header("User-Agent", "dfsim").GET().build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName(url));
        MessageDigest md = Digest.sha256();
        try (InputStream in = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() >= 400) {
                throw new IOException("invalid response status " + response.statusCode() + " for " + redact(url));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
        }
        String digest = "sha256:" + Digest.of(md).hex();
        if (checksum != null && !checksum.equals(digest)) {
            throw new IOException("digest mismatch for " + redact(url) + ": " + digest + " (expected: " + checksum + ")");
        }
        Files.setAttribute(file, "unix:mode", 0600);
        Instant mtime = response.headers().firstValue("Last-Modified").map(UrlFetcher::httpDate).orElse(Instant.EPOCH);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return new Fetched(file, digest);
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** user:password@ never reaches a message. */
    static String redact(String url) {
        return url.replaceAll("^(https?://)[^/@]*@", "$1xxxxx@");
    }
}
