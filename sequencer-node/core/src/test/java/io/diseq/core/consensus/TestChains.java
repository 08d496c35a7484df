package io.diseq.core.consensus;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Timeouts;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import java.util.ArrayList;
import java.util.List;

/** Chain configurations for tests, over {@link FastTestCrypto} keys. */
public final class TestChains {
    public static final String CHAIN_ID = "test-chain";
    public static final long GENESIS_TIME_MS = 1_700_000_000_000L;
    public static final Timeouts TIMEOUTS = new Timeouts(1000, 500, 1000, 500, 1000, 500);

    private TestChains() {}

    public static ValidatorSet validators(int n) {
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FastTestCrypto c = FastTestCrypto.forValidator(i);
            vs.add(new Validator("v" + i, c.signingKey(), c.vrfKey(), "http://v" + i));
        }
        return new ValidatorSet(vs);
    }

    /** n validators, 100 messages / 1 MiB per block, 5 s drift, no empty blocks. */
    public static ChainConfig config(int n) {
        return new ChainConfig(CHAIN_ID, validators(n), GENESIS_TIME_MS, TIMEOUTS, 100, 1 << 20, 5_000, 0);
    }
}
