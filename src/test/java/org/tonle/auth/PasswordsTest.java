package org.tonle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    @DisplayName("a stored hash is Argon2id, salted, not the password, and verifies only the right password")
    void argon2id() {
        String hash = Passwords.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse battery");
        assertThat(Passwords.hash("correct horse battery")).isNotEqualTo(hash);
        assertThat(Passwords.verify("correct horse battery", hash)).isTrue();
        assertThat(Passwords.verify("correct horse batterY", hash)).isFalse();
    }

    @Test
    @DisplayName("usernames compare without case and in one Unicode form; Khmer names are allowed")
    void usernames() {
        assertThat(Usernames.key(" Dara ")).isEqualTo("dara");
        String decomposed = java.text.Normalizer.normalize("សុភា", java.text.Normalizer.Form.NFD);
        assertThat(Usernames.key(decomposed)).isEqualTo(Usernames.key("សុភា"));
        assertThat(Usernames.valid("សុភា")).isTrue();
        assertThat(Usernames.valid("a b")).isFalse();
        assertThat(Usernames.valid("x")).isFalse();
    }
}
