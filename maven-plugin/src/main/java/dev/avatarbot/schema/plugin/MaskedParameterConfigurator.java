package dev.avatarbot.schema.plugin;

import java.util.function.Function;

import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.converters.basic.AbstractBasicConverter;

/**
 * Maven's configurator with one addition: it builds the masked parameters ({@link MaskedUrl},
 * {@link Password}) from their text, on every Maven this plugin supports.
 *
 * <p>Without it, Maven 3.9 builds them through their String constructor, but Maven 3.8 looks for a
 * {@code set(String)} method, and the {@code -X} parameter dump prints what it passes to that method:
 * the raw password. A converter hands Maven the finished object, so the dump shows only its masked
 * {@code toString()}. Every goal names this configurator ({@code @Mojo(configurator = HINT)}); it is
 * registered as a Plexus component in {@code META-INF/plexus/components.xml}.
 */
public class MaskedParameterConfigurator extends BasicComponentConfigurator {

    static final String HINT = "avatar-db-masked";

    public MaskedParameterConfigurator() {
        converterLookup.registerConverter(new TextConverter(MaskedUrl.class, MaskedUrl::new));
        converterLookup.registerConverter(new TextConverter(Password.class, Password::new));
    }

    /** Builds one type from a parameter's text. */
    private static final class TextConverter extends AbstractBasicConverter {

        private final Class<?> type;
        private final Function<String, ?> fromText;

        TextConverter(Class<?> type, Function<String, ?> fromText) {
            this.type = type;
            this.fromText = fromText;
        }

        @Override
        public boolean canConvert(Class<?> candidate) {
            return candidate == type;
        }

        @Override
        protected Object fromString(String text) {
            return fromText.apply(text);
        }
    }
}
