package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Mosaic launcher glue: a {@link PluginsService} whose plugins are plain classes on the JVM classpath
 * instead of plugin bundles unpacked under {@code modules/} and {@code plugins/} directories.
 *
 * <p>Lives in the {@code org.elasticsearch.plugins} package (split package on the classpath) because the
 * hooks it needs ({@code LoadedPlugin}, {@code loadPlugin}, {@code loadExtensions}) are package-private.
 * Elasticsearch only publishes its server and transport jars to Maven Central, not a ready-made way to
 * start a node from them, so this is the seam the launcher uses. Written for Elasticsearch 8.19.x.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        // no module/plugin bundles on disk: an empty loader
        super(settings, environment.configDir(), new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin instance = loadPlugin(pluginClass, settings, environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(
                pluginClass.getName(),
                "classpath plugin (Mosaic search launcher)",
                Build.current().version(),
                Build.current().version(),
                Integer.toString(Runtime.version().feature()),
                pluginClass.getName(),
                null,
                List.of(),
                false,
                false,
                false,
                false
            );
            loaded.add(new LoadedPlugin(descriptor, instance, pluginClass.getClassLoader()));
        }
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
    }

    @Override
    protected final List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(
            classpathPlugins.stream().map(LoadedPlugin::descriptor).map(PluginRuntimeInfo::new).toList(),
            List.of()
        );
    }

    /** All classpath plugins share one class loader: look each service up once per loader, not once per plugin. */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        for (LoadedPlugin plugin : classpathPlugins) {
            loaders.add(plugin.instance().getClass().getClassLoader());
        }
        List<T> result = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            ServiceLoader.load(service, loader).forEach(result::add);
        }
        return List.copyOf(result);
    }
}
