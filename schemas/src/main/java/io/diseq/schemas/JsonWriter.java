package io.diseq.schemas;

import java.util.HexFormat;

/**
 * A minimal, allocation-light JSON object writer for the documented JSON views, so that this module
 * needs no JSON library. Only what the views use: strings, integers, hex byte strings, null, nested
 * objects. Callers build one object at a time; names are written in call order.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder(128);
    private boolean first = true;

    JsonWriter() {
        out.append('{');
    }

    JsonWriter string(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonWriter number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** Lowercase hex without 0x, or null. */
    JsonWriter hex(String name, byte[] value) {
        return string(name, value == null ? null : HexFormat.of().formatHex(value));
    }

    JsonWriter object(String name, JsonWriter nested) {
        name(name);
        out.append(nested.toJson());
        return this;
    }

    String toJson() {
        return out + "}";
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(name);
        out.append(':');
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
