package io.diseq.node.publish;

import io.diseq.node.config.KafkaSettings;
import io.diseq.node.store.BlockRow;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.StorageErrors;
import io.diseq.schemas.BlockRecord;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes finalized blocks to {@code <chain>.blocks}: exactly one record per height, in height
 * order, while validators crash and restart (docs/protocol.md §Output topic; the argument is in
 * docs/architecture.md §Finalized-block topic).
 *
 * <p>Every validator runs this with the SAME transactional id ({@code <chain>.blocks-publisher}).
 * Only an ACTIVE publisher holds a producer. Becoming active: {@code initTransactions()} (which
 * fences every older instance and resolves its open transaction), then wait until no transaction
 * is open on the partition (records after the committed tail that may still commit; one that stays
 * open for {@code hangingTransactionAbortMs} is a hanging transaction and is aborted), then read the
 * topic's last committed record, then publish heights last+1, … from the local store in
 * transactions. A fenced publisher drops to STANDBY and watches the tail; it claims the duty again
 * only when the tail has not moved for its takeover delay while its own store is ahead. A standby
 * that cannot read the tail stays standby; one that cannot read its store keeps its role and retries. A
 * publisher whose transaction outcome is unknown
 * re-claims (re-init, re-read) rather than guessing.
 */
public final class BlockPublisher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BlockPublisher.class);

    /** Duty state of this publisher. */
    public enum Role { STANDBY, CLAIMING, ACTIVE }

    private final String chainId;
    private final KafkaSettings kafka;
    private final PublisherSettings settings;
    private final BlockStore store;
    private final Map<String, Object> extraConfig;
    private final CrashPoint crashPoint;
    private final Object wakeup = new Object();

    private volatile boolean running;
    private volatile Throwable failure;
    private volatile Role role = Role.STANDBY;
    private volatile long publishedHeight = -1;
    private final AtomicLong claims = new AtomicLong();
    private final AtomicLong fencings = new AtomicLong();
    private final AtomicLong settleWaits = new AtomicLong();
    private final AtomicLong standbyReadFailures = new AtomicLong();
    private final AtomicLong storageFailures = new AtomicLong();
    private final AtomicLong hangingAborted = new AtomicLong();
    private boolean storedSignal;
    private long observedTail = Long.MIN_VALUE;
    private long observedSinceNanos;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;
    private Thread thread;

    public BlockPublisher(String chainId, KafkaSettings kafka, PublisherSettings settings, BlockStore store,
                          Map<String, Object> extraConfig, CrashPoint crashPoint) {
        this.chainId = chainId;
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
        this.extraConfig = Map.copyOf(extraConfig);
        this.crashPoint = crashPoint;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "block-publisher-" + kafka.blocksTopic());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        blockStored();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        thread = null;
        closeProducer();
        if (tail != null) {
            tail.close();
        }
    }

    /** Tells the publisher a block was stored, so it publishes without waiting for its next check. */
    public void blockStored() {
        synchronized (wakeup) {
            storedSignal = true;
            wakeup.notifyAll();
        }
    }

    public Role role() {
        return role;
    }

    /** The last height this publisher knows to be on the topic (-1: none yet). */
    public long publishedHeight() {
        return publishedHeight;
    }

    /** How often this publisher claimed the duty (each claim fences the previous holder). */
    public long claims() {
        return claims.get();
    }

    /** How often this publisher found itself fenced by another one. */
    public long fencings() {
        return fencings.get();
    }

    /** How many claims found a transaction open on the block topic and waited for it to end. */
    public long settleWaits() {
        return settleWaits.get();
    }

    /** How often this publisher, standing by, could not read the block topic (and stayed standby). */
    public long standbyReadFailures() {
        return standbyReadFailures.get();
    }

    /** How often a step found the local database unavailable (the publisher kept its role and retried). */
    public long storageFailures() {
        return storageFailures.get();
    }

    /** How many hanging transactions on the block topic this publisher aborted. */
    public long hangingTransactionsAborted() {
        return hangingAborted.get();
    }

    /** The unexpected error that stopped the publisher, or null. */
    public Throwable failure() {
        return failure;
    }

    private void loop() {
        try {
            while (running) {
                step();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("block publisher of {} stopped", kafka.blocksTopic(), e);
        }
    }

    private void step() {
        try {
            if (tail == null) {
                tail = new TopicTail(kafka.bootstrapServers(), kafka.blocksTopic(),
                        Duration.ofMillis(kafka.requestTimeoutMs()), extraConfig);
            }
            switch (role) {
                case STANDBY -> watch();
                case CLAIMING -> claim();
                case ACTIVE -> publishNext();
            }
        } catch (KafkaException e) {
            onKafkaError(e);
        } catch (RuntimeException e) {
            if (!StorageErrors.isUnavailable(e)) {
                throw e;
            }
            onStorageUnavailable(e);
        }
    }

    /**
     * The local database is unavailable (stopped, restarting): keep the role and try again. Reads of the store
     * come before any transaction is begun, so an ACTIVE publisher keeps its producer; a claim starts over.
     */
    private void onStorageUnavailable(RuntimeException e) {
        storageFailures.incrementAndGet();
        LOG.warn("block publisher: database unavailable ({}); {} and trying again", e.toString(), role);
        if (role == Role.CLAIMING) {
            closeProducer();
        }
        pause(settings.checkIntervalMs());
    }

    private void onKafkaError(KafkaException e) {
        closeProducer();
        if (role == Role.STANDBY) {
            standbyReadFailures.incrementAndGet();
            LOG.warn("block publisher standing by: cannot read the block topic: {}", e.toString());
            observedTail = Long.MIN_VALUE;
            pause(settings.checkIntervalMs());
        } else if (isFenced(e)) {
            LOG.info("block publisher fenced by another validator; standing by");
            fencings.incrementAndGet();
            role = Role.STANDBY;
            observedTail = Long.MIN_VALUE;
        } else {
            LOG.warn("block publisher: {}; re-claiming after {} ms", e.toString(), settings.checkIntervalMs());
            role = Role.CLAIMING;
            await(settings.checkIntervalMs());
        }
    }

    private static boolean isFenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /** STANDBY: claim the duty once the tail has stalled for the takeover delay while this store is ahead. */
    private void watch() {
        long tailHeight = tailHeight(tail.last());
        publishedHeight = tailHeight;
        long own = store.latest().map(BlockRow::height).orElse(-1L);
        long now = System.nanoTime();
        if (own <= tailHeight || tailHeight != observedTail) {
            observedTail = tailHeight;
            observedSinceNanos = now;
        }
        if (own > tailHeight && now - observedSinceNanos >= TimeUnit.MILLISECONDS.toNanos(settings.takeoverDelayMs())) {
            role = Role.CLAIMING;
            return;
        }
        pause(settings.checkIntervalMs());
    }

    /** CLAIMING: fence every older publisher, then learn what is already on the topic. */
    private void claim() {
        producer = new KafkaProducer<>(producerConfig());
        producer.initTransactions();
        claims.incrementAndGet();
        if (!awaitNoOpenTransaction()) {
            return;
        }
        Optional<ConsumerRecord<byte[], byte[]>> last = tail.last();
        last.ifPresent(this::requireSameBlockAsStored);
        publishedHeight = tailHeight(last);
        role = Role.ACTIVE;
    }

    /**
     * Waits until no transaction is open on the block topic, so that the committed tail read next is
     * final: records of an open transaction lie after it and may still commit (a transaction whose
     * markers are still being written, or one that a broker restart left without a coordinator that
     * will ever end it). Publishing after the committed tail while one is open could publish its
     * heights a second time. After {@code hangingTransactionAbortMs} the open transactions are
     * aborted, as an operator would with {@code kafka-transactions.sh abort}: this publisher's own
     * {@code initTransactions()} already ended every transaction its coordinator knows of, and
     * nothing else may write to the topic. Returns false if the publisher is stopping.
     */
    private boolean awaitNoOpenTransaction() {
        long since = System.nanoTime();
        boolean waited = false;
        for (Optional<TopicTail.OpenSpan> open = tail.openSpan(); open.isPresent(); open = tail.openSpan()) {
            if (!waited) {
                waited = true;
                settleWaits.incrementAndGet();
                LOG.info("block topic has a transaction open at offsets {}..{}; waiting for it to end before "
                        + "reading the tail", open.get().stable(), open.get().end() - 1);
            }
            if (!running) {
                return false;
            }
            if (System.nanoTime() - since >= TimeUnit.MILLISECONDS.toNanos(settings.hangingTransactionAbortMs())) {
                for (ProducerState hanging : tail.openTransactions()) {
                    LOG.warn("aborting a hanging transaction on the block topic: producer {} epoch {} open since "
                            + "offset {} (open for more than {} ms)", hanging.producerId(), hanging.producerEpoch(),
                            hanging.currentTransactionStartOffset().orElse(-1),
                            settings.hangingTransactionAbortMs());
                    tail.abort(hanging);
                    hangingAborted.incrementAndGet();
                }
                since = System.nanoTime();
            }
            pause(settings.checkIntervalMs()); // a stored block changes nothing here: no Admin call per block
        }
        return true;
    }

    /** ACTIVE: publish the next stored heights in one transaction. */
    private void publishNext() {
        List<BlockRow> next = store.blocksFrom(publishedHeight + 1, settings.maxBlocksPerTransaction());
        if (next.isEmpty() || (publishedHeight >= 0 && next.get(0).height() != publishedHeight + 1)) {
            await(settings.checkIntervalMs());
            return;
        }
        producer.beginTransaction();
        for (BlockRow row : next) {
            producer.send(new ProducerRecord<>(kafka.blocksTopic(), 0, BlockRecord.key(row.height()),
                    BlockRecord.of(chainId, row.height(), row.blockId(), row.headerRlp(), row.certificate(),
                            row.blockTimeMs()).toJson()));
        }
        long first = next.get(0).height();
        long last = next.get(next.size() - 1).height();
        crashPoint.beforeCommit(first, last);
        producer.commitTransaction();
        publishedHeight = last;
    }

    /**
     * The topic and this store must agree on the tail block; if not, the chain forked or the
     * store is corrupt, and publishing anything more would spread the damage.
     */
    private void requireSameBlockAsStored(ConsumerRecord<byte[], byte[]> record) {
        BlockRecord published = BlockRecord.fromJson(record.value());
        long height = BlockRecord.height(record.key());
        store.block(height).ifPresent(row -> {
            if (!Arrays.equals(row.blockId(), published.blockIdBytes())) {
                throw new IllegalStateException("block topic holds block " + published.blockId() + " at height "
                        + height + " but this validator stored a different block there");
            }
        });
    }

    private static long tailHeight(Optional<ConsumerRecord<byte[], byte[]>> last) {
        return last.map(r -> BlockRecord.height(r.key())).orElse(-1L);
    }

    /** Waits up to {@code ms}, or less if a block is stored meanwhile (the active publisher's wait). */
    private void await(long ms) {
        waitFor(ms, true);
    }

    /**
     * Waits the whole interval (a standby has no use for the stored-block signal, which comes with every
     * block); only stopping ends the wait early.
     */
    private void pause(long ms) {
        waitFor(ms, false);
    }

    private void waitFor(long ms, boolean untilStored) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (wakeup) {
            for (long left = ms; running && left > 0 && !(untilStored && storedSignal);
                 left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                try {
                    wakeup.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            storedSignal = false;
        }
    }

    private void closeProducer() {
        KafkaProducer<byte[], byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ZERO);
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.publisherTransactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeoutMs());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.requestTimeoutMs());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "diseq-blocks-" + chainId + "-" + settings.validatorIndex());
        config.putAll(extraConfig);
        return config;
    }
}
