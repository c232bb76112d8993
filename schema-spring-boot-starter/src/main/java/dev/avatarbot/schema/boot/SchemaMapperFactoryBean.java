package dev.avatarbot.schema.boot;

import dev.avatarbot.schema.mapper.SchemaSessions;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.FactoryBean;

/**
 * One of schema-lib's mappers as a bean, bound to Boot's {@link SqlSessionTemplate} (so it joins
 * Spring's transactions). Not mybatis-spring's {@code MapperFactoryBean}: a bean of that type would
 * switch off mybatis-spring-boot's scan for the service's own {@code @Mapper} interfaces.
 */
class SchemaMapperFactoryBean<T> implements FactoryBean<T> {

    private final Class<T> mapperType;
    private final SqlSessionTemplate template;

    SchemaMapperFactoryBean(Class<T> mapperType, SqlSessionTemplate template) {
        this.mapperType = mapperType;
        this.template = template;
    }

    @Override
    public T getObject() {
        return SchemaSessions.mapper(mapperType, template);
    }

    @Override
    public Class<T> getObjectType() {
        return mapperType;
    }
}
