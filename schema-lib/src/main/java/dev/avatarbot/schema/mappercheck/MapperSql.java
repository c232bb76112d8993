package dev.avatarbot.schema.mappercheck;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;

/**
 * The SQL of every mapped statement the sources load, as MyBatis renders it in each branch of its
 * dynamic SQL ({@code <include>}s, {@code <if>}s, {@code <choose>}s, {@code <foreach>}es), without a
 * database: what lint reads to find the statements a schema change pulls a table or column from
 * under.
 */
public final class MapperSql {

    private MapperSql() {
    }

    /**
     * Each statement's renderings, one per line, keyed by its short name ({@code UserMapper.insert}).
     * A branch that cannot be rendered is left out (schema:check-mappers reports it).
     */
    public static Map<String, String> of(MapperSources sources) {
        Configuration configuration = sources.load(null);
        SampleValues samples = new SampleValues(configuration);
        Map<String, String> texts = new TreeMap<>();
        for (MappedStatement statement : MapperCheck.statements(configuration)) {
            Set<String> sql = new LinkedHashSet<>();
            for (Renderings.Rendering rendering
                    : new Renderings(configuration, statement, samples, MapperCheck.DEFAULT_BUDGET).all()) {
                if (rendering.bound() != null) {
                    sql.add(rendering.bound().getSql().replaceAll("\\s+", " ").strip());
                }
            }
            texts.merge(MapperCheck.name(statement), String.join("\n", sql), (a, b) -> a + "\n" + b);
        }
        return texts;
    }
}
