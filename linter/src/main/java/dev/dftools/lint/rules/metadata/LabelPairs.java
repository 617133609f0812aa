package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The key/value pairs of a LABEL as the image will hold them: quotes and escapes removed (the
 * AST keeps them, as BuildKit's parser does). Variables are left as written.
 */
final class LabelPairs {

    private static final Pattern VARIABLE = Pattern.compile("\\$(\\{|[A-Za-z_])");

    /** One label: its text and the words it came from. */
    record Pair(String key, String value, Word keyWord, Word valueWord) {

        /** True when the value refers to a variable, so its real value is known only at build time. */
        boolean hasVariable() {
            return VARIABLE.matcher(valueWord.value()).find();
        }
    }

    private LabelPairs() {
    }

    static List<Pair> of(Instruction instruction, char escape) {
        List<Pair> result = new ArrayList<>();
        if (instruction instanceof Instruction.Label label) {
            for (KeyValue kv : label.pairs()) {
                result.add(new Pair(unquote(kv.key().value(), escape), unquote(kv.value().value(), escape), kv.key(),
                        kv.value()));
            }
        }
        return result;
    }

    /** Removes shell-style quotes and escapes, as BuildKit's word processing does (without expanding). */
    static String unquote(String word, char escape) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '\'') {
                int end = word.indexOf('\'', i + 1);
                end = end < 0 ? word.length() : end;
                out.append(word, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < word.length() && word.charAt(i) != '"') {
                    char d = word.charAt(i);
                    if (d == escape && i + 1 < word.length() && "\"$".indexOf(word.charAt(i + 1)) >= 0
                            || d == escape && i + 1 < word.length() && word.charAt(i + 1) == escape) {
                        out.append(word.charAt(i + 1));
                        i += 2;
                    } else {
                        out.append(d);
                        i++;
                    }
                }
                i++;
            } else if (c == escape) {
                if (i + 1 < word.length()) {
                    out.append(word.charAt(i + 1));
                }
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
