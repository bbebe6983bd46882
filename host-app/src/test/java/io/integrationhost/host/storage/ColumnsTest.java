package io.integrationhost.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text cut to a column's size keeps whole characters and shows that it was cut. */
class ColumnsTest {

    @Test
    void textThatFitsIsKeptAsItIs() {
        assertThat(Columns.fit("short", 5)).isEqualTo("short");
        assertThat(Columns.fit(null, 5)).isNull();
    }

    @Test
    void longerTextIsCutToTheSizeWithAnEllipsis() {
        assertThat(Columns.fit("abcdefgh", 5)).isEqualTo("abcd…");
    }

    @Test
    void aCutNeverSplitsACharacterMadeOfTwoCodeUnits() {
        String cut = Columns.fit("abc\uD83D\uDE00def", 5);

        assertThat(cut).isEqualTo("abc…");
        assertThat(cut.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }
}
