package dev.mosaic.search;

import org.elasticsearch.Build;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts a single embedded Elasticsearch node for local development and integration tests.
 *
 * <pre>
 *   java -cp 'lib/*:mosaic-search-node.jar' dev.mosaic.search.SearchNodeLauncher \
 *        --config infra/search/config -Epath.home=... -Epath.data=... [-Ekey=value ...]
 * </pre>
 *
 * Settings come from {@code <config>/elasticsearch.yml} and are overridden by {@code -E} arguments.
 * Logging is configured from {@code <config>/log4j2.properties} (console; the start script redirects it to a file).
 * The node stops cleanly on SIGTERM (JVM shutdown hook).
 */
public final class SearchNodeLauncher {

    /** Plugins that a full distribution would load from modules/: here they are classes on the classpath. */
    static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, AsciiFoldingAnalysisPlugin.class, RootInfoPlugin.class);

    private SearchNodeLauncher() {}

    public static void main(String[] args) {
        Path configDir = null;
        Settings.Builder cli = Settings.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config") && i + 1 < args.length) {
                configDir = Path.of(args[++i]).toAbsolutePath().normalize();
            } else if (arg.startsWith("-E") && arg.indexOf('=') > 2) {
                int eq = arg.indexOf('=');
                cli.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                System.err.println("search-node: unknown argument " + arg);
                System.exit(64);
            }
        }
        if (configDir == null || Files.isDirectory(configDir) == false) {
            System.err.println("search-node: --config <dir> is required and must exist (got " + configDir + ")");
            System.exit(64);
        }

        final Node node;
        try {
            LogConfigurator.registerErrorListener();
            Environment environment = InternalSettingsPreparer.prepareEnvironment(cli.build(), Map.of(), configDir, () -> "mosaic-search");
            LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
            LogConfigurator.configure(environment, true);
            node = new ClasspathPluginsNode(environment, PLUGINS);
        } catch (Throwable t) {
            System.err.println("search-node: failed to configure the Elasticsearch node");
            t.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("search-node: shutting down");
                node.prepareForClose();
                node.close();
                if (node.awaitClose(30, TimeUnit.SECONDS) == false) {
                    System.err.println("search-node: node did not close within 30s");
                }
            } catch (Throwable t) {
                t.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "mosaic-search-shutdown"));

        try {
            node.start();
        } catch (Throwable t) {
            System.err.println("search-node: failed to start the Elasticsearch node");
            t.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println("search-node: Elasticsearch " + Build.current().version() + " started on java " + Runtime.version());

        // Elasticsearch's own threads are daemons in places: keep the JVM alive until shutdown.
        Thread keepAlive = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mosaic-search-keepalive");
        keepAlive.setDaemon(false);
        keepAlive.start();
    }
}
