// POSIX sh lexer for Dockerfile RUN bodies.
// Words are scanned by hand in ShellLexerBase (quotes, $(...), ${...}, backticks nest and an
// explicit stack is linear and cannot overflow); reserved words, here-document bodies and
// [[ ... ]] depend on context, which the base class tracks as tokens are emitted.
lexer grammar ShellLexer;

options { superClass = ShellLexerBase; }

// Set only by ShellLexerBase: reserved words (recognised in command position), the digits of
// "2>", and the [[ ... ]] test words.
tokens { IF, THEN, ELSE, ELIF, FI, FOR, IN, DO, DONE, WHILE, UNTIL, CASE, ESAC, LBRACE, RBRACE,
         BANG, IO_NUMBER }

// Before WORD: a lone backslash-newline is a continuation, not an escaped newline word.
WS         : ( [ \t\r] | '\\' '\r'? '\n' )+ -> channel(HIDDEN) ;
NEWLINE    : '\r'? '\n' ;
// '#' only starts a comment at the start of a word; mid-word '#' is consumed by scanWord.
COMMENT    : '#' ~[\r\n]* -> channel(HIDDEN) ;

AND_IF     : '&&' ;
OR_IF      : '||' ;
DSEMI      : ';;' '&'? | ';&' ;
SEMI       : ';' ;
PIPE_AMP   : '|&' ;
PIPE       : '|' ;
AND_DGREAT : '&>>' ;
AND_GREAT  : '&>' ;
AMP        : '&' ;
LPAREN     : '(' ;
RPAREN     : ')' ;
TLESS      : '<<<' ;
DLESSDASH  : '<<-' { onHeredocOperator(true); } ;
DLESS      : '<<' { onHeredocOperator(false); } ;
LESSAND    : '<&' ;
LESSGREAT  : '<>' ;
LESS       : '<' ;
DGREAT     : '>>' ;
GREATAND   : '>&' ;
CLOBBER    : '>|' ;
GREAT      : '>' ;

// One char (or a process substitution opener) starts a word; scanWord reads the rest.
WORD       : ( ~[ \t\r\n;&|()<>] | [<>] '(' ) { scanWord(); } ;

// Inside [[ ... ]] operators such as && < ( are operands, so only blanks separate words.
mode TEST;
TEST_WS    : ( [ \t\r\n] | '\\' '\r'? '\n' )+ -> channel(HIDDEN) ;
TEST_WORD  : . { scanTestWord(); } ;
