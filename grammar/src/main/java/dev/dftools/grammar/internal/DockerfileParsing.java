package dev.dftools.grammar.internal;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SyntaxError;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;

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
        // UTF-16 indices: token offsets are Java char offsets and token text is a plain substring
        DockerfileLexer lexer = new DockerfileLexer(new Utf16CharStream(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        DockerfileAstBuilder builder = new DockerfileAstBuilder(text, lines, stream.getTokens(), lexer.escapeChar());
        DockerfileParser parser = new DockerfileParser(stream);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        // No parse tree is kept: each recognised directive, comment and instruction goes to the
        // builder as the parser leaves its rule (a retained tree was a large share of the time).
        parser.setBuildParseTree(false);
        parser.addParseListener(new ParseTreeListener() {
            @Override
            public void exitEveryRule(ParserRuleContext ctx) {
                if (ctx.stop == null || ctx.stop.getTokenIndex() < ctx.start.getTokenIndex()) {
                    return;
                }
                switch (ctx.getRuleIndex()) {
                    case DockerfileParser.RULE_directive -> builder.directive(ctx.start);
                    case DockerfileParser.RULE_comment -> builder.comment(ctx.start);
                    case DockerfileParser.RULE_instruction ->
                            builder.instruction(ctx.start.getTokenIndex(), ctx.stop.getTokenIndex());
                    default -> {
                        // nested rules carry nothing the builder needs
                    }
                }
            }

            @Override
            public void enterEveryRule(ParserRuleContext ctx) {
            }

            @Override
            public void visitTerminal(TerminalNode node) {
            }

            @Override
            public void visitErrorNode(ErrorNode node) {
            }
        });
        parser.dockerfile();
        return builder.finish(errors);
    }
}
