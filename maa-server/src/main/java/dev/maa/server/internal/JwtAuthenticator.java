package dev.maa.server.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies JWTs with one pinned algorithm. The key selector only answers for that algorithm, so {@code alg: none},
 * HS256 tokens on an RS256 server (the public key used as an HMAC secret) and vice versa are all refused.
 * The claims become a principal through {@link ClaimsMapping} ({@code sub} and {@code groups} unless an OIDC
 * provider's mapping says otherwise); the groups only count for reads when {@code auth.trust_token_groups} is set.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String description;
    private final ClaimsMapping mapping;

    private JwtAuthenticator(JWSKeySelector<SecurityContext> keys, String audience, String issuer, String description) {
        this(keys, audience, issuer, description, ClaimsMapping.standard());
    }

    private JwtAuthenticator(
            JWSKeySelector<SecurityContext> keys,
            String audience,
            String issuer,
            String description,
            ClaimsMapping mapping) {
        this.mapping = mapping;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        JWTClaimsSet exact = issuer == null || issuer.isBlank()
                ? null
                : new JWTClaimsSet.Builder().issuer(issuer).build();
        Set<String> required = new HashSet<>(Set.of(mapping.principalClaim(), "exp", "aud"));
        if (exact != null) {
            required.add("iss");
        }
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(audience, exact, required);
        verifier.setMaxClockSkew(30);
        processor.setJWTClaimsSetVerifier(verifier);
        this.description = description + ", aud=" + audience + (exact == null ? "" : ", iss=" + issuer);
    }

    public static JwtAuthenticator hs256(byte[] secret, String audience, String issuer) {
        return new JwtAuthenticator(
                new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, new SecretKeySpec(secret, "HmacSHA256")),
                audience,
                issuer,
                "JWT HS256");
    }

    public static JwtAuthenticator rs256(Path jwksFile, String audience, String issuer) {
        try {
            JWKSource<SecurityContext> source = new ImmutableJWKSet<>(JWKSet.load(jwksFile.toFile()));
            return new JwtAuthenticator(
                    new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source),
                    audience,
                    issuer,
                    "JWT RS256, keys from " + jwksFile);
        } catch (IOException | ParseException e) {
            throw new MaaConfigurationException(
                    "auth.jwks: cannot read the JWKS file " + jwksFile + ": " + e.getMessage(), e);
        }
    }

    public static JwtAuthenticator rs256(URL jwksUrl, String audience, String issuer) {
        JWKSource<SecurityContext> source =
                JWKSourceBuilder.create(jwksUrl).retrying(true).build();
        return new JwtAuthenticator(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source),
                audience,
                issuer,
                "JWT RS256, keys from " + jwksUrl);
    }

    /**
     * Access tokens of an OpenID Connect provider: signed with one of {@code algorithms} by a key of the provider's
     * JWKS ({@code keys}, found by discovery), issued by {@code issuer} for {@code audience}, mapped by
     * {@code mapping}.
     */
    public static JwtAuthenticator provider(
            JWSKeySelector<SecurityContext> keys, String audience, String issuer, ClaimsMapping mapping) {
        return new JwtAuthenticator(keys, audience, issuer, "OpenID Connect access tokens", mapping);
    }

    /** This authenticator with {@code mapping} instead of its own (service accounts of an OIDC server). */
    public JwtAuthenticator withMapping(ClaimsMapping value) {
        return new JwtAuthenticator(processor, description, value);
    }

    private JwtAuthenticator(
            DefaultJWTProcessor<SecurityContext> processor, String description, ClaimsMapping mapping) {
        this.processor = processor;
        this.description = description;
        this.mapping = mapping;
    }

    @Override
    public Principal authenticate(String token) {
        return authenticateWithExpiry(token).principal();
    }

    @Override
    public Authenticated authenticateWithExpiry(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw ApiError.unauthenticated("The bearer token is too long.");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw ApiError.unauthenticated("The bearer token is not a well-formed signed JWT.");
        } catch (BadJOSEException e) {
            throw ApiError.unauthenticated("The JWT was rejected: " + safe(e.getMessage()) + ".");
        } catch (JOSEException | RuntimeException e) {
            throw ApiError.unauthenticated("The JWT could not be verified.");
        }
        Principal principal = mapping.principal(claims, "JWT");
        return new Authenticated(
                principal,
                claims.getExpirationTime() == null
                        ? null
                        : claims.getExpirationTime().toInstant());
    }

    private static String safe(String message) {
        if (message == null) {
            return "invalid token";
        }
        String m = message.replaceAll("[^\\p{Print}]", "?");
        return m.length() > 160 ? m.substring(0, 160) : m;
    }

    @Override
    public String describe() {
        return description;
    }
}
