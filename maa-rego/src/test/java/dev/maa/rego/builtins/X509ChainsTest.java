package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A root, an intermediate and leaves made with openssl (valid for 100 years). */
class X509ChainsTest {
    private static final String NAME = "crypto.x509.parse_and_verify_certificates";

    private static String pem(String file) {
        try (InputStream in = X509ChainsTest.class.getResourceAsStream("x509-chain/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commonName(ArrayValue chain, int i) {
        return ((StringValue) ((ObjectValue) ((ObjectValue) chain.get(i)).get("Subject")).get("CommonName")).value();
    }

    @Test
    void rootFirstLeafLast_verifies_andAnswersTheChainLeafFirst() {
        ArrayValue result = (ArrayValue) call(NAME, pem("root.pem") + pem("int.pem") + pem("leaf.pem"));
        assertThat(result.get(0)).isEqualTo(BooleanValue.TRUE);
        ArrayValue chain = (ArrayValue) result.get(1);
        assertThat(chain.size()).isEqualTo(3);
        assertThat(commonName(chain, 0)).isEqualTo("leaf.example");
        assertThat(commonName(chain, 1)).isEqualTo("Intermediate");
        assertThat(commonName(chain, 2)).isEqualTo("Root");
    }

    @Test
    void missingIntermediate_wrongOrder_singleCertificate_andGarbage_areInvalid() {
        ArrayValue invalid = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        assertThat(call(NAME, pem("root.pem") + pem("leaf.pem"))).isEqualTo(invalid);
        assertThat(call(NAME, pem("leaf.pem") + pem("int.pem") + pem("root.pem")))
                .isEqualTo(invalid);
        assertThat(call(NAME, pem("root.pem"))).isEqualTo(invalid);
        assertThat(call(NAME, "not a certificate")).isEqualTo(invalid);
    }

    @Test
    void leafForClientsOnly_failsGosDefaultServerAuthUsage() {
        assertThat(call(NAME, pem("root.pem") + pem("int.pem") + pem("leafclient.pem")))
                .isEqualTo(ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY));
    }
}
