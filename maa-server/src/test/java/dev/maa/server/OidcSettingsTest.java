package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code auth.oidc} through {@code maa serve --config}: what it reads, and each refusal naming file and key. */
class OidcSettingsTest {

    @TempDir
    Path home;

    private ServerSettings load(String auth) throws Exception {
        Path file = home.resolve("maa.yaml");
        Files.writeString(file, "auth:\n" + auth.stripIndent().indent(2));
        return ServerSettings.load(file, home);
    }

    @Test
    void oidcSection_isRead_withItsDefaults_andImpliesOidcMode() throws Exception {
        ServerSettings s = load("""
                oidc:
                  issuer: https://login.example.com/realms/acme/
                  client_id: maa-console
                  service_accounts: [CI-Bot]
                  session_idle_timeout: 15m
                """);

        OidcSettings o = s.oidc();
        assertThat(s.authMode()).isEqualTo("oidc");
        assertThat(o.issuer()).hasToString("https://login.example.com/realms/acme");
        assertThat(o.scopes()).containsExactly("openid", "profile", "email");
        assertThat(o.principalClaim()).isEqualTo("sub");
        assertThat(o.groupsClaim()).isEqualTo("groups");
        assertThat(o.audience()).isEqualTo("maa-console");
        assertThat(o.cliClientId()).isEqualTo("maa-console");
        assertThat(o.serviceAccounts()).containsExactly("ci-bot");
        assertThat(o.clientSecret()).isNull();
        assertThat(o.sessions().idleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.sessions().lifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(o.redirectUri()).isEmpty();
        assertThat(ServerSetup.auth(s).mode()).isEqualTo(AuthConfig.Mode.OIDC);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'mode: oidc'|auth.oidc: is required with mode: oidc",
                "'mode: dev\\noidc: {issuer: https://idp.example, client_id: c}'|auth.mode: is 'dev' but an auth.oidc"
                        + " section is set",
                "'oidc: {client_id: c}'|auth.oidc.issuer: is required",
                "'oidc: {issuer: https://idp.example}'|auth.oidc.client_id: is required",
                "'oidc: {issuer: http://idp.example, client_id: c}'|auth.oidc.issuer: must be an https URL",
                "'oidc: {issuer: https://idp.example, client_id: c, scopes: [profile]}'|auth.oidc.scopes: must include"
                        + " 'openid'",
                "'oidc: {issuer: https://idp.example, client_id: c, principal_claim: name}'|auth.oidc.principal_claim:"
                        + " must be one of [sub, preferred_username, email, upn]",
                "'oidc: {issuer: https://idp.example, client_id: c, client_secret_env: MAA_NO_SUCH_VARIABLE_SET}'"
                        + "|auth.oidc.client_secret_env: names MAA_NO_SUCH_VARIABLE_SET, which is not set",
                "'oidc: {issuer: https://idp.example, client_id: c, service_accounts: [\"b\u200Bot\"]}'"
                        + "|auth.oidc.service_accounts: the id",
                "'oidc: {issuer: https://idp.example, client_id: c, session_idle_timeout: 2h, session_lifetime: 1h}'"
                        + "|auth.oidc.session_idle_timeout: (2h) must not be longer than session_lifetime (1h)",
                "'oidc: {issuer: https://idp.example, client_id: c, session_lifetime: 10}'|auth.oidc.session_lifetime:",
                "'oidc: {issuer: https://idp.example, client_id: c, public_url: https://maa.example/console}'"
                        + "|auth.oidc.public_url: must be the server's origin without a path",
                "'oidc: {issuer: https://idp.example, client_id: c, trust_token_groups: true}\\ntrust_token_groups: false'"
                        + "|auth.trust_token_groups: contradicts auth.oidc.trust_token_groups",
                "'oidc: {issuer: https://idp.example, client_id: c, secret: x}'|auth.oidc.secret: unknown key; known keys:"
            })
    void incompleteOrContradictorySection_isRefused_namingFileAndKey(String auth, String expected) {
        assertThatThrownBy(() -> load(auth.replace("\\n", "\n")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("maa.yaml: " + expected);
    }

    @Test
    void automationIssuer_equalToTheProviders_isRefused() {
        OidcSettings o = OidcSettings.from(
                dev.maa.core.config.ConfigSection.parse("issuer: https://idp.example\nclient_id: c\n", "maa.yaml"),
                name -> null);

        assertThatThrownBy(() -> AuthConfig.oidc(
                        o, AuthConfig.hs256("0123456789abcdef0123456789abcdef", "maa-server", "https://idp.example")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("auth.issuer: the automation tokens' issuer must differ");
    }
}
