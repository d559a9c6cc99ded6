package io.liaison.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {
    @Test
    void canonical_isTheSame_whateverTheOrderOfMembers() throws Exception {
        String a = Json.canonical(Json.MAPPER.readTree("{\"b\":1,\"a\":{\"y\":2,\"x\":[{\"q\":1,\"p\":2}]}}"));
        String b = Json.canonical(Json.MAPPER.readTree("{\"a\":{\"x\":[{\"p\":2,\"q\":1}],\"y\":2},\"b\":1}"));

        assertThat(a).isEqualTo(b).isEqualTo("{\"a\":{\"x\":[{\"p\":2,\"q\":1}],\"y\":2},\"b\":1}");
    }
}
