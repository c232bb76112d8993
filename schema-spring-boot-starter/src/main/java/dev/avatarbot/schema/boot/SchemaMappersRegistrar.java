package dev.avatarbot.schema.boot;

import dev.avatarbot.schema.mapper.SchemaSessions;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;

/** A bean for each of {@link SchemaSessions#MAPPERS} ({@code userMapper}, ...), unless the service defines one by that name. */
class SchemaMappersRegistrar implements ImportBeanDefinitionRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClass, BeanDefinitionRegistry registry) {
        for (Class<?> mapper : SchemaSessions.MAPPERS) {
            String name = StringUtils.uncapitalize(mapper.getSimpleName());
            if (registry.containsBeanDefinition(name)) {
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(SchemaMapperFactoryBean.class);
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, mapper);
            definition.getConstructorArgumentValues().addIndexedArgumentValue(1,
                    new RuntimeBeanReference(SqlSessionTemplate.class));
            definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, mapper);
            registry.registerBeanDefinition(name, definition);
        }
    }
}
