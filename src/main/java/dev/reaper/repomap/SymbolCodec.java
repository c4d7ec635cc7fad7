package dev.reaper.repomap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One file's symbols as the bytes of a cache row: each name once (definitions and references share a
 * table), then definitions, references and imports as indexes and numbers. Names are interned on the way
 * back, so a workspace's millions of references share a few hundred thousand strings.
 */
final class SymbolCodec {

    private SymbolCodec() {}

    static byte[] encode(FileSymbols s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Map<String, Integer> table = new LinkedHashMap<>();
            for (Definition d : s.definitions()) {
                table.putIfAbsent(d.name(), table.size());
                table.putIfAbsent(d.kind(), table.size());
                table.putIfAbsent(d.scope(), table.size());
            }
            References r = s.references();
            for (int i = 0; i < r.size(); i++) {
                table.putIfAbsent(r.name(i), table.size());
            }
            writeCount(out, table.size());
            for (String name : table.keySet()) {
                out.writeUTF(name);
            }
            writeCount(out, s.definitions().size());
            for (Definition d : s.definitions()) {
                writeCount(out, table.get(d.name()));
                writeCount(out, table.get(d.kind()));
                writeCount(out, d.line());
                writeCount(out, table.get(d.scope()));
            }
            writeCount(out, r.size());
            for (int i = 0; i < r.size(); i++) {
                writeCount(out, table.get(r.name(i)));
                writeCount(out, r.count(i));
            }
            writeCount(out, s.imports().size());
            for (String spec : s.imports()) {
                out.writeUTF(spec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static FileSymbols decode(byte[] data, UnaryOperator<String> intern) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        String[] table = new String[readCount(in)];
        for (int i = 0; i < table.length; i++) {
            table[i] = intern.apply(in.readUTF());
        }
        int defs = readCount(in);
        List<Definition> definitions = new ArrayList<>(defs);
        for (int i = 0; i < defs; i++) {
            definitions.add(new Definition(table[readCount(in)], table[readCount(in)], readCount(in),
                    table[readCount(in)]));
        }
        int refs = readCount(in);
        String[] names = new String[refs];
        int[] counts = new int[refs];
        for (int i = 0; i < refs; i++) {
            names[i] = table[readCount(in)];
            counts[i] = readCount(in);
        }
        int imports = readCount(in);
        List<String> specs = new ArrayList<>(imports);
        for (int i = 0; i < imports; i++) {
            specs.add(in.readUTF());
        }
        return new FileSymbols(definitions, new References(names, counts), specs);
    }

    /** A non-negative number in 7-bit groups: most are small. */
    private static void writeCount(DataOutputStream out, int n) throws IOException {
        int v = n;
        while ((v & ~0x7f) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readCount(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("a malformed number in a cached row");
    }
}
