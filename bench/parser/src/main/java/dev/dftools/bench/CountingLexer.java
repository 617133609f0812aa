package dev.dftools.bench;

import dev.dftools.grammar.internal.DockerfileLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.LexerATNSimulator;
import org.antlr.v4.runtime.atn.PredictionContextCache;
import org.antlr.v4.runtime.dfa.DFA;
import org.antlr.v4.runtime.dfa.DFAState;

/**
 * DockerfileLexer with a counting ATN simulator: how many tokens were matched, how many of them
 * had to start from a full ATN closure (no cached DFA start state), how many input chars needed
 * ATN simulation instead of a cached DFA edge, and how many predicates were evaluated. For
 * profiling only (--phases); it shares the real lexer's DFA cache.
 */
final class CountingLexer extends DockerfileLexer {

    static long tokens;
    static long startStateMisses;
    static long edgeMisses;
    static long predicates;

    CountingLexer(CharStream input) {
        super(input);
        setInterpreter(new Sim(this, _ATN, _decisionToDFA, _sharedContextCache));
    }

    private static final class Sim extends LexerATNSimulator {
        Sim(Lexer recog, ATN atn, DFA[] decisionToDFA, PredictionContextCache cache) {
            super(recog, atn, decisionToDFA, cache);
        }

        @Override
        public int match(CharStream input, int mode) {
            tokens++;
            return super.match(input, mode);
        }

        @Override
        protected int matchATN(CharStream input) {
            startStateMisses++;
            return super.matchATN(input);
        }

        @Override
        protected DFAState computeTargetState(CharStream input, DFAState s, int t) {
            edgeMisses++;
            return super.computeTargetState(input, s, t);
        }

        @Override
        protected boolean evaluatePredicate(CharStream input, int ruleIndex, int predIndex, boolean speculative) {
            predicates++;
            return super.evaluatePredicate(input, ruleIndex, predIndex, speculative);
        }
    }
}
