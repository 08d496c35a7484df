package io.diseq.devnet;

/**
 * Where the generated network runs, which decides host names, ports and paths in the configs
 * (docs/runbooks.md §Network generator).
 * <ul>
 *   <li>{@link #LOCAL}: every process on this machine (the devnet): {@code localhost}, public, admin and
 *       gossip ports per validator, key files and ingest state under the output directory, one PostgreSQL server
 *       with one database per validator.</li>
 *   <li>{@link #COMPOSE}: one container per service (docker-compose.yml): the service name is the
 *       host, every service listens on the same container ports, key files are mounted at
 *       {@link #COMPOSE_KEY_FILE}, each validator has its own PostgreSQL service, and the database
 *       password comes from the environment.</li>
 * </ul>
 */
public enum Layout {
    LOCAL,
    COMPOSE;

    public static final String COMPOSE_KEY_FILE = "/etc/diseq/validator.key";
    public static final int COMPOSE_HTTP_PORT = 8080;
    public static final int COMPOSE_ADMIN_PORT = 8081;
    /** The gossip server (validator to validator only; not published by compose). */
    public static final int COMPOSE_GOSSIP_PORT = 8082;
    public static final int COMPOSE_INGEST_HTTP_PORT = 8090;
    public static final int COMPOSE_INGEST_ADMIN_PORT = 8091;
    public static final String COMPOSE_KAFKA_BOOTSTRAP = "kafka:9092";
    public static final String COMPOSE_INGEST_STATE_DIR = "/var/lib/diseq-ingest";
    /** The compose services take the database password from this variable (compose sets it). */
    public static final String DB_PASSWORD_ENV = "DISEQ_DB_PASSWORD";
}
