package app.rigtrail.platform.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON is read strictly, in one place for every endpoint (issue #16): nothing after the value,
 * no strings or fractions coerced into numbers ("5", 1.5 into an int), no strings into booleans,
 * no numbers taken as dates (20260101 is not an epoch day), no null items in lists, and no control
 * characters in any string. Each refusal is a JSON mapping error with the path of the field, which
 * {@link ErrorResponses} answers as 400 problem+json naming it.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** The rules, for the application's mapper and for tests of them. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // java.time values: ISO text only (a lenient LocalDate takes a number as an epoch day)
        mapper.setDefaultLeniency(false);
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        SimpleModule strict = new SimpleModule("rigtrail-strict").addDeserializer(String.class, new Text());
        // an explicit null for an int, long, double or boolean is refused; a field left out keeps 0 or false
        // (FAIL_ON_NULL_FOR_PRIMITIVES would refuse left-out record components too)
        strict.addDeserializer(int.class, new NotNull<>(int.class, 0));
        strict.addDeserializer(long.class, new NotNull<>(long.class, 0L));
        strict.addDeserializer(double.class, new NotNull<>(double.class, 0.0));
        strict.addDeserializer(boolean.class, new NotNull<>(boolean.class, false));
        mapper.registerModule(strict);
        return mapper;
    }

    /** A primitive read as Jackson reads it, except that null is refused. */
    static final class NotNull<T> extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<T> {
        private final com.fasterxml.jackson.databind.JsonDeserializer<T> base;
        private final T zero;

        @SuppressWarnings("unchecked")
        NotNull(Class<T> type, T zero) {
            super(type);
            this.base = (com.fasterxml.jackson.databind.JsonDeserializer<T>) com.fasterxml.jackson.databind.deser.std
                    .NumberDeserializers.find(type, type.getName());
            this.zero = zero;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return base.deserialize(p, ctxt);
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            throw com.fasterxml.jackson.databind.exc.InvalidNullException.from(ctxt, null,
                    ctxt.constructType(handledType()));
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return zero;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return zero;
        }

        @Override
        public com.fasterxml.jackson.databind.util.AccessPattern getNullAccessPattern() {
            return com.fasterxml.jackson.databind.util.AccessPattern.DYNAMIC;
        }

        @Override
        public com.fasterxml.jackson.databind.type.LogicalType logicalType() {
            return base.logicalType();
        }
    }

    /** Strings without control characters; numbers and booleans are not read as text either. */
    static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                if (p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.START_ARRAY)
                        || p.currentToken().isScalarValue()) {
                    return (String) ctxt.handleUnexpectedToken(String.class, p);
                }
            }
            String text = p.getText();
            String problem = TextRules.problem(text);
            if (problem != null) {
                return (String) ctxt.handleWeirdStringValue(String.class, text, problem);
            }
            return text;
        }
    }
}
