package dev.dftools.sim.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token server for distribution's {@code auth: token} (the Docker token spec): a JWT signed
 * RS256 with a key made by the {@code openssl} CLI, its self-signed certificate in the {@code x5c}
 * header and in the registry's {@code rootcertbundle}. One user/password gets what it asks for;
 * anonymous requests get a token with no access; wrong passwords get 401.
 */
final class TokenServer implements AutoCloseable {
    static final String SERVICE = "dfsim-test-registry";
    static final String ISSUER = "dfsim-test-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PrivateKey key;
    private final X509Certificate cert;
    private final Path certFile;
    private final String user;
    private final String password;
    final Map<String, AtomicInteger> requestsByScope = new ConcurrentHashMap<>();

    TokenServer(Path dir, String user, String password) throws Exception {
        this.user = user;
        this.password = password;
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("key.pem");
        certFile = dir.resolve("cert.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                keyFile.toString(), "-out", certFile.toString(), "-days", "2", "-subj", "/CN=dfsim-test-token")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl req failed");
        }
        String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.start();
    }

    String authYaml() {
        return """
                auth:
                  token:
                    realm: http://127.0.0.1:%d/token
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(server.getAddress().getPort(), SERVICE, ISSUER, certFile);
    }

    int requests(String scope) {
        AtomicInteger n = requestsByScope.get(scope);
        return n == null ? 0 : n.get();
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> query = new LinkedHashMap<>();
            String raw = ex.getRequestURI().getRawQuery();
            for (String kv : (raw == null ? "" : raw).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    query.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String scope = query.getOrDefault("scope", "");
            requestsByScope.computeIfAbsent(scope, s -> new AtomicInteger()).incrementAndGet();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            boolean known = false;
            if (auth != null) {
                String given = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())),
                        StandardCharsets.UTF_8);
                if (!given.equals(user + ":" + password)) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                known = true;
            }
            List<Object> access = List.of();
            String[] parts = scope.split(":");
            if (known && parts.length == 3) {
                access = List.of(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
            }
            long now = System.currentTimeMillis() / 1000;
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", known ? user : "");
            claims.put("aud", query.getOrDefault("service", ""));
            claims.put("exp", now + 300);
            claims.put("nbf", now - 10);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access);
            Map<String, Object> header = Map.of("typ", "JWT", "alg", "RS256",
                    "x5c", List.of(Base64.getEncoder().encodeToString(cert.getEncoded())));
            String signingInput = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + b64(rsa.sign());
            byte[] body = JSON.writeValueAsBytes(Map.of("token", jwt, "expires_in", 300));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
