package org.openioto.cloud.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hashIsSaltedPbkdf2InTheStoredFormat() {
        String a = Passwords.hash("secret");
        assertThat(a).matches("pbkdf2-sha256\\$310000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=");
        assertThat(Passwords.hash("secret")).isNotEqualTo(a);
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String stored = Passwords.hash("secret");
        assertThat(Passwords.verify("secret", stored)).isTrue();
        assertThat(Passwords.verify("Secret", stored)).isFalse();
        assertThat(Passwords.verify("secret", "plain")).isFalse();
        assertThat(Passwords.verify("secret", "pbkdf2-sha256$x$y$z")).isFalse();
    }

    @Test
    void tokenHashIsHexSha256() {
        assertThat(Tokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tokens.random()).hasSize(43).isNotEqualTo(Tokens.random());
    }
}
