package com.atsplatform.communications.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.EnumFeature;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Enums travel as lower-case names ({@code "not_interested"}), the form of the contract and of the database. */
@Singleton
// quarkus.jackson.property-naming-strategy=SNAKE_CASE makes Quarkus create the strategy by
// reflection: without this registration every JSON answer of the native runner is a 500.
@RegisterForReflection(targets = PropertyNamingStrategies.SnakeCaseStrategy.class)
class JacksonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true);
        mapper.setConfig(mapper.getDeserializationConfig().with(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS));
    }
}
