// POSIX sh grammar for Dockerfile RUN bodies: lists, and-or lists, pipelines, simple commands
// with redirections, subshells, brace groups, if/for/while/until/case and function definitions.
// Tolerant where a linter wants to keep going: stray closing tokens at top level are collected
// instead of ending the parse.
parser grammar ShellParser;

options { tokenVocab = ShellLexer; }

script       : sequence (stray sequence)* EOF ;
stray        : RPAREN | RBRACE | THEN | ELSE | ELIF | FI | DO | DONE | ESAC | DSEMI | IN ;

// Separators are required between and-or lists: "a b" is one command, never two.
sequence     : separator* (andOr (separator+ andOr)* separator*)? ;
separator    : SEMI | AMP | NEWLINE ;

andOr        : pipeline ((AND_IF | OR_IF) NEWLINE* pipeline)* ;
pipeline     : BANG? command ((PIPE | PIPE_AMP) NEWLINE* command)* ;

command      : functionDef
             | simpleCommand
             | compound redirect*
             ;
functionDef  : WORD LPAREN RPAREN NEWLINE* compound redirect* ;
simpleCommand: (WORD | redirect)+ ;

redirect     : IO_NUMBER? redirectOp WORD ;
redirectOp   : LESS | GREAT | DGREAT | LESSAND | GREATAND | LESSGREAT | CLOBBER
             | AND_GREAT | AND_DGREAT | DLESS | DLESSDASH | TLESS ;

compound     : subshell | braceGroup | ifClause | forClause | whileClause | caseClause ;
subshell     : LPAREN sequence RPAREN ;
braceGroup   : LBRACE sequence RBRACE ;
ifClause     : IF sequence THEN sequence elifPart* elsePart? FI ;
elifPart     : ELIF sequence THEN sequence ;
elsePart     : ELSE sequence ;
forClause    : FOR WORD (NEWLINE* IN WORD*)? separator* doGroup ;
whileClause  : (WHILE | UNTIL) sequence doGroup ;
doGroup      : DO sequence DONE ;
caseClause   : CASE WORD NEWLINE* IN (NEWLINE | caseItem)* ESAC ;
caseItem     : LPAREN? WORD (PIPE WORD)* RPAREN sequence DSEMI? ;
