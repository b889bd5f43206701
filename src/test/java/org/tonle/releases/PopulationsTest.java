package org.tonle.releases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tonle.expr.Expression;

class PopulationsTest {

    @Test
    @DisplayName("a condition splits at its top-level 'and' only, not inside brackets or quotes")
    void clauses() {
        assertThat(Populations.clauses(Expression.parse("${age} >= 15 and ${mobile_own} = 'yes'")))
                .containsExactly("${age} >= 15", "${mobile_own} = 'yes'");
        assertThat(Populations.clauses(Expression.parse("${a} = 'x and y' and (${b} = 'y' and ${c} = 'z')")))
                .containsExactly("${a} = 'x and y'", "(${b} = 'y' and ${c} = 'z')");
    }
}
