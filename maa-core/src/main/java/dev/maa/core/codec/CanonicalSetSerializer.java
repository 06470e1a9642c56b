package dev.maa.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Writes a set's elements in the order of their canonical JSON text, so that equal sets give the same bytes
 * (and digest) whatever order the caller's set iterates in.
 */
final class CanonicalSetSerializer extends StdSerializer<Set<?>> {

    private static final long serialVersionUID = 1L;

    private static final JsonFactory ELEMENTS = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    @SuppressWarnings({"unchecked", "rawtypes"})
    CanonicalSetSerializer() {
        super((Class) Set.class);
    }

    @Override
    public void serialize(Set<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        List<String> elements = new ArrayList<>(value.size());
        for (Object element : value) {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = ELEMENTS.createGenerator(text)) {
                provider.defaultSerializeValue(element, g);
            }
            elements.add(text.toString());
        }
        Collections.sort(elements);
        gen.writeStartArray(value, elements.size());
        for (String element : elements) {
            gen.writeRawValue(element);
        }
        gen.writeEndArray();
    }
}
