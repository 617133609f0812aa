/*
 * Dockerfile lexer: the physical structure of a Dockerfile as BuildKit reads it.
 *
 * Lexing is stateful (the `# escape=` character, where parser directives may appear, which
 * lines follow a line continuation, heredoc delimiters). DockerfileLexerBase holds that state
 * and produces the tokens that depend on it (BOM, DIRECTIVE, CONTINUATION, CONT_COMMENT,
 * CONT_EMPTY, HEREDOC_END) by looking ahead before the rules below run, so that no rule has a
 * semantic predicate and ANTLR can cache its DFA (predicates made lexing 10x slower).
 * The words of an instruction are not split here: BuildKit splits them differently per
 * instruction after joining the continuation lines, and so does the AST builder.
 */
lexer grammar DockerfileLexer;

options { superClass = DockerfileLexerBase; }

tokens { BOM, DIRECTIVE, CONTINUATION, CONT_COMMENT, CONT_EMPTY, HEREDOC_END }

// ---- DEFAULT: the start of a physical line between instructions
COMMENT      : UWS* '#' ~[\n]* '\n'?;
LEADING_WS   : UWS+ -> channel(HIDDEN);
BLANK_LINE   : '\n' -> channel(HIDDEN);

// ---- KEYWORD: the first word of an instruction (and the trigger after ONBUILD)
mode KEYWORD;
K_WS           : [ \t]+ -> type(WS);
K_END          : '\r'* '\n' -> type(INSTRUCTION_END);
K_CR           : '\r'+ -> type(TEXT);
// A longer word (RUNX) lexes as UNKNOWN_KEYWORD by longest match, so no predicate is needed.
ADD          : A D D;
ARG          : A R G;
CMD          : C M D;
COPY         : C O P Y;
ENTRYPOINT   : E N T R Y P O I N T;
ENV          : E N V;
EXPOSE       : E X P O S E;
FROM         : F R O M;
HEALTHCHECK  : H E A L T H C H E C K;
LABEL        : L A B E L;
MAINTAINER   : M A I N T A I N E R;
ONBUILD      : O N B U I L D;
RUN          : R U N;
SHELL        : S H E L L;
STOPSIGNAL   : S T O P S I G N A L;
USER         : U S E R;
VOLUME       : V O L U M E;
WORKDIR      : W O R K D I R;
UNKNOWN_KEYWORD : ~[ \t\r\n\\`]+ | [\\`];

// ---- ARGS: the rest of the instruction, up to the end of its last continued line
mode ARGS;
WS           : [ \t]+;
TEXT         : ~[ \t\r\n\\`]+ | [\\`] | '\r'+;
INSTRUCTION_END : '\r'* '\n';

// ---- HEREDOC: body lines of the heredocs opened on the instruction's line, in order
mode HEREDOC;
HEREDOC_LINE : ~[\n]+ '\n'? | '\n';   // the base class retypes a delimiter line as HEREDOC_END

// Unicode white space as Go's unicode.IsSpace sees it, minus the newline
fragment UWS : [ \t\r\f\u000B\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000];

fragment A : [aA]; fragment B : [bB]; fragment C : [cC]; fragment D : [dD];
fragment E : [eE]; fragment F : [fF]; fragment G : [gG]; fragment H : [hH];
fragment I : [iI]; fragment K : [kK]; fragment L : [lL]; fragment M : [mM];
fragment N : [nN]; fragment O : [oO]; fragment P : [pP]; fragment R : [rR];
fragment S : [sS]; fragment T : [tT]; fragment U : [uU]; fragment V : [vV];
fragment W : [wW]; fragment X : [xX]; fragment Y : [yY];
