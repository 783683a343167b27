package dev.mosaic.search;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;
import java.util.Map;

/**
 * Provides the {@code asciifolding} token filter (folds "Müller" to "muller" together with {@code lowercase}).
 *
 * <p>In a normal Elasticsearch distribution this filter comes from the {@code analysis-common} module, which
 * Elastic does not publish to Maven Central. The filter itself is Lucene's {@link ASCIIFoldingFilter}
 * (lucene-analysis-common, a dependency of the server jar), so this small plugin registers it under the same
 * name and with the same {@code preserve_original} option, keeping index mappings portable to a real cluster.
 */
public final class AsciiFoldingAnalysisPlugin extends Plugin implements AnalysisPlugin {

    public static final String NAME = "asciifolding";

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(NAME, (indexSettings, environment, name, settings) -> {
            boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
            return new FoldingFilterFactory(name, settings, preserveOriginal);
        });
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(PreConfiguredTokenFilter.singleton(NAME, true, ASCIIFoldingFilter::new));
    }

    private static final class FoldingFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        FoldingFilterFactory(String name, org.elasticsearch.common.settings.Settings settings, boolean preserveOriginal) {
            super(name, settings);
            this.preserveOriginal = preserveOriginal;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream tokenStream) {
            // normalizers (keyword fields) must emit exactly one token: never preserve the original there
            return new ASCIIFoldingFilter(tokenStream, false);
        }
    }
}
