package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The durable form of the signer state round-trips exactly, lock and polka included (§7.14). */
@Tag("unit")
class SignerStateCodecTest {

    @Test
    void initialAndLockedStatesRoundTrip() {
        assertThat(SignerStateCodec.decode(SignerStateCodec.encode(SignerState.INITIAL))).isEqualTo(SignerState.INITIAL);
        Scenario s = Scenario.builder().selfIsBystander().start();
        var b = s.block(0);
        s.inject(s.proposal(0, b));
        s.prevotes(0, b, s.peers(2));
        SignerState locked = s.core.signerState();
        assertThat(locked.validPolka()).hasSize(3);
        assertThat(locked.lockedBlock()).isEqualTo(b);
        assertThat(SignerStateCodec.decode(SignerStateCodec.encode(locked))).isEqualTo(locked);
    }

    @Test
    void corruptBytesAreRefused() {
        assertThatThrownBy(() -> SignerStateCodec.decode(new byte[] {(byte) 0xc1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
