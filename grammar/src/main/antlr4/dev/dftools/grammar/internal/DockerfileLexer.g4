/*
 * Dockerfile lexer: the physical structure of a Dockerfile as BuildKit reads it.
 *
 * Lexing is stateful (the `# escape=` character, where parser directives may appear, which
 * lines follow a line continuation, heredoc delimiters); that state lives in
 * DockerfileLexerBase and the grammar only calls into it. The words of an instruction are
 * not split here: BuildKit splits them differently per instruction after joining the
 * continuation lines, and so does our AST builder (InstructionSplitter).
 */
lexer grammar DockerfileLexer;

options { superClass = DockerfileLexerBase; }

tokens { HEREDOC_END }

// ---- DEFAULT: the start of a physical line between instructions
BOM          : {atFileStart()}? '\uFEFF' -> channel(HIDDEN);
DIRECTIVE    : {directiveAhead()}? UWS* '#' ~[\n]* '\n'?;
COMMENT      : UWS* '#' ~[\n]* '\n'?;
LEADING_WS   : UWS+ -> channel(HIDDEN);
BLANK_LINE   : '\n' -> channel(HIDDEN);

// ---- KEYWORD: the first word of an instruction (and the trigger after ONBUILD)
mode KEYWORD;
K_CONTINUATION : {continuationAhead()}? . [ \t]* '\r'* '\n'? -> type(CONTINUATION);
K_CONT_COMMENT : {afterContinuation()}? UWS* '#' ~[\n]* '\n'? -> type(CONT_COMMENT);
K_CONT_EMPTY   : {afterContinuation()}? UWS* '\n' -> type(CONT_EMPTY);
K_WS           : [ \t]+ -> type(WS);
K_END          : '\r'* '\n' -> type(INSTRUCTION_END);
K_CR           : '\r'+ -> type(TEXT);
ADD          : A D D {keywordEnds()}?;
ARG          : A R G {keywordEnds()}?;
CMD          : C M D {keywordEnds()}?;
COPY         : C O P Y {keywordEnds()}?;
ENTRYPOINT   : E N T R Y P O I N T {keywordEnds()}?;
ENV          : E N V {keywordEnds()}?;
EXPOSE       : E X P O S E {keywordEnds()}?;
FROM         : F R O M {keywordEnds()}?;
HEALTHCHECK  : H E A L T H C H E C K {keywordEnds()}?;
LABEL        : L A B E L {keywordEnds()}?;
MAINTAINER   : M A I N T A I N E R {keywordEnds()}?;
ONBUILD      : O N B U I L D {onbuildAllowed()}?;
RUN          : R U N {keywordEnds()}?;
SHELL        : S H E L L {keywordEnds()}?;
STOPSIGNAL   : S T O P S I G N A L {keywordEnds()}?;
USER         : U S E R {keywordEnds()}?;
VOLUME       : V O L U M E {keywordEnds()}?;
WORKDIR      : W O R K D I R {keywordEnds()}?;
UNKNOWN_KEYWORD : ~[ \t\r\n\\`]+ | [\\`];

// ---- ARGS: the rest of the instruction, up to the end of its last continued line
mode ARGS;
CONTINUATION : {continuationAhead()}? . [ \t]* '\r'* '\n'?;
CONT_COMMENT : {afterContinuation()}? UWS* '#' ~[\n]* '\n'?;
CONT_EMPTY   : {afterContinuation()}? UWS* '\n';
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
