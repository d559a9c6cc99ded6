package io.liaison.benchmark.broker;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Item sizes as DynamoDB counts them for capacity: attribute name lengths plus value sizes (UTF-8
 * strings, binary lengths, numbers approximated by their digits), containers with 3 bytes overhead.
 */
final class Sizes {
    private Sizes() {}

    static int item(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + value(e.getValue())).sum();
    }

    private static int value(AttributeValue v) {
        return switch (v.type()) {
            case S -> utf8(v.s());
            case N -> (v.n().length() + 1) / 2 + 1;
            case B -> v.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> v.ss().stream().mapToInt(Sizes::utf8).sum();
            case NS -> v.ns().stream().mapToInt(n -> (n.length() + 1) / 2 + 1).sum();
            case BS -> v.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
            case M -> 3 + item(v.m());
            case L -> 3 + v.l().stream().mapToInt(Sizes::value).sum();
            case UNKNOWN_TO_SDK_VERSION -> 0;
        };
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
