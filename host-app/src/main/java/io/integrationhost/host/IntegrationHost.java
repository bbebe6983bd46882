package io.integrationhost.host;

import io.integrationhost.host.actions.ActionRunner;
import io.integrationhost.host.admin.AdminAccess;
import io.integrationhost.host.admin.AdminSessionStore;
import io.integrationhost.host.audit.AuditRetention;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.credentials.CredentialChecks;
import io.integrationhost.host.credentials.CredentialSchemas;
import io.integrationhost.host.catalog.Catalog;
import io.integrationhost.host.config.HostConfig;
import io.integrationhost.host.configuration.ConfigurationStore;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.configuration.OwnerBinding;
import io.integrationhost.host.credentials.SecretKeysBackfill;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.endusers.UserAuthorizationStore;
import io.integrationhost.host.logging.SecretBearingLoggers;
import io.integrationhost.host.metrics.HostMetrics;
import io.integrationhost.host.oauth.OAuthClient;
import io.integrationhost.host.oauth.OAuthFlows;
import io.integrationhost.host.oauth.OAuthServices;
import io.integrationhost.host.oauth.OAuthTokens;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.profiles.ProfileDependents;
import io.integrationhost.host.profiles.ProfileStore;
import io.integrationhost.host.profiles.ProfileTypes;
import io.integrationhost.host.plugins.CredentialSchemaUpgrades;
import io.integrationhost.host.plugins.PluginAdministration;
import io.integrationhost.host.plugins.UpgradeConnectionCheck;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;
import io.integrationhost.host.config.StartupException;
import io.integrationhost.runtime.worker.Isolation;
import io.integrationhost.runtime.worker.Sandbox;
import io.integrationhost.runtime.worker.WorkerSettings;
import io.integrationhost.host.storage.Database;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import io.integrationhost.host.vault.KeyCheck;
import io.integrationhost.host.vault.MasterKey;
import io.integrationhost.host.web.HostServices;
import io.integrationhost.host.web.WebServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running host: the composition root. Each collaborator is created here, in dependency order, and
 * closed in reverse.
 */
public final class IntegrationHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntegrationHost.class);
    /** Action entries waiting to be written; a caller that finds it full writes the backlog itself. */
    private static final int AUDIT_QUEUE = 10_000;
    /** How long the host waits for an OAuth 2.0 provider's token or revocation endpoint. */
    private static final Duration OAUTH_TIMEOUT = Duration.ofSeconds(20);

    private final HostConfig config;
    private final HostMetrics metrics;
    private final Database database;
    private final PluginRuntime plugins;
    private final PluginCalls calls;
    private final AuditTrail audit;
    private final AuditRetention retention;
    private final OAuthTokens tokens;
    private final HostServices services;
    private final WebServer web;

    private IntegrationHost(HostConfig config, HostMetrics metrics, Database database, PluginRuntime plugins, PluginCalls calls,
                            AuditTrail audit, AuditRetention retention, OAuthTokens tokens, HostServices services, WebServer web) {
        this.config = config;
        this.metrics = metrics;
        this.database = database;
        this.plugins = plugins;
        this.calls = calls;
        this.audit = audit;
        this.retention = retention;
        this.tokens = tokens;
        this.services = services;
        this.web = web;
    }

    public static IntegrationHost start(HostConfig config) {
        SecretBearingLoggers.installInThisProcess();
        Clock clock = Clock.systemUTC();
        // Settings are read before anything starts, so that a wrong one stops the host with its message and nothing to undo.
        int callThreads = config.pluginCallThreads();
        int callQueue = config.pluginCallQueue();
        Duration callTimeout = config.actionTimeout();
        Duration auditFlush = config.auditFlushInterval();
        Duration auditRetention = config.auditRetention();
        Database database = config.databaseUrl() == null ? Database.openEmbedded(config.dataDir(), config.databasePoolSize())
                : Database.open(config.databaseUrl(), config.env("HOST_DATABASE_USER"), config.env("HOST_DATABASE_PASSWORD"),
                        config.databasePoolSize());
        // The one registry: each part that records is handed it here.
        HostMetrics metrics = HostMetrics.start();
        PluginRuntime plugins = null;
        PluginCalls calls = null;
        AuditTrail audit = null;
        AuditRetention retention = null;
        OAuthTokens tokens = null;
        try {
            database.measuredBy(metrics.registry());
            Jdbc jdbc = database.jdbc();
            audit = AuditTrail.batched(jdbc, clock, AUDIT_QUEUE, auditFlush);
            metrics.watch(audit);
            retention = new AuditRetention(jdbc, clock, auditRetention).start();
            CredentialVault vault = new CredentialVault(MasterKey.load(config.env(MasterKey.ENVIRONMENT_VARIABLE), config.dataDir()));
            KeyCheck.verify(vault, jdbc, clock);
            // The host's stores, each built here once and handed to the capabilities that read and write it.
            ConfigurationStore configurationStore = new ConfigurationStore(jdbc);
            ProfileStore profileStore = new ProfileStore(jdbc);
            UserAuthorizationStore userStore = new UserAuthorizationStore(jdbc);
            AdminSessionStore adminSessions = new AdminSessionStore(jdbc);
            // Rows stored before the names of their secrets were kept get them now, so that masking never decrypts.
            for (SecretKeysBackfill.StoredSets sets : List.of(ConfigurationStore.SECRETS, ProfileStore.SECRETS,
                    UserAuthorizationStore.SECRETS)) {
                SecretKeysBackfill.fill(jdbc, vault, sets);
            }
            AdminAccess admin = AdminAccess.create(config.env(AdminAccess.ENVIRONMENT_VARIABLE), config.dataDir(), adminSessions,
                    clock, System.out);
            calls = new PluginCalls(callThreads, callQueue, callTimeout);
            metrics.watch(calls);
            // A plugin whose calls outlived the host's patience keeps their threads: it is not loaded again until they end.
            plugins = new PluginRuntime(config.pluginsDir(), IntegrationConfigurations.owners(configurationStore),
                    calls::requireNoAbandonedCalls, isolation(config, calls));
            plugins.load();
            metrics.watch(plugins);
            CredentialChecks checks = new CredentialChecks(calls, config.environment());
            ProfileTypes profileTypes = new ProfileTypes(plugins);
            OAuthClient oauthClient = new OAuthClient(OAUTH_TIMEOUT, clock);
            // Tokens whose credentials were removed are revoked at the provider and deleted: now (those removed while
            // no host could, after a crash), after each removal, and every minute.
            tokens = new OAuthTokens(jdbc, vault, oauthClient, audit, clock, metrics.registry()).startSweeping();
            // A profile is used by integrations' configurations, and end users authorized through it.
            ProfileDependents profileDependents = new ProfileDependents(configurationStore::usingProfile,
                    userStore::deleteForProfile, tokens::sweepSoon);
            AuthorizationProfiles profiles = new AuthorizationProfiles(jdbc, profileStore, profileDependents, profileTypes, vault,
                    checks, audit, clock);
            CredentialSchemas schemas = new CredentialSchemas(jdbc);
            // The public base is known once the web server listens, unless HOST_PUBLIC_URL gives it.
            AtomicReference<URI> publicBase = new AtomicReference<>(config.publicUrl());
            OAuthServices oauth = new OAuthServices(oauthClient, tokens,
                    new OAuthFlows(jdbc, vault, oauthClient, clock, publicBase::get), config.environment());
            IntegrationConfigurations configurations = new IntegrationConfigurations(jdbc, configurationStore, userStore, profiles,
                    profileTypes, vault, checks, schemas, audit, clock, plugins, oauth);
            // A new version of a plugin takes over only once it passed its connection test with the stored credentials.
            plugins.checkUpgradesWith(new UpgradeConnectionCheck(configurations, checks, audit));
            // Bound now to the plugins in the folder, and again after each install through the API.
            OwnerBinding ownerBinding = new OwnerBinding(plugins, configurations, profiles);
            ownerBinding.bindUnbound();
            EndUserAuthorizations endUsers = new EndUserAuthorizations(jdbc, userStore, configurationStore, plugins, profiles,
                    profileTypes, vault, checks, schemas, audit, clock, config.linkLifetime(), publicBase::get, oauth);
            // Stored credentials are compared with the fields the plugins in the folder declare (a jar replaced while the
            // host was stopped), and again after each install through the API.
            CredentialSchemaUpgrades schemaUpgrades = new CredentialSchemaUpgrades(plugins, configurations, endUsers, profiles,
                    profileTypes, schemas, audit);
            schemaUpgrades.compareAll();
            ActionRunner actions = new ActionRunner(plugins, configurations, endUsers, calls, audit, config.environment(), clock,
                    oauth, metrics.registry());
            Catalog catalog = new Catalog(plugins, configurations);
            PluginAdministration pluginAdministration = new PluginAdministration(plugins, audit, ownerBinding, schemaUpgrades);
            HostServices services = new HostServices(plugins, calls, pluginAdministration, catalog, configurations, profiles, endUsers,
                    actions, audit, admin, oauth, metrics);
            WebServer web = WebServer.start(config, services);
            IntegrationHost host = new IntegrationHost(config, metrics, database, plugins, calls, audit, retention, tokens,
                    services, web);
            publicBase.compareAndSet(null, host.baseUri());
            log.info("Integration Host is serving at {} (plugins: {}, data: {})", host.baseUri(), config.pluginsDir(),
                    config.dataDir());
            return host;
        } catch (RuntimeException e) {
            if (calls != null) {
                calls.close();
            }
            if (plugins != null) {
                plugins.close();
            }
            if (retention != null) {
                retention.close();
            }
            if (tokens != null) {
                tokens.close();
            }
            if (audit != null) {
                audit.close();
            }
            database.close();
            metrics.close();
            throw e;
        }
    }

    /**
     * How plugins run: each in a worker process of its own (in a bubblewrap sandbox where one can run) but those the
     * operator trusts to run in this process. What that means is said once at start.
     */
    private static Isolation isolation(HostConfig config, PluginCalls calls) {
        String mode = config.pluginSandbox();
        Sandbox sandbox = "none".equals(mode) ? Sandbox.none("turned off by HOST_PLUGIN_SANDBOX=none")
                : Sandbox.detect(config.env("PATH") != null ? config.env("PATH") : System.getenv("PATH"));
        if ("required".equals(mode) && !sandbox.available()) {
            throw new StartupException("HOST_PLUGIN_SANDBOX=required, but plugin workers cannot run in a sandbox here: "
                    + sandbox.reason() + ".", "Install bubblewrap (the Debian package bubblewrap), or set HOST_PLUGIN_SANDBOX=auto.");
        }
        WorkerSettings settings = new WorkerSettings(config.inProcessPlugins(), config.pluginWorkerHeap(),
                config.pluginWorkerIdle(), config.actionTimeout(), calls.callsPerPlugin(), config.environment(), sandbox,
                List.of(config.dataDir(), config.pluginsDir()), config.pluginWorkerJit());
        if (sandbox.available()) {
            log.info("Plugins run in worker processes of their own, each in a bubblewrap sandbox{}",
                    settings.inProcess().isEmpty() ? "" : "; in the host's process: " + String.join(", ", settings.inProcess()));
        } else {
            log.warn("Plugins run in worker processes of their own without a sandbox ({}): weaker isolation, a plugin can"
                    + " read the files this host's user can{}", sandbox.reason(),
                    settings.inProcess().isEmpty() ? "" : "; in the host's process: " + String.join(", ", settings.inProcess()));
        }
        return Isolation.workers(settings);
    }

    /** Where the host answers, such as {@code http://127.0.0.1:8080/}. */
    public URI baseUri() {
        String address = config.bindAddress();
        String host = "0.0.0.0".equals(address) || "::".equals(address) ? "127.0.0.1" : address;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.port() + "/");
    }

    public PluginRuntime plugins() {
        return plugins;
    }

    /** The routes the HTTP server answers (the API's description must cover exactly these). */
    public java.util.List<WebServer.Route> routes() {
        return web.routes();
    }

    /** What the web layer serves, for callers inside the process. */
    public HostServices services() {
        return services;
    }

    @Override
    public void close() {
        web.close();
        calls.close();
        plugins.close();
        // Calls that ended while the pool closed have queued their entries by now: they are written before the database goes.
        retention.close();
        // A revocation under way ends (and is audited) before the audit trail and the database go.
        tokens.close();
        audit.close();
        database.close();
        metrics.close();
    }
}
