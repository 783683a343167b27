package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;
import java.util.List;

/**
 * Mosaic launcher glue: an Elasticsearch {@link Node} whose plugins (e.g. the Netty4 HTTP transport) are
 * classes on the classpath. In {@code org.elasticsearch.node} because {@code NodeServiceProvider} and the
 * {@code Node(NodeConstruction)} constructor are package-private. Written for Elasticsearch 8.19.x.
 */
public class ClasspathPluginsNode extends Node {

    public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(NodeConstruction.prepareConstruction(environment, null, new ClasspathServiceProvider(List.copyOf(pluginClasses)), true));
    }

    private static final class ClasspathServiceProvider extends NodeServiceProvider {
        private final List<Class<? extends Plugin>> pluginClasses;

        ClasspathServiceProvider(List<Class<? extends Plugin>> pluginClasses) {
            this.pluginClasses = pluginClasses;
        }

        @Override
        PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
            return new ClasspathPluginsService(environment.settings(), environment, pluginClasses);
        }
    }
}
