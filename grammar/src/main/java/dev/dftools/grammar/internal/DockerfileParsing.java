package dev.dftools.grammar.internal;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SyntaxError;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/** Runs the ANTLR lexer and parser and builds the AST. The only entry into the ANTLR world. */
public final class DockerfileParsing {

    private DockerfileParsing() {
    }

    public static Dockerfile parse(String text) {
        LineIndex lines = LineIndex.of(text);
        List<SyntaxError> errors = new ArrayList<>();
        BaseErrorListener listener = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column,
                    String message, RecognitionException e) {
                // The grammar accepts every token sequence the lexer makes; this is a safety net.
                int offset = lines.offset(line, column + 1);
                errors.add(new SyntaxError(message, lines.range(offset, offset)));
            }
        };
        DockerfileLexer lexer = new DockerfileLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        DockerfileParser parser = new DockerfileParser(stream);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        DockerfileParser.DockerfileContext tree = parser.dockerfile();
        List<Token> tokens = stream.getTokens();
        return new DockerfileAstBuilder(text, lines, tokens, lexer.escapeChar()).build(tree, errors);
    }
}
