package io.diseq.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.crypto.KeyFileException;
import io.diseq.core.crypto.ValidatorIdentity;
import io.diseq.core.util.Bytes;
import io.diseq.schemas.Topics;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The chain file (docs/protocol.md §7.19): everything a client or verifier trusts about a chain in one
 * JSON document: chain id, genesis time and the ordered validator set (id, signing and VRF public
 * keys, gossip URL), plus two check values derived from them, the validator-set hash (§7.1) and the
 * genesis block id (§7.2). {@link #parse} is strict: exactly the fields of §7.19, no duplicates, no
 * others, every value in its canonical form, and the check values, when present, equal to what the
 * rest derives. {@link #toJson} writes the canonical layout the network generator and
 * {@code GET /v1/chain} produce.
 */
public record ChainFile(String chainId, long genesisTimeMs, ValidatorSet validators) {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    /** Two-space indent, LF, {@code "name": value}: the layout of {@link #toJson}. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> TOP = Set.of("version", "chainId", "genesisTimeMs", "validators",
            "validatorSetHash", "genesisBlockId");
    private static final Set<String> REQUIRED_TOP = Set.of("version", "chainId", "genesisTimeMs", "validators");
    private static final Set<String> ENTRY = Set.of("index", "id", "signingPublicKey", "vrfPublicKey", "gossipUrl");
    private static final Set<String> REQUIRED_ENTRY = ENTRY;

    public ChainFile {
        Topics.forChain(chainId);
        if (genesisTimeMs < 0) {
            throw new IllegalArgumentException("genesisTimeMs must not be negative");
        }
    }

    /** The genesis header (§7.2) this file defines; its id is the parent hash of block 1. */
    public BlockHeader genesis() {
        return Genesis.header(chainId, validators, genesisTimeMs);
    }

    /** @throws ClientException naming the file if it is missing, unreadable or not a valid chain file */
    public static ChainFile read(Path file) throws ClientException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ClientException("chain file not found: " + file, e);
        } catch (IOException e) {
            throw new ClientException("cannot read chain file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses the file's bytes (UTF-8); {@code name} is used in error messages. */
    public static ChainFile parse(byte[] bytes, String name) throws ClientException {
        try {
            return fromJson(JSON.readTree(utf8(bytes, name)), name);
        } catch (JsonProcessingException e) {
            throw new ClientException(name + " is not a JSON chain file: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new ClientException(name + ": " + e.getMessage(), e);
        }
    }

    private static String utf8(byte[] bytes, String name) throws ClientException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ClientException(name + " is not UTF-8 text");
        }
    }

    private static ChainFile fromJson(JsonNode root, String name) throws ClientException {
        requireObject(root, TOP, REQUIRED_TOP, "the chain file");
        if (!root.get("version").isIntegralNumber() || root.get("version").bigIntegerValue().intValue() != VERSION
                || root.get("version").bigIntegerValue().bitLength() > 31) {
            throw new IllegalArgumentException("unsupported chain file version " + root.get("version")
                    + " (this client reads version " + VERSION + ")");
        }
        String chainId = text(root, "chainId");
        JsonNode time = root.get("genesisTimeMs");
        if (!time.isIntegralNumber() || time.bigIntegerValue().signum() < 0 || time.bigIntegerValue().bitLength() > 63) {
            throw new IllegalArgumentException("genesisTimeMs must be an integer from 0 to 2^63-1");
        }
        ChainFile file = new ChainFile(chainId, time.longValue(), validators(root.get("validators")));
        checkValue(root, "validatorSetHash", file.validators().hash());
        checkValue(root, "genesisBlockId", file.genesis().id());
        return file;
    }

    private static ValidatorSet validators(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("validators must be a non-empty array");
        }
        List<Validator> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            String where = "validators[" + i + "]";
            requireObject(v, ENTRY, REQUIRED_ENTRY, where);
            if (!(v.get("index").isIntegralNumber() && v.get("index").bigIntegerValue().intValue() == i
                    && v.get("index").bigIntegerValue().bitLength() < 31)) {
                throw new IllegalArgumentException(where + ".index must be " + i + " (its position in the array)");
            }
            String id = text(v, "id");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ".id '" + id + "' is not 1 to 64 of [A-Za-z0-9._-]");
            }
            String gossipUrl = text(v, "gossipUrl");
            out.add(new Validator(id, key(v, "signingPublicKey", where), key(v, "vrfPublicKey", where), gossipUrl));
        }
        checkKeys(out);
        return new ValidatorSet(out);
    }

    /** Each pair of keys is a valid identity (canonical, not small order), as ValidatorIdentity checks. */
    private static void checkKeys(List<Validator> validators) {
        for (Validator v : validators) {
            try {
                ValidatorIdentity.parse(ValidatorIdentity.TAG + " " + v.signingKey().toHex() + " " + v.vrfKey().toHex());
            } catch (KeyFileException e) {
                throw new IllegalArgumentException("validator " + v.id() + ": " + e.getMessage(), e);
            }
        }
    }

    private static Bytes key(JsonNode v, String field, String where) {
        String hex = text(v, field);
        if (!KEY.matcher(hex).matches()) {
            throw new IllegalArgumentException(where + "." + field + " must be 64 lowercase hex digits");
        }
        return Bytes.fromHex(hex);
    }

    private static void checkValue(JsonNode root, String field, Bytes derived) {
        if (root.has(field) && !text(root, field).equals(derived.toHex())) {
            throw new IllegalArgumentException(field + " " + root.get(field).asText() + " is not the one the file's "
                    + "chain id, genesis time and validators give, " + derived.toHex() + " (a changed or mixed-up file)");
        }
    }

    private static void requireObject(JsonNode node, Set<String> allowed, Set<String> required, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(what + " has an unknown field '" + f + "'");
            }
        }
        for (String f : required) {
            if (!node.has(f)) {
                throw new IllegalArgumentException(what + " lacks the field '" + f + "'");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("field " + field + " must be a string");
        }
        return n.textValue();
    }

    /** The canonical layout (§7.19): fields in this order, two-space indent, LF line ends, a final LF. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("chainId", chainId);
        root.put("genesisTimeMs", genesisTimeMs);
        ArrayNode list = root.putArray("validators");
        for (int i = 0; i < validators.size(); i++) {
            Validator v = validators.get(i);
            list.addObject().put("index", i).put("id", v.id()).put("signingPublicKey", v.signingKey().toHex())
                    .put("vrfPublicKey", v.vrfKey().toHex()).put("gossipUrl", v.gossipUrl());
        }
        root.put("validatorSetHash", validators.hash().toHex());
        root.put("genesisBlockId", genesis().id().toHex());
        try {
            return JSON.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chain file always serializes", e);
        }
    }
}
