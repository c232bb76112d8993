package dev.avatarbot.schema.migration;

import java.util.Map;

import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.core.xml.XMLChangeLogSAXParser;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase's XML changelog parser, able to leave out the check against Liquibase's XML schema for
 * one parse: where the scope says {@value #CHECK_SCHEMA} is false (a status read, see
 * {@link ParsedChangelog#parse}). Liquibase reads its own switch for that check only once, when its
 * parser is made, so this holds one parser of each kind. Found by Liquibase's service locator
 * ({@code META-INF/services}); anywhere else, as for any other user of Liquibase in the same JVM, it
 * parses exactly as Liquibase's own.
 */
public final class XmlChangelogParser implements ChangeLogParser {

    /** Scope key: false leaves the XML schema check out of the parses made under it. */
    static final String CHECK_SCHEMA = "avatardb.checkChangelogSchema";

    private final XMLChangeLogSAXParser checking = new XMLChangeLogSAXParser();
    private final XMLChangeLogSAXParser notChecking;

    public XmlChangelogParser() {
        try {
            notChecking = Scope.child(Map.of(GlobalConfiguration.VALIDATE_XML_CHANGELOG_FILES.getKey(), false),
                    XMLChangeLogSAXParser::new);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make Liquibase's XML changelog parser: " + e.getMessage(), e);
        }
    }

    @Override
    public DatabaseChangeLog parse(String physicalChangeLogLocation, ChangeLogParameters changeLogParameters,
                                   ResourceAccessor resourceAccessor) throws ChangeLogParseException {
        boolean check = Scope.getCurrentScope().get(CHECK_SCHEMA, true);
        return (check ? checking : notChecking).parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor);
    }

    @Override
    public boolean supports(String changeLogFile, ResourceAccessor resourceAccessor) {
        return checking.supports(changeLogFile, resourceAccessor);
    }

    @Override
    public int getPriority() {
        return checking.getPriority() + 1;
    }
}
