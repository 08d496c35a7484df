package io.diseq.core.chain;

import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof that block {@code blockId} was decided at (height, round): precommit signatures of a quorum
 * of distinct validators, sorted by strictly ascending validator index (docs/protocol.md §7.10).
 */
public record QuorumCertificate(long height, int round, Bytes blockId, List<CommitSignature> signatures) {
    public QuorumCertificate {
        signatures = List.copyOf(signatures);
    }

    /**
     * Accepts iff the certificate is for {@code expectedBlockId} at {@code expectedHeight}, indices
     * are known and strictly ascending (so each validator counts once), every signature verifies over
     * the precommit sign bytes, and there are at least quorum ⌊2n/3⌋+1 of them.
     */
    public Verdict verify(String chainId, ValidatorSet validators, ConsensusVerifier verifier,
                          long expectedHeight, Bytes expectedBlockId) {
        if (height != expectedHeight || !blockId.equals(expectedBlockId)) {
            return Verdict.reject(RejectCode.BAD_CERTIFICATE, "certificate is for another block");
        }
        if (signatures.size() < validators.quorum()) {
            return Verdict.reject(RejectCode.BAD_CERTIFICATE,
                    signatures.size() + " signatures, quorum is " + validators.quorum());
        }
        byte[] signed = SignBytes.precommit(chainId, height, round, blockId);
        int previous = -1;
        for (CommitSignature s : signatures) {
            if (s.validatorIndex() <= previous || !validators.contains(s.validatorIndex())) {
                return Verdict.reject(RejectCode.BAD_CERTIFICATE, "validator index " + s.validatorIndex()
                        + " unknown or not strictly ascending");
            }
            previous = s.validatorIndex();
            if (!verifier.verify(validators.get(s.validatorIndex()).signingKey(), signed, s.signature())) {
                return Verdict.reject(RejectCode.BAD_CERTIFICATE, "bad signature of validator " + s.validatorIndex());
            }
        }
        return Verdict.ACCEPT;
    }

    /** RLP([height, round, blockId, [[index, signature], ...]]) (§7.10). */
    public byte[] encode() {
        List<byte[]> sigs = new ArrayList<>(signatures.size());
        for (CommitSignature s : signatures) {
            sigs.add(Rlp.encodeList(Rlp.encodeLong(s.validatorIndex()), Rlp.encodeBytes(s.signature().unsafeArray())));
        }
        return Rlp.encodeList(Rlp.encodeLong(height), Rlp.encodeLong(round),
                Rlp.encodeBytes(blockId.unsafeArray()), Rlp.encodeList(sigs));
    }

    /**
     * Strict inverse of {@link #encode()} (§7.10, §5.2). A total function over bytes: it returns the
     * certificate or throws {@link RlpException} with a stable code, nothing else; an accepted input is
     * the canonical encoding. Whether the signatures verify is {@link #verify}'s business.
     */
    public static QuorumCertificate decode(byte[] encoded) {
        RlpList l = Rlp.decode(encoded).asList().expectSize(4);
        long height = l.get(0).asString().asLong();
        int round = l.get(1).asString().asInt();
        Bytes blockId = l.get(2).asString().asBytes32();
        List<CommitSignature> sigs = new ArrayList<>();
        for (RlpItem item : l.get(3).asList().items()) {
            RlpList s = item.asList().expectSize(2);
            sigs.add(new CommitSignature(s.get(0).asString().asInt(), s.get(1).asString().asBytes()));
        }
        return new QuorumCertificate(height, round, blockId, sigs);
    }
}
