package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CryptoBuiltinsTest {
  @Test
  void digests_areLowercaseHex() {
    assertThat(call("crypto.md5", "abc")).isEqualTo(v("900150983cd24fb0d6963f7d28e17f72"));
    assertThat(call("crypto.sha1", "abc")).isEqualTo(v("a9993e364706816aba3e25717850c26c9cd0d89d"));
    assertThat(call("crypto.sha256", "abc"))
        .isEqualTo(v("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }

  @Test
  void hmac_matchesRfc4231AndEmptyKey() {
    assertThat(call("crypto.hmac.sha256", "what do ya want for nothing?", "Jefe"))
        .isEqualTo(v("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    assertThat(call("crypto.hmac.sha256", "", ""))
        .isEqualTo(v("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
    assertThat(call("crypto.hmac.equal", "ab", "ab")).isEqualTo(v(true));
    assertThat(call("crypto.hmac.equal", "ab", "ac")).isEqualTo(v(false));
    assertTypeError("crypto.sha256: operand 1 must be string but got number", "crypto.sha256", 1);
  }
}
