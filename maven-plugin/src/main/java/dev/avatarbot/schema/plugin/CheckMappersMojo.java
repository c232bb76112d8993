package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.mappercheck.MapperCheck;
import dev.avatarbot.schema.mappercheck.MapperReport;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Proves the mappers against the schema: on a scratch database at the newest revision, every
 * mapped statement of schema-lib and of the service ({@code schema.mappers}, read from its build
 * output) is run in each branch of its dynamic SQL, in a transaction that is rolled back, and its
 * result columns are compared with its mapping. A statement passes only when it runs, or when the
 * sample values trip a constraint or a trigger's exception; anything else fails the goal, naming the
 * statement, the branch, the cause and its SQLSTATE.
 */
@Mojo(name = "check-mappers", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMappersMojo extends AbstractScratchMojo {

    /**
     * The service's own mappers, checked beside schema-lib's, comma-separated: packages of mapper
     * interfaces ({@code com.acme.mapper}, with their XML beside them) or patterns of mapper XML files
     * under the build's output directory ({@code com/acme/**}{@code /*Mapper.xml}). Compile first.
     */
    @Parameter(property = "schema.mappers")
    private String mappers;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        try (ServiceMappers service = ServiceMappers.of(session, mappers)) {
            MapperReport report = withScratchDatabase(database -> {
                String revision = new SchemaMigrations(database, changelogSource()).upgrade().to();
                getLog().info("Mappers on the schema at " + revision + " (" + changelogSource().describe() + ")");
                return new MapperCheck(database).run(service.sources());
            });
            getLog().info("Mappers: " + report.describeMappers());
            report.skipped().forEach(getLog()::warn);
            getLog().info(report.summary());
            report.orThrow();
        }
    }
}
